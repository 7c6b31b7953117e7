/** A story on the grid: headline block, byline, body flowed through its columns, credit. */
import type { DisplayItem } from "../display/types.js";
import type { StorySpec } from "./spec.js";
import type { FlowPart } from "./copyfit.js";
import { withCreditPart } from "./credit.js";
import type { FlowColumn } from "./flow.js";
import { frameCopyfit, setInFrame } from "./frame.js";
import { areaRect, fittingMeasure, textColumns } from "./geometry.js";
import { drawHeadline, headlineParts } from "./headline.js";
import type { ItemMaker } from "./maker.js";
import { bodyLines, displayLines, flowLine } from "./text.js";

export const makeupStory: ItemMaker<StorySpec> = (ctx, grid, story) => {
  const { body, headline, copy } = story;
  const rects = story.areas.map((a) => areaRect(grid, a));
  const measure = story.measure ?? fittingMeasure(rects[0]!.width, story.columns, grid.gutter, body.size);
  const columnWidth = measure * body.size;
  const hasHeadline = headlineParts(copy, headline).length > 0 && headline.lines > 0;
  const items: DisplayItem[] = [];
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

  const pitch = grid.linePitch;
  let parts: FlowPart[] = [];
  if (copy.byline) {
    for (const l of displayLines(ctx, copy.byline, story.byline, columnWidth, "left", { itemId: story.id, part: "byline" })) {
      parts.push({ lines: [flowLine(l, { itemId: story.id, role: "byline", pitch })] });
    }
  }
  for (const part of bodyLines(ctx, copy.paragraphs, body, { itemId: story.id, role: "body", measure, pitch }).parts) parts.push(part); // no spread: unbounded
  let credit: string[] | undefined;
  if (copy.credit) {
    const runIn = ctx.houseStyle.credit.runIn.story;
    ({ parts, credit } = withCreditPart(ctx, parts, copy.credit, { itemId: story.id, style: story.credit, body, width: columnWidth, pitch, paragraph: copy.paragraphs.length, runIn }));
  }
  const made = setInFrame({ id: story.id, columns, pitch, copyfit: frameCopyfit(ctx, body, story.copyfit, true) }, parts, [
    { id: story.id, kind: "story", file: copy.file, paragraphs: copy.paragraphs, measure, credit, from: 0, to: parts.length },
  ], ctx.page);
  ctx.warnings.push(...made.warnings);
  return { items: [...items, ...made.items], reports: made.reports };
};
