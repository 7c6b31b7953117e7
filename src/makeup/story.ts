/** A story on the grid: headline block, byline, body flowed through its columns, credit. */
import type { DisplayItem } from "../display/types.js";
import type { Grid, StorySpec } from "../layout/types.js";
import type { MakeupContext } from "./context.js";
import { flowLines, widows, type FlowColumn, type FlowLine } from "./flow.js";
import { areaRect, baselineIn, fittingMeasure, textColumns } from "./geometry.js";
import { drawHeadline, headlineParts } from "./headline.js";
import { oversetMarks, storyReport } from "./account.js";
import type { StoryReport } from "./report.js";
import { bodyLines, displayLines, drawLine } from "./text.js";

export function makeupStory(ctx: MakeupContext, grid: Grid, story: StorySpec, page: number): { items: DisplayItem[]; report: StoryReport } {
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

  const flow: FlowLine[] = [];
  if (copy.byline) {
    for (const l of displayLines(ctx, copy.byline, story.byline, columnWidth, "left", { itemId: story.id, part: "byline" })) {
      flow.push({ span: 1, text: l.line.text, draw: (x, top) => drawLine(l, x, baselineIn(top, grid.linePitch, l.style.size), story.id, "byline") });
    }
  }
  const { lines, set } = bodyLines(ctx, copy.paragraphs, body, { itemId: story.id, role: "body", measure, pitch: grid.linePitch });
  flow.push(...lines);
  let creditLines: string[] | undefined;
  if (copy.credit) {
    const credit = bodyLines(ctx, [copy.credit], { ...body, ...story.credit }, {
      itemId: story.id,
      role: "credit",
      measure: (columnWidth / story.credit.size),
      pitch: grid.linePitch,
      indent: 0,
      lastLine: "right",
      firstParagraph: copy.paragraphs.length,
    });
    flow.push(...credit.lines);
    creditLines = credit.set[0]!.lines.map((l) => l.text);
  }
  const result = flowLines(flow, columns, grid.linePitch);
  items.push(...result.items);
  const alone = widows(result, columns, grid.linePitch);
  ctx.warnings.push(...alone.warnings);
  items.push(...alone.marks);
  const report = storyReport({ id: story.id, kind: "story", page, copy: copy.file, measure, columns, result, set, pitch: grid.linePitch });
  if (creditLines) report.credit = creditLines;
  items.push(...oversetMarks(report.id, report.overset, columns, grid.linePitch));
  return { items, report };
}
