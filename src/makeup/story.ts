/** A story on the grid: headline block, byline, body flowed through its columns, credit. */
import type { DisplayItem } from "../display/types.js";
import type { Grid } from "../layout/types.js";
import type { VerticalStyle } from "../typeset/vertical/types.js";
import type { MakeupContext } from "./context.js";
import type { StorySpec } from "./spec.js";
import type { FlowPart } from "./copyfit.js";
import { withCreditPart } from "./credit.js";
import type { FlowColumn } from "./flow.js";
import { frameCopyfit, setInFrame } from "./frame.js";
import { areaRect, fittingMeasure, textColumns, verticalTiers, type Rect } from "./geometry.js";
import { drawHeadline, headlineParts } from "./headline.js";
import type { ItemMaker, MadeItem } from "./maker.js";
import { cutColumns } from "./runaround.js";
import { bodyLines, displayLines, flowLine } from "./text.js";

export const makeupStory: ItemMaker<StorySpec> = (ctx, grid, story) => {
  const { body, headline, copy } = story;
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
  if (vertical) return makeupVerticalStory(ctx, grid, story, rects, hasHeadline, items, vertical);
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

  return setStory(ctx, grid, story, columns, measure, items);
};

/** The byline, body and credit of a story flowed through its columns (horizontal or vertical), copyfitted. */
function setStory(ctx: MakeupContext, grid: Grid, story: StorySpec, columns: FlowColumn[], measure: number, items: DisplayItem[], vertical?: VerticalStyle): MadeItem {
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
  // 图文互斥: the photos and boxes over the story take their grid lines out of its columns.
  const around = cutColumns(columns, ctx.exclusions?.get(story.id) ?? [], { pitch, size: body.size, minLines: ctx.houseStyle.runaround.minLines });
  const made = setInFrame({ id: story.id, columns: around.columns, pitch, copyfit: frameCopyfit(ctx, body, story.copyfit, true) }, parts, [
    { id: story.id, kind: "story", file: copy.file, paragraphs: copy.paragraphs, measure, credit, from: 0, to: parts.length },
  ], ctx.page);
  ctx.warnings.push(...made.warnings);
  if (around.report) made.reports[0]!.runaround = around.report;
  return { items: [...items, ...made.items], reports: made.reports };
}

/**
 * A story set vertically (竖排): in each area (beside a 竖题, or under a horizontal headline
 * across the area), `columns` tiers (栏) one above the other, a gutter apart, each a row of
 * vertical lines a grid pitch wide running right to left from the area's right edge.
 */
function makeupVerticalStory(ctx: MakeupContext, grid: Grid, story: StorySpec, rects: Rect[], hasHeadline: boolean, items: DisplayItem[], vertical: VerticalStyle): MadeItem {
  const { body, headline, copy } = story;
  const above = hasHeadline ? headline.lines * grid.linePitch : 0;
  if (hasHeadline) items.push(...drawHeadline(ctx, copy, headline, { ...rects[0]!, height: above }, story.id));
  const bodies = rects.map((r, i) => (i === 0 ? { ...r, y: r.y + above, height: r.height - above } : r));
  const measure = story.measure ?? fittingMeasure(bodies[0]!.height, story.columns, grid.gutter, body.size);
  const columns = bodies.flatMap((r) => verticalTiers(r, story.columns, measure * body.size, grid.linePitch));
  return setStory(ctx, grid, story, columns, measure, items, vertical);
}
