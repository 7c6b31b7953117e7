/**
 * A boxed sidebar (专栏框, e.g. 区县快递): a border, a title bar, and short items flowed through
 * its columns — each a one-line head, a body opening with the dateline (本报讯) and a 1-em gap,
 * and the correspondent's credit run in after the last line.
 */
import path from "node:path";
import type { DisplayItem } from "../display/types.js";
import type { StoryCopy } from "../copy/types.js";
import type { SidebarSpec } from "./spec.js";
import type { FlowPart } from "./copyfit.js";
import { withCreditPart } from "./credit.js";
import type { FlowColumn } from "./flow.js";
import { frameCopyfit, setInFrame, type FlowCopy } from "./frame.js";
import { areaRect, baselineIn, fittingMeasure, textColumns, verticalTiers } from "./geometry.js";
import type { ItemMaker } from "./maker.js";
import { bodyLines, displayLine, drawLine, flowLine } from "./text.js";

/** The dateline's gap: one em of full-width space (U+3000) in place of the typed space. */
export function withDatelineGap(text: string, dateline: string | undefined): { text: string; length: number } | undefined {
  if (!dateline || !text.startsWith(dateline)) return undefined;
  const rest = text.slice(dateline.length).replace(/^[\s\u3000]+/u, "");
  return { text: `${dateline}\u3000${rest}`, length: dateline.length };
}

export const makeupSidebar: ItemMaker<SidebarSpec> = (ctx, grid, side) => {
  const pitch = grid.linePitch;
  const house = ctx.houseStyle.sidebar;
  const rect = areaRect(grid, side.area);
  const items: DisplayItem[] = [];
  // The band the border is drawn in: a 花边 is never narrower than the house's flower band.
  const band = side.border === "flower" ? Math.max(ctx.houseStyle.flowerBand, side.borderWeight) : side.borderWeight;
  items.push({ kind: "border", ...rect, style: side.border, weight: band, color: side.titleBar, itemId: side.id });

  // Title bar: a tinted band of whole grid lines inside the border, the title centred on it.
  const inset = side.padding * house.titleBarInset;
  const bar = { x: rect.x + inset, y: rect.y + inset, width: rect.width - 2 * inset, height: house.titleLines * pitch - inset };
  items.push({ kind: "rect", ...bar, fill: side.titleBar, itemId: side.id });
  const title = displayLine(ctx, side.title, side.titleStyle, bar.width, "center", { itemId: side.id, part: "title" });
  items.push(...drawLine(title, bar.x, baselineIn(rect.y, house.titleLines * pitch, side.titleStyle.size), side.id, "title"));

  const edge = side.borderWeight + side.padding;
  const inner = { x: rect.x + edge, y: rect.y, width: rect.width - 2 * edge, height: rect.height };
  const vertical = side.direction === "vertical" ? ctx.houseStyle.vertical : undefined;
  let measure: number;
  let columns: FlowColumn[];
  if (vertical) {
    // Vertical (竖排): tiers below the title bar, down to the border's band less the house clearance.
    const top = rect.y + house.titleLines * pitch;
    const foot = rect.y + rect.height - band - ctx.houseStyle.clearance.textToFrame;
    const body = { x: inner.x, y: top, width: inner.width, height: foot - top };
    measure = side.measure ?? fittingMeasure(body.height, side.columns, grid.gutter, side.body.size);
    columns = verticalTiers(body, side.columns, measure * side.body.size, pitch);
  } else {
    measure = side.measure ?? fittingMeasure(inner.width, side.columns, house.gutter * grid.gutter, side.body.size);
    columns = textColumns(inner, side.columns, measure * side.body.size).map((c) => ({
      ...c,
      top: rect.y + house.titleLines * pitch,
      lines: side.area.lines - house.titleLines - footLines(band, ctx.houseStyle.clearance.textToFrame, pitch, side.body.size),
    }));
  }
  const width = measure * side.body.size;
  const along = vertical ? { vertical } : {};

  const parts: FlowPart[] = [];
  const copies: FlowCopy[] = [];
  side.items.forEach((copy) => {
    const id = itemId(side, copy);
    let own: FlowPart[] = [];
    if (copy.title) {
      const head = displayLine(ctx, copy.title, side.itemHead, width, "center", { itemId: id, part: "head" }, vertical);
      // A head keeps with the text after it; it is no text of its own for the overset, nor for a credit to run in after.
      own.push({ lines: [{ ...flowLine(head, { itemId: id, role: "head", pitch, span: house.headLines }), keepWithNext: true, text: undefined, width: undefined }] });
    }
    const first = copy.paragraphs[0] !== undefined ? withDatelineGap(copy.paragraphs[0], side.dateline) : undefined;
    const paragraphs = first ? [first.text, ...copy.paragraphs.slice(1)] : copy.paragraphs;
    const body = bodyLines(ctx, paragraphs, side.body, {
      itemId: id,
      role: "body",
      measure,
      pitch,
      dateline: first ? { length: first.length, faces: ctx.faces(house.dateline) } : undefined,
      ...along,
    });
    for (const part of body.parts) own.push(part); // no spread: a copy may have 100,000s of paragraphs
    let credit: string[] | undefined;
    if (copy.credit) {
      const runIn = ctx.houseStyle.credit.runIn.sidebar;
      ({ parts: own, credit } = withCreditPart(ctx, own, copy.credit, { itemId: id, style: side.credit, body: side.body, width, pitch, paragraph: paragraphs.length, runIn, ...along }));
    }
    copies.push({ id, kind: "sidebar-item", file: copy.file, paragraphs: copy.paragraphs, measure, credit, from: parts.length, to: parts.length + own.length });
    for (const part of own) parts.push(part);
  });

  // One flow for the box: what did not fit is its tail, which may reach back over several items.
  const made = setInFrame({ id: side.id, columns, pitch, copyfit: frameCopyfit(ctx, side.body, side.copyfit, true) }, parts, copies, ctx.page);
  ctx.warnings.push(...made.warnings);
  return { items: [...items, ...made.items], reports: made.reports };
};

function itemId(side: SidebarSpec, copy: StoryCopy): string {
  return `${side.id}/${path.basename(copy.file).replace(/\.[^.]+$/, "")}`;
}

/**
 * Grid lines the box keeps empty at its foot so that its last line's em box clears the
 * border's band by the house clearance: a body line's em box ends (pitch − size) / 2 above its
 * slot's foot, so on a 13.5 pt grid of 9 pt text, 2.25 pt, less than a 3 pt 花边 band.
 */
export function footLines(band: number, clearance: number, pitch: number, size: number): number {
  const short = band + clearance - (pitch - size) / 2;
  return short > 0 ? Math.ceil(short / pitch - 1e-9) : 0;
}
