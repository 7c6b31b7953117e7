/**
 * Flowing lines through text columns on the grid: a column full, the next; all full, the rest
 * is overset. Every line sits on a grid line, so lines in neighbouring columns share baselines.
 */
import type { Warning } from "../common/diagnostics.js";
import type { Rect } from "../common/geometry.js";
import type { DisplayItem, ProofMark } from "../display/types.js";

/** A text column of the flow: where it is and which grid lines it holds. */
export interface FlowColumn {
  x: number;
  width: number;
  /** Top of its first grid line, pt. */
  top: number;
  /** Grid lines it holds. */
  lines: number;
  /**
   * Vertical text (竖排): the column is a tier (栏) of vertical lines. Its `lines` slots, each a
   * grid pitch wide, run right to left from its right edge (x + width); each is `length` pt
   * long from `top` down.
   */
  vertical?: { length: number };
  /**
   * A segment of a text column cut around a photo or box (图文互斥, src/makeup/runaround.ts):
   * the text column it belongs to (from 0, in flow order) and the item it continues below (or,
   * vertically, to the left of). Absent on a column that was not cut.
   */
  column?: number;
  after?: string;
}

/** How warnings name a column of the flow: "column 3", or a segment's "column 2 (below mug)". */
export function columnName(columns: FlowColumn[], c: number): string {
  const col = columns[c];
  if (col?.column === undefined) return `column ${c + 1}`;
  return `column ${col.column + 1}${col.after !== undefined ? ` (${col.vertical ? "beside" : "below"} ${col.after})` : ""}`;
}

/**
 * The slot of `count` grid lines from line `from` of a column: a band across a horizontal
 * column, down the page; a strip of a vertical tier, right to left.
 */
export function slotRect(col: FlowColumn, from: number, count: number, pitch: number): Rect {
  if (col.vertical) return { x: col.x + col.width - (from + count) * pitch, y: col.top, width: count * pitch, height: col.vertical.length };
  return { x: col.x, y: col.top + from * pitch, width: col.width, height: count * pitch };
}

/** The whole of a column on the page. */
export function columnRect(col: FlowColumn, pitch: number): Rect {
  return col.vertical ? { x: col.x, y: col.top, width: col.width, height: col.vertical.length } : { x: col.x, y: col.top, width: col.width, height: col.lines * pitch };
}

/** Something that takes whole grid lines in a column: a line of text, an item head. */
export interface FlowLine {
  /** Grid lines it takes (1 for a body line). */
  span: number;
  /** Keep in the same column as the line after it (a head never ends a column). */
  keepWithNext?: boolean;
  /**
   * Draw it with its slot's left edge at `x` and its first grid line's top at `top`, `width`
   * wide (a vertical line: its slot's left edge, the tier's top, the slot's width across).
   */
  draw(x: number, top: number, width: number): DisplayItem[];
  /** Which paragraph it belongs to and its text (for the report's overset count). */
  paragraph?: number;
  text?: string;
  /** Width the line's content takes from the slot's left edge, pt (to run a credit in after it). */
  width?: number;
  /**
   * Set on the last line of a paragraph of two or more lines: at the head of a column it would
   * stand there alone, cut off from its paragraph (段末孤行).
   */
  paragraphEnd?: { itemId: string; paragraph: number };
}

export interface FlowResult {
  items: DisplayItem[];
  /** Grid lines used in each column. */
  used: number[];
  /** Lines that did not fit. */
  overset: FlowLine[];
  /** The first line set in each column (undefined for a column left empty). */
  heads?: (FlowLine | undefined)[];
}

export function flowLines(lines: FlowLine[], columns: FlowColumn[], pitch: number): FlowResult {
  const items: DisplayItem[] = [];
  const used = columns.map(() => 0);
  const heads: (FlowLine | undefined)[] = columns.map(() => undefined);
  let c = 0;
  let i = 0;
  while (i < lines.length && c < columns.length) {
    const col = columns[c]!;
    // A line that keeps with the next needs room for both.
    let need = lines[i]!.span;
    for (let j = i; lines[j]?.keepWithNext && lines[j + 1]; j++) need += lines[j + 1]!.span;
    const room = col.lines - used[c]!;
    if (need > room && !(used[c] === 0 && lines[i]!.span <= room)) {
      c++;
      continue;
    }
    // Here the line fits: either it and what it keeps with fit, or it heads an empty column.
    const line = lines[i]!;
    const slot = slotRect(col, used[c]!, line.span, pitch);
    items.push(...line.draw(slot.x, slot.y, slot.width));
    if (used[c] === 0) heads[c] = line;
    used[c]! += line.span;
    i++;
  }
  return { items, used, overset: lines.slice(i), heads };
}

/**
 * 段末孤行: a column after the first that begins with the last line of a paragraph of two or
 * more lines. The layout is kept (on a newspaper grid every column runs to its foot; moving a
 * line over would leave a hole); the report names it and the proof marks the line, so the copy
 * can be cut or lengthened by a line.
 */
export function widows(result: FlowResult, columns: FlowColumn[], pitch: number): { warnings: Warning[]; marks: ProofMark[] } {
  const warnings: Warning[] = [];
  const marks: ProofMark[] = [];
  (result.heads ?? []).forEach((line, c) => {
    const col = columns[c];
    if (c === 0 || !col || !line?.paragraphEnd) return;
    const { itemId, paragraph } = line.paragraphEnd;
    warnings.push({
      code: "widow",
      message: `${itemId}: ${columnName(columns, c)} begins with the last line of paragraph ${paragraph + 1} (段末孤行: “${line.text ?? ""}”); cut or add a line of copy`,
      itemId,
      paragraph,
    });
    marks.push({ kind: "proof-mark", reason: "widow", ...slotRect(col, 0, line.span, pitch), label: "孤行", itemId });
  });
  return { warnings, marks };
}
