/**
 * A jumped story (转版): one story set through the parts it has on several pages, as one flow.
 *
 * The story's columns are its first part's, then each continuation's, in chain order; every
 * part but the last keeps the last grid line of its last column for the jump line （下转第N版）
 * (right-aligned), every part but the first the first grid line of its first column for
 * （上接第M版） (left-aligned), both in the story's body face, wording from the house style. The
 * copy is set once and flowed through all those columns by the one text-frame tail every story
 * goes through (setInFrame): copyfit works on the whole story, so the first part ends full at
 * its jump line and the last takes the rest; 段末孤行 at the head of a continuation is found as at
 * any column head; the overset is what the last part cannot hold, the story's.
 *
 * The tail draws on one page, so the parts are stacked on a tall galley for it — part k's
 * columns GALLEY × k lower — and what it draws is dealt back to the parts' pages by depth.
 */
import type { StoryCopy } from "../copy/types.js";
import type { DisplayItem } from "../display/types.js";
import type { Grid, StorySpec } from "./spec.js";
import type { MakeupContext } from "./context.js";
import type { FlowColumn } from "./flow.js";
import { frameCopyfit, setInFrame } from "./frame.js";
import { baselineIn } from "./geometry.js";
import type { MadeItem } from "./maker.js";
import type { StoryPartReport, StoryReport } from "./report.js";
import { storyFlow, storyFrame, storyRunaround } from "./story.js";
import { displayLine, drawLine } from "./text.js";

/** One part of a jumped story: its item, and the context and grid of its page. */
export interface StoryPart {
  spec: StorySpec;
  ctx: MakeupContext;
  grid: Grid;
}

/** Depth between the parts on the galley, pt: far beyond any trim (1500 mm), a power of two so shifting is exact. */
const GALLEY = 2 ** 20;

/** 1–999 in Chinese numerals, as a folio is read: 二, 十二, 一百零五. */
export function chineseNumeral(n: number): string {
  const digits = "零一二三四五六七八九";
  if (!Number.isInteger(n) || n < 1 || n > 999) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let s = h ? `${digits[h]}百` : "";
  if (t) s += `${t === 1 && !h ? "" : digits[t]}十`;
  else if (h && u) s += "零";
  if (u) s += digits[u];
  return s;
}

/** The jump line's text: the house style's wording with the other part's page number. */
export function jumpText(ctx: MakeupContext, to: boolean, page: number): string {
  const jump = ctx.houseStyle.jump;
  const n = jump.numerals === "chinese" ? chineseNumeral(page) : String(page);
  return (to ? jump.to : jump.from).replace("{page}", n);
}

/**
 * Make up the parts of one jumped story, in chain order (the first names the copy): what goes on
 * each part's page. The first part's report is the story's, once, with its `parts`; each
 * continuation's page lists its part (`partOf` the story).
 */
export function makeupJumpedStory(parts: StoryPart[]): MadeItem[] {
  const head = parts[0]!;
  const story = head.spec;
  const copy = story.copy;
  const pitch = head.grid.linePitch;
  const last = parts.length - 1;
  // A continuation's heading repeats the title only.
  const heading: StoryCopy = { file: copy.file, paragraphs: [], ...(copy.title ? { title: copy.title } : {}) };
  const frames = parts.map((p, k) => storyFrame(p.ctx, p.grid, p.spec, k === 0 ? copy : heading));
  const measure = frames[0]!.measure;
  const jumps: { to?: string; from?: string }[] = parts.map(() => ({}));
  parts.forEach((p, k) => {
    const { columns, items } = frames[k]!;
    if (!columns.length) return;
    const width = measure * story.body.size;
    const line = (to: boolean, col: FlowColumn, top: number) => {
      const page = parts[to ? k + 1 : k - 1]!.ctx.page;
      const text = jumpText(p.ctx, to, page);
      const align = to ? p.ctx.houseStyle.jump.toAlign : p.ctx.houseStyle.jump.fromAlign;
      const set = displayLine(p.ctx, text, story.body, width, align, { itemId: p.spec.id, part: to ? "jump line (下转)" : "jump line (上接)" });
      items.push(...drawLine(set, col.x, baselineIn(top, pitch, story.body.size), p.spec.id, "jump"));
      return set.line.text;
    };
    if (k > 0) {
      const first = columns[0]!;
      jumps[k]!.from = line(false, first, first.top);
      columns[0] = { ...first, top: first.top + pitch, lines: Math.max(0, first.lines - 1) };
    }
    if (k < last) {
      const c = columns.length - 1;
      const col = columns[c]!;
      const lines = Math.max(0, col.lines - 1);
      jumps[k]!.to = line(true, col, col.top + lines * pitch);
      columns[c] = { ...col, lines };
    }
  });

  const flow = storyFlow(head.ctx, head.grid, story, measure);
  // 图文互斥 on each part's page: its columns cut around the photos and boxes over it.
  const arounds = parts.map((p, k) => storyRunaround(p.ctx, p.grid, p.spec, frames[k]!.columns));
  const partOf: number[] = [];
  const galley = arounds.flatMap((f, k) =>
    f.columns.map((c) => {
      partOf.push(k);
      return { ...c, top: c.top + k * GALLEY };
    }),
  );
  const made = setInFrame({ id: story.id, columns: galley, pitch, copyfit: frameCopyfit(head.ctx, story.body, story.copyfit, true) }, flow.parts, [flow.copy], head.ctx.page);
  head.ctx.warnings.push(...made.warnings);

  // Deal the drawing back to the pages.
  const drawn: DisplayItem[][] = parts.map(() => []);
  for (const item of made.items) {
    const k = Math.min(last, Math.max(0, Math.round(depthOf(item) / GALLEY)));
    drawn[k]!.push(k === 0 ? item : lift(item, k * GALLEY, parts[k]!.spec.id));
  }

  const report = made.reports[0]!;
  const pageOf = (k: number) => parts[k]!.ctx.page;
  const framesOf = report.frames.map((f, i) => ({ ...f, y: f.y - partOf[i]! * GALLEY, page: pageOf(partOf[i]!) }));
  const partReports: StoryPartReport[] = parts.map((p, k) => {
    const cols = partOf.flatMap((q, i) => (q === k ? [i] : []));
    const linesPerColumn = cols.map((i) => report.linesPerColumn[i]!);
    return {
      id: p.spec.id,
      page: pageOf(k),
      lines: linesPerColumn.reduce((n, l) => n + l, 0),
      linesPerColumn,
      frames: cols.map((i) => framesOf[i]!),
      ...(jumps[k]!.from !== undefined ? { jumpFrom: jumps[k]!.from } : {}),
      ...(jumps[k]!.to !== undefined ? { jumpTo: jumps[k]!.to } : {}),
    };
  });
  const whole: StoryReport = { ...report, frames: framesOf, parts: partReports, ...(arounds[0]!.report ? { runaround: arounds[0]!.report } : {}) };
  if (partReports.length > 1 && partReports[last]!.lines === 0) {
    head.ctx.warnings.push({
      code: "layout",
      message: `${story.id}: the whole story fits before its jump; its continuation ${partReports[last]!.id} on page ${partReports[last]!.page} is empty (add copy, or give the first part less room)`,
      itemId: story.id,
    });
  }
  return parts.map((p, k) => {
    const items = [...frames[k]!.items, ...drawn[k]!];
    if (k === 0) return { items, reports: [whole] };
    const own = partReports[k]!;
    const entry: StoryReport = {
      id: p.spec.id,
      kind: "story",
      page: own.page,
      copy: report.copy,
      measure: report.measure,
      frames: own.frames,
      linesPerColumn: own.linesPerColumn,
      overset: k === last ? report.overset : { lines: 0, chars: 0 },
      underset: k === last ? report.underset : { lines: 0 },
      paragraphs: [],
      partOf: story.id,
      ...(arounds[k]!.report ? { runaround: arounds[k]!.report } : {}),
    };
    return { items, reports: [entry] };
  });
}

/** How far down the galley an item lies (the top of what it paints). */
function depthOf(item: DisplayItem): number {
  return item.kind === "rule" ? Math.min(item.y1, item.y2) : item.y;
}

/** An item drawn `dy` down the galley, brought up onto its own page and named for its part. */
function lift(item: DisplayItem, dy: number, itemId: string): DisplayItem {
  if (item.kind === "rule") return { ...item, y1: item.y1 - dy, y2: item.y2 - dy, itemId };
  return { ...item, y: item.y - dy, itemId };
}
