/** A story on the grid: headline block, byline, body flowed through its columns, credit. */
import type { StoryCopy } from "../copy/types.js";
import type { DisplayItem } from "../display/types.js";
import type { Grid } from "../layout/types.js";
import type { VerticalStyle } from "../typeset/vertical/types.js";
import type { MakeupContext } from "./context.js";
import type { StorySpec } from "./spec.js";
import type { FlowPart } from "./copyfit.js";
import { withCreditPart } from "./credit.js";
import type { FlowColumn } from "./flow.js";
import { frameCopyfit, setInFrame, type FlowCopy } from "./frame.js";
import { areaRect, fittingMeasure, textColumns, verticalTiers, type Rect } from "./geometry.js";
import { drawHeadline, headlineParts } from "./headline.js";
import type { ItemMaker } from "./maker.js";
import { cutColumns } from "./runaround.js";
import { bodyLines, displayLines, flowLine } from "./text.js";

export const makeupStory: ItemMaker<StorySpec> = (ctx, grid, story) => {
  const frame = storyFrame(ctx, grid, story, story.copy);
  const flow = storyFlow(ctx, grid, story, frame.measure, frame.vertical);
  // 图文互斥: the photos and boxes over the story take their grid lines out of its columns.
  const around = storyRunaround(ctx, grid, story, frame.columns);
  const made = setInFrame({ id: story.id, columns: around.columns, pitch: grid.linePitch, copyfit: frameCopyfit(ctx, story.body, story.copyfit, true) }, flow.parts, [flow.copy], ctx.page);
  ctx.warnings.push(...made.warnings);
  if (around.report) made.reports[0]!.runaround = around.report;
  return { items: [...frame.items, ...made.items], reports: made.reports };
};

/** A story's columns cut around the photos and boxes over it on its page (图文互斥). */
export function storyRunaround(ctx: MakeupContext, grid: Grid, story: StorySpec, columns: FlowColumn[]): ReturnType<typeof cutColumns> {
  return cutColumns(columns, ctx.exclusions?.get(story.id) ?? [], { pitch: grid.linePitch, size: story.body.size, minLines: ctx.houseStyle.runaround.minLines });
}

/** Where a story's text goes: its columns in flow order, the headline block drawn, the measure (em of the body size). */
export interface StoryFrame {
  items: DisplayItem[];
  columns: FlowColumn[];
  measure: number;
  /** Set vertically (竖排): the house style's vertical settings. */
  vertical?: VerticalStyle;
}

/**
 * A story's frame: its text columns (under or beside the headline block where it has one) and
 * the headline block drawn; `headlineCopy` is the copy whose kicker, title and subtitle it sets
 * (a continuation's heading repeats the title only).
 */
export function storyFrame(ctx: MakeupContext, grid: Grid, story: StorySpec, headlineCopy: StoryCopy): StoryFrame {
  const { body, headline } = story;
  const copy = headlineCopy;
  const areaRects = story.areas.map((a) => areaRect(grid, a));
  const items: DisplayItem[] = [];
  // A vertical headline (竖题) stands at the right of the first area, its full height; the body beside it.
  const verticalHead = headline.direction === "vertical" && headlineParts(copy, headline).length > 0;
  const rects = areaRects.map((r, i) => (i === 0 && verticalHead ? { ...r, width: r.width - headline.width } : r));
  if (verticalHead) {
    const r = areaRects[0]!;
    items.push(...drawHeadline(ctx, copy, headline, { x: r.x + r.width - headline.width + grid.gutter, y: r.y, width: headline.width - grid.gutter, height: r.height }, story.id));
  }
  const hasHeadline = !verticalHead && headlineParts(copy, headline).length > 0 && headline.lines > 0;
  const vertical = story.direction === "vertical" ? ctx.houseStyle.vertical : undefined;
  if (vertical) return verticalFrame(ctx, grid, story, copy, rects, hasHeadline, items, vertical);
  const measure = story.measure ?? fittingMeasure(rects[0]!.width, story.columns, grid.gutter, body.size);
  const columnWidth = measure * body.size;
  const columns: FlowColumn[] = [];

  story.areas.forEach((area, i) => {
    const count = i === 0 ? story.columns : Math.max(1, Math.round((story.columns * area.span) / story.areas[0]!.span));
    const cols = textColumns(rects[i]!, count, columnWidth);
    cols.forEach((c, k) => {
      const under = i === 0 && hasHeadline && k < headline.span ? headline.lines : 0;
      columns.push({ x: c.x, width: c.width, top: rects[i]!.y + under * grid.linePitch, lines: area.lines - under });
    });
    if (i === 0 && hasHeadline) {
      const spanned = cols.slice(0, Math.min(headline.span, cols.length));
      const last = spanned[spanned.length - 1]!;
      const frame = { x: spanned[0]!.x, y: rects[0]!.y, width: last.x + last.width - spanned[0]!.x, height: headline.lines * grid.linePitch };
      items.push(...drawHeadline(ctx, copy, headline, frame, story.id));
    }
  });
  return { items, columns, measure };
}

/** A story's flow: byline, paragraphs (each with its copyfit settings), credit; and its copy's share of it. */
export function storyFlow(ctx: MakeupContext, grid: Grid, story: StorySpec, measure: number, vertical?: VerticalStyle): { parts: FlowPart[]; copy: FlowCopy } {
  const { body, copy } = story;
  const columnWidth = measure * body.size;
  const pitch = grid.linePitch;
  const along = vertical ? { vertical } : {};
  let parts: FlowPart[] = [];
  if (copy.byline) {
    for (const l of displayLines(ctx, copy.byline, story.byline, columnWidth, "left", { itemId: story.id, part: "byline" }, vertical)) {
      parts.push({ lines: [flowLine(l, { itemId: story.id, role: "byline", pitch })] });
    }
  }
  for (const part of bodyLines(ctx, copy.paragraphs, body, { itemId: story.id, role: "body", measure, pitch, ...along }).parts) parts.push(part); // no spread: unbounded
  let credit: string[] | undefined;
  if (copy.credit) {
    const runIn = ctx.houseStyle.credit.runIn.story;
    ({ parts, credit } = withCreditPart(ctx, parts, copy.credit, { itemId: story.id, style: story.credit, body, width: columnWidth, pitch, paragraph: copy.paragraphs.length, runIn, ...along }));
  }
  return { parts, copy: { id: story.id, kind: "story", file: copy.file, paragraphs: copy.paragraphs, measure, credit, from: 0, to: parts.length } };
}

/**
 * A story set vertically (竖排): in each area (beside a 竖题, or under a horizontal headline
 * across the area), `columns` tiers (栏) one above the other, a gutter apart, each a row of
 * vertical lines a grid pitch wide running right to left from the area's right edge.
 */
function verticalFrame(ctx: MakeupContext, grid: Grid, story: StorySpec, copy: StoryCopy, rects: Rect[], hasHeadline: boolean, items: DisplayItem[], vertical: VerticalStyle): StoryFrame {
  const { body, headline } = story;
  const above = hasHeadline ? headline.lines * grid.linePitch : 0;
  if (hasHeadline) items.push(...drawHeadline(ctx, copy, headline, { ...rects[0]!, height: above }, story.id));
  const bodies = rects.map((r, i) => (i === 0 ? { ...r, y: r.y + above, height: r.height - above } : r));
  const measure = story.measure ?? fittingMeasure(bodies[0]!.height, story.columns, grid.gutter, body.size);
  const columns = bodies.flatMap((r) => verticalTiers(r, story.columns, measure * body.size, grid.linePitch));
  return { items, columns, measure, vertical };
}
