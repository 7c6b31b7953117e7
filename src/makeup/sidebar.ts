/**
 * A boxed sidebar (专栏框, e.g. 区县快递): a border, a title bar, and short items flowed through
 * its columns — each a one-line head, a body opening with the dateline (本报讯) and a 1-em gap,
 * and the correspondent's credit run in after the last line.
 */
import path from "node:path";
import type { DisplayItem } from "../display/types.js";
import type { StoryCopy } from "../copy/types.js";
import type { Grid, SidebarSpec } from "../layout/types.js";
import { BOX_GUTTER } from "../layout/items.js";
import { oversetMarks, storyReport } from "./account.js";
import type { MakeupContext } from "./context.js";
import { flowLines, widows, type FlowColumn, type FlowLine, type FlowResult } from "./flow.js";
import { areaRect, baselineIn, fittingMeasure, textColumns } from "./geometry.js";
import type { StoryReport } from "./report.js";
import { bodyLines, displayLine, displayLines, drawLine, type SetLineAt } from "./text.js";
import type { SetParagraph } from "../typeset/types.js";

/** Grid lines of the title bar and of each item head. */
const TITLE_LINES = 3;
const HEAD_LINES = 2;

/** The dateline's gap: one em of full-width space (U+3000) in place of the typed space. */
export function withDatelineGap(text: string, dateline: string | undefined): { text: string; length: number } | undefined {
  if (!dateline || !text.startsWith(dateline)) return undefined;
  const rest = text.slice(dateline.length).replace(/^[\s\u3000]+/u, "");
  return { text: `${dateline}\u3000${rest}`, length: dateline.length };
}

export function makeupSidebar(ctx: MakeupContext, grid: Grid, side: SidebarSpec, page: number): { items: DisplayItem[]; reports: StoryReport[] } {
  const pitch = grid.linePitch;
  const rect = areaRect(grid, side.area);
  const items: DisplayItem[] = [];
  items.push({ kind: "border", ...rect, style: side.border, weight: side.borderWeight, color: side.titleBar, itemId: side.id });

  // Title bar: a tinted band of whole grid lines inside the border, the title centred on it.
  const inset = side.padding / 2;
  const bar = { x: rect.x + inset, y: rect.y + inset, width: rect.width - 2 * inset, height: TITLE_LINES * pitch - inset };
  items.push({ kind: "rect", ...bar, fill: side.titleBar, itemId: side.id });
  const title = displayLine(ctx, side.title, side.titleStyle, bar.width, "center", { itemId: side.id, part: "title" });
  items.push(...drawLine(title, bar.x, baselineIn(rect.y, TITLE_LINES * pitch, side.titleStyle.size), side.id, "title"));

  const edge = side.borderWeight + side.padding;
  const inner = { x: rect.x + edge, y: rect.y, width: rect.width - 2 * edge, height: rect.height };
  const measure = side.measure ?? fittingMeasure(inner.width, side.columns, BOX_GUTTER * grid.gutter, side.body.size);
  const width = measure * side.body.size;
  const columns: FlowColumn[] = textColumns(inner, side.columns, width).map((c) => ({
    ...c,
    top: rect.y + TITLE_LINES * pitch,
    lines: side.area.lines - TITLE_LINES,
  }));

  const flow: FlowLine[] = [];
  const accounts: { copy: StoryCopy; set: SetParagraph[]; from: number; to: number; credit?: string[] }[] = [];
  side.items.forEach((copy) => {
    const id = itemId(side, copy);
    const from = flow.length;
    if (copy.title) {
      const head = displayLine(ctx, copy.title, side.itemHead, width, "center", { itemId: id, part: "head" });
      flow.push({
        span: HEAD_LINES,
        keepWithNext: true,
        text: undefined,
        draw: (x, top) => drawLine(head, x, baselineIn(top, HEAD_LINES * pitch, head.style.size), id, "head"),
      });
    }
    const first = copy.paragraphs[0] !== undefined ? withDatelineGap(copy.paragraphs[0], side.dateline) : undefined;
    const paragraphs = first ? [first.text, ...copy.paragraphs.slice(1)] : copy.paragraphs;
    const datelineStyle = { font: "hei" as const, weight: "bold" as const };
    const body = bodyLines(ctx, paragraphs, side.body, {
      itemId: id,
      role: "body",
      measure,
      pitch,
      dateline: first ? { length: first.length, faces: ctx.faces(datelineStyle) } : undefined,
    });
    flow.push(...body.lines);
    const credit = copy.credit ? runInCredit(ctx, flow, copy.credit, side, width, pitch, id) : undefined;
    accounts.push({ copy, set: body.set, from, to: flow.length, credit });
  });

  const result = flowLines(flow, columns, pitch);
  items.push(...result.items);
  const alone = widows(result, columns, pitch);
  ctx.warnings.push(...alone.warnings);
  items.push(...alone.marks);
  // What did not fit is the tail of the flow; each item's share of it is a slice.
  const firstOverset = flow.length - result.overset.length;
  const reports = accounts.map((a) => {
    const mine: FlowResult = { items: [], used: result.used, overset: flow.slice(Math.max(a.from, firstOverset), Math.max(a.to, firstOverset)) };
    const report = storyReport({ id: itemId(side, a.copy), kind: "sidebar-item", page, copy: a.copy.file, measure, columns, result: mine, set: a.set, pitch });
    // The set text keeps the dateline gap as U+3000; the report gives the copy as written.
    report.paragraphs = report.paragraphs.map((p, i) => ({ ...p, text: a.copy.paragraphs[i] ?? p.text }));
    if (a.credit) report.credit = a.credit;
    return report;
  });
  // The box's one flag counts what all its items lost (the overset is the flow's tail, which
  // may reach back over several items).
  const lost = { lines: reports.reduce((n, r) => n + r.overset.lines, 0), chars: reports.reduce((n, r) => n + r.overset.chars, 0) };
  items.push(...oversetMarks(side.id, lost, columns, pitch));
  return { items, reports };
}

function itemId(side: SidebarSpec, copy: StoryCopy): string {
  return `${side.id}/${path.basename(copy.file).replace(/\.[^.]+$/, "")}`;
}

/**
 * Run the credit in after the last line, flush right, when it fits there with an em to spare;
 * otherwise give it a line of its own, flush right.
 */
function runInCredit(ctx: MakeupContext, flow: FlowLine[], credit: string, side: SidebarSpec, width: number, pitch: number, id: string): string[] {
  const lines = displayLines(ctx, credit, side.credit, width, "right", { itemId: id, part: "credit" });
  const drawCredit = (l: SetLineAt) => (x: number, top: number) => drawLine(l, x, baselineIn(top, pitch, l.style.size), id, "credit");
  const last = flow[flow.length - 1];
  const only = lines.length === 1 ? lines[0]! : undefined;
  if (last && only && last.width !== undefined && last.width + side.body.size <= only.line.indent) {
    const before = last.draw;
    const after = drawCredit(only);
    last.draw = (x, top, w) => [...before(x, top, w), ...after(x, top)];
    return [only.line.text];
  }
  for (const l of lines) flow.push({ span: 1, text: l.line.text, draw: drawCredit(l) });
  return lines.map((l) => l.line.text);
}
