/** A photo (图片新闻): section label, the picture in its frame, the caption beside or below, the credit. */
import type { DisplayItem } from "../display/types.js";
import type { PhotoSpec } from "./spec.js";
import type { FlowPart } from "./copyfit.js";
import { withCreditPart } from "./credit.js";
import type { FlowColumn } from "./flow.js";
import { frameCopyfit, setInFrame } from "./frame.js";
import { areaRect, baselineIn } from "./geometry.js";
import type { ItemMaker } from "./maker.js";
import type { StoryReport } from "./report.js";
import { bodyLines, displayLine, drawLine } from "./text.js";

export const makeupPhoto: ItemMaker<PhotoSpec> = (ctx, grid, photo) => {
  const rect = areaRect(grid, photo.area);
  const pitch = grid.linePitch;
  const house = ctx.houseStyle.photo;
  const items: DisplayItem[] = [];
  let top = rect.y;
  let lines = photo.area.lines;
  if (photo.label) {
    const label = displayLine(ctx, photo.label, photo.labelStyle, rect.width, "left", { itemId: photo.id, part: "label" });
    const baseline = baselineIn(top, house.labelLines * pitch, photo.labelStyle.size);
    items.push(...drawLine(label, rect.x, baseline, photo.id, "label"));
    // A heavy rule under the label, across the whole item.
    const rule = house.labelRule;
    const ruleY = top + house.labelLines * pitch - pitch * rule.rise;
    items.push({ kind: "rule", x1: rect.x, y1: ruleY, x2: rect.x + rect.width, y2: ruleY, weight: rule.weight, style: "solid", color: rule.color, itemId: photo.id });
    top += house.labelLines * pitch;
    lines -= house.labelLines;
  }

  const caption = photo.caption;
  let frame = { x: rect.x, y: top, width: rect.width, height: lines * pitch };
  let reports: StoryReport[] = [];
  if (caption) {
    const size = caption.style.size;
    // The layout gives every caption its measure (below: the photo's width unless it says otherwise).
    const capWidth = caption.measure * size;
    // A vertical caption (竖排) stands beside the photo: lines as long as the picture is tall, right to left across its measure.
    const vertical = caption.direction === "vertical" ? ctx.houseStyle.vertical : undefined;
    const lineMeasure = vertical ? (lines * pitch) / size : capWidth / size;
    const along = vertical ? { vertical } : {};
    const { parts: capParts } = bodyLines(ctx, caption.copy.paragraphs, caption.style, {
      itemId: photo.id,
      role: "caption",
      measure: lineMeasure,
      pitch,
      ...along,
    });
    let parts: FlowPart[] = capParts;
    let credit: string[] | undefined;
    if (caption.copy.credit) {
      const runIn = ctx.houseStyle.credit.runIn.caption;
      ({ parts, credit } = withCreditPart(ctx, parts, caption.copy.credit, {
        itemId: photo.id,
        style: caption.credit,
        body: caption.style,
        width: lineMeasure * size,
        pitch,
        paragraph: caption.copy.paragraphs.length,
        runIn,
        ...along,
      }));
    }
    let column: FlowColumn;
    if (caption.position === "below") {
      // The picture keeps at least one grid line; caption lines beyond that are overset.
      const capLineCount = Math.min(parts.reduce((n, p) => n + p.lines.length, 0), Math.max(0, lines - 1));
      frame = { ...frame, height: (lines - capLineCount) * pitch };
      column = { x: rect.x, width: capWidth, top: top + (lines - capLineCount) * pitch, lines: capLineCount };
    } else {
      const gap = grid.gutter;
      frame = { ...frame, width: rect.width - capWidth - gap };
      const x = caption.position === "right" ? rect.x + rect.width - capWidth : rect.x;
      if (caption.position === "left") frame.x = rect.x + capWidth + gap;
      column = vertical ? { x, width: capWidth, top, lines: Math.floor(capWidth / pitch + 1e-9), vertical: { length: lines * pitch } } : { x, width: capWidth, top, lines };
    }
    // A caption fits beside or below its photo; it need not fill the photo's height.
    const made = setInFrame({ id: photo.id, columns: [column], pitch, copyfit: frameCopyfit(ctx, caption.style, true, false) }, parts, [
      { id: photo.id, kind: "caption", file: caption.copy.file, paragraphs: caption.copy.paragraphs, measure: lineMeasure, credit, from: 0, to: parts.length },
    ], ctx.page);
    ctx.warnings.push(...made.warnings);
    items.push(...made.items);
    reports = made.reports;
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
  return { items, reports };
};
