/**
 * 图文互斥: a photo or a box placed over a story's area takes the grid lines it covers out of
 * the story's columns, and the text runs on below or beside it, on the grid.
 *
 * The cut is made on the frame's columns before anything is flowed: each text column becomes
 * one or more segments (FlowColumn, whole grid lines, the column's own x and width), in reading
 * order top to bottom, and flow, copyfit, 段末孤行 and the report then treat a segment exactly as
 * a column (its head and foot are a column's head and foot). Any frame made of FlowColumns can
 * be cut this way (a story's, a continuation's on another page); a segment says which text
 * column it belongs to (`column`) and which item it continues below (`after`).
 *
 * Vertical text (竖排) is cut the same way: a vertical line is a grid line of its tier (a strip a
 * pitch wide, the tier's whole length), so an item over a tier takes the vertical lines it
 * covers, and the text goes on in the lines to its left.
 */
import type { Rect } from "../common/geometry.js";
import type { GridArea } from "../layout/types.js";
import { slotRect, type FlowColumn } from "./flow.js";
import { areaRect } from "./geometry.js";
import type { PageSpec } from "./spec.js";

/** An item a story's text runs around: its area on the page and the clearance its text keeps, pt. */
export interface Exclusion {
  id: string;
  rect: Rect;
  clearance: number;
}

/** What the report says of a story's runaround (StoryReport.runaround). */
export interface RunaroundReport {
  /** Each item over the story: the text columns it cuts (from 1, in flow order) and the grid lines it takes from them. */
  items: { id: string; columns: number[]; lines: number }[];
  /** Pieces of columns left too short to hold text (under the house style's minLines), left empty: text column and grid lines. */
  skipped: { column: number; lines: number }[];
  /** Grid lines the story loses in all, taken and skipped. */
  lost: number;
}

/** Slack for rounding in positions, pt (as the collision check has it). */
const EPSILON = 0.01;

const cellsOverlap = (a: GridArea, b: GridArea) =>
  a.column < b.column + b.span && b.column < a.column + a.span && a.line < b.line + b.lines && b.line < a.line + a.lines;

/**
 * Per story on a page, the items its text runs around: every photo and box whose area shares
 * grid cells with the story's, unless it says `runaround: false`; its clearance is its own
 * runaround or the house style's.
 */
export function pageExclusions(page: PageSpec): Map<string, Exclusion[]> {
  const byStory = new Map<string, Exclusion[]>();
  const over = page.items.filter((i) => (i.type === "photo" || i.type === "sidebar") && i.runaround !== false);
  if (!over.length) return byStory;
  for (const story of page.items) {
    if (story.type !== "story") continue;
    for (const item of over) {
      if ((item.type !== "photo" && item.type !== "sidebar") || item.runaround === false) continue;
      if (!story.areas.some((a) => cellsOverlap(a, item.area))) continue;
      const list = byStory.get(story.id) ?? [];
      list.push({ id: item.id, rect: areaRect(page.grid, item.area), clearance: item.runaround === undefined ? page.houseStyle.runaround.clearance : item.runaround });
      byStory.set(story.id, list);
    }
  }
  return byStory;
}

/**
 * Pairs (text item id, picture item id) a layout prints one over the other on purpose: a photo
 * or box with `runaround: false` over a story. Keys are `story\u0000item`.
 */
export function pageOverprints(page: PageSpec): Set<string> {
  const pairs = new Set<string>();
  for (const item of page.items) {
    if ((item.type !== "photo" && item.type !== "sidebar") || item.runaround !== false) continue;
    for (const story of page.items) {
      if (story.type === "story" && story.areas.some((a) => cellsOverlap(a, item.area))) pairs.add(overprintKey(story.id, item.id));
    }
  }
  return pairs;
}

export const overprintKey = (text: string, picture: string) => `${text}\u0000${picture}`;

/**
 * Cut a frame's columns around `exclusions`: a grid line of a column is taken when the em box
 * of text on it (`size` pt centred in the line's `pitch`, along the line's whole length) would
 * come within an item's clearance of its area; what is left of each column are its segments,
 * and a segment of fewer than `minLines` lines is skipped. With no exclusions the columns come
 * back as they are (and no report).
 */
export function cutColumns(
  columns: FlowColumn[],
  exclusions: readonly Exclusion[],
  o: { pitch: number; size: number; minLines: number },
): { columns: FlowColumn[]; report?: RunaroundReport } {
  if (!exclusions.length) return { columns };
  const { pitch, size } = o;
  const half = (pitch - size) / 2;
  const taken = exclusions.map(() => ({ columns: new Set<number>(), lines: 0 }));
  const skipped: RunaroundReport["skipped"] = [];
  const segments: FlowColumn[] = [];
  let lost = 0;
  columns.forEach((col, k) => {
    // Which item (index) takes each grid line of the column; -1: free. A line's text is its
    // slot less half the leading on each side across the line (a vertical line: its slot's
    // width less the same), along the whole line.
    const by = Array.from({ length: col.lines }, (_, j) => {
      const slot = slotRect(col, j, 1, pitch);
      const x0 = slot.x + (col.vertical ? half : 0);
      const x1 = slot.x + slot.width - (col.vertical ? half : 0);
      const y0 = slot.y + (col.vertical ? 0 : half);
      const y1 = slot.y + slot.height - (col.vertical ? 0 : half);
      let who = -1;
      exclusions.forEach((e, n) => {
        const r = e.rect;
        const c = e.clearance;
        if (x0 < r.x + r.width + c - EPSILON && r.x - c < x1 - EPSILON && y0 < r.y + r.height + c - EPSILON && r.y - c < y1 - EPSILON) {
          taken[n]!.columns.add(k + 1);
          taken[n]!.lines++;
          if (who < 0) who = n;
        }
      });
      return who;
    });
    let j = 0;
    let after: string | undefined;
    while (j < col.lines) {
      if (by[j]! >= 0) {
        after = exclusions[by[j]!]!.id;
        lost++;
        j++;
        continue;
      }
      let end = j;
      while (end < col.lines && by[end]! < 0) end++;
      const lines = end - j;
      if (lines < o.minLines && lines < col.lines) {
        skipped.push({ column: k + 1, lines });
        lost += lines;
      } else {
        // A horizontal segment is lines [j, end) down the column; a vertical one, slots [j, end) right to left.
        const place = col.vertical ? { x: col.x + col.width - end * pitch, width: lines * pitch } : { top: col.top + j * pitch };
        segments.push({ ...col, ...place, lines, column: k, ...(after !== undefined ? { after } : {}) });
      }
      j = end;
    }
  });
  return {
    columns: segments,
    report: { items: exclusions.map((e, n) => ({ id: e.id, columns: [...taken[n]!.columns], lines: taken[n]!.lines })), skipped, lost },
  };
}
