/** A photo (图片新闻): section label, the picture in its frame, the caption beside or below, the credit. */
import type { DisplayItem } from "../display/types.js";
import type { Grid, PhotoSpec } from "../layout/types.js";
import { oversetMarks, storyReport } from "./account.js";
import type { MakeupContext } from "./context.js";
import { flowLines, type FlowLine } from "./flow.js";
import { areaRect, baselineIn } from "./geometry.js";
import type { StoryReport } from "./report.js";
import { BLACK } from "../layout/styles.js";
import { bodyLines, displayLine, displayLines, drawLine } from "./text.js";

/** Grid lines the section label takes above the photo. */
const LABEL_LINES = 2;

export function makeupPhoto(ctx: MakeupContext, grid: Grid, photo: PhotoSpec, page: number): { items: DisplayItem[]; report?: StoryReport } {
  const rect = areaRect(grid, photo.area);
  const pitch = grid.linePitch;
  const items: DisplayItem[] = [];
  let top = rect.y;
  let lines = photo.area.lines;
  if (photo.label) {
    const label = displayLine(ctx, photo.label, photo.labelStyle, rect.width, "left", { itemId: photo.id, part: "label" });
    const baseline = baselineIn(top, LABEL_LINES * pitch, photo.labelStyle.size);
    items.push(...drawLine(label, rect.x, baseline, photo.id, "label"));
    // A heavy rule under the label, across the whole item.
    const ruleY = top + LABEL_LINES * pitch - pitch * 0.3;
    items.push({ kind: "rule", x1: rect.x, y1: ruleY, x2: rect.x + rect.width, y2: ruleY, weight: 1.5, style: "solid", color: BLACK, itemId: photo.id });
    top += LABEL_LINES * pitch;
    lines -= LABEL_LINES;
  }

  const caption = photo.caption;
  let frame = { x: rect.x, y: top, width: rect.width, height: lines * pitch };
  let report: StoryReport | undefined;
  if (caption) {
    const size = caption.style.size;
    // The layout gives every caption its measure (below: the photo's width unless it says otherwise).
    const capWidth = caption.measure * size;
    const { lines: capLines, set } = bodyLines(ctx, caption.copy.paragraphs, caption.style, {
      itemId: photo.id,
      role: "caption",
      measure: capWidth / size,
      pitch,
    });
    const flow: FlowLine[] = [...capLines];
    let creditLines: string[] | undefined;
    if (caption.copy.credit) {
      const credit = displayLines(ctx, caption.copy.credit, caption.credit, capWidth, "right", { itemId: photo.id, part: "credit" });
      creditLines = credit.map((l) => l.line.text);
      for (const l of credit) {
        flow.push({ span: 1, text: l.line.text, draw: (x, t) => drawLine(l, x, baselineIn(t, pitch, l.style.size), photo.id, "credit") });
      }
    }
    let column;
    if (caption.position === "below") {
      // The picture keeps at least one grid line; caption lines beyond that are overset.
      const capLineCount = Math.min(flow.length, Math.max(0, lines - 1));
      frame = { ...frame, height: (lines - capLineCount) * pitch };
      column = { x: rect.x, width: capWidth, top: top + (lines - capLineCount) * pitch, lines: capLineCount };
    } else {
      const gap = grid.gutter;
      frame = { ...frame, width: rect.width - capWidth - gap };
      const x = caption.position === "right" ? rect.x + rect.width - capWidth : rect.x;
      if (caption.position === "left") frame.x = rect.x + capWidth + gap;
      column = { x, width: capWidth, top, lines };
    }
    const result = flowLines(flow, [column], pitch);
    items.push(...result.items);
    report = storyReport({ id: photo.id, kind: "caption", page, copy: caption.copy.file, measure: capWidth / size, columns: [column], result, set, pitch });
    if (creditLines) report.credit = creditLines;
    items.push(...oversetMarks(report.id, report.overset, [column], pitch));
  }
  if (frame.width > 0 && frame.height > 0) {
    items.unshift({ kind: "image", ...frame, src: photo.image, fit: photo.fit, focus: photo.focus, itemId: photo.id });
  } else {
    ctx.warnings.push({
      code: "layout",
      message: `${photo.id}: no room is left for the picture: the label and caption take the whole area (${photo.area.lines} grid lines, ${photo.area.span} columns); give the photo more room`,
      itemId: photo.id,
    });
  }
  return { items, report };
}
