/**
 * The headline block (标题组): kicker 引题, title 主题, subtitle 副题, stacked and centred (or
 * flush left) in a frame of whole grid lines (占行), so the body around it stays on the grid.
 */
import type { DisplayItem } from "../display/types.js";
import type { HeadlineSpec, TextStyle } from "../layout/types.js";
import type { StoryCopy } from "../copy/types.js";
import type { MakeupContext } from "./context.js";
import { baselineIn, type Rect } from "./geometry.js";
import { displayLine, displayLines, drawLine, drawVerticalLine, type SetLineAt } from "./text.js";

type Part = { text: string; style: TextStyle; role: string };

export function headlineParts(copy: StoryCopy, spec: HeadlineSpec): { text: string; style: TextStyle; role: string }[] {
  const parts: { text: string; style: TextStyle; role: string }[] = [];
  if (copy.kicker) parts.push({ text: copy.kicker, style: spec.kicker, role: "kicker" });
  if (copy.title) parts.push({ text: copy.title, style: spec.title, role: "title" });
  if (copy.subtitle) parts.push({ text: copy.subtitle, style: spec.subtitle, role: "subtitle" });
  return parts;
}

/** Draw the headline block in `frame`; warns when it is taller than the lines it was given. */
export function drawHeadline(ctx: MakeupContext, copy: StoryCopy, spec: HeadlineSpec, frame: Rect, itemId: string): DisplayItem[] {
  const parts = headlineParts(copy, spec);
  if (!parts.length) return [];
  // The hierarchy of a headline block: kicker and subtitle are set smaller than the title.
  for (const p of parts) {
    if (copy.title && p.role !== "title" && p.style.size >= spec.title.size) {
      ctx.warnings.push({
        code: "layout",
        message: `${itemId}: the ${p.role} (${p.style.size} pt) is not smaller than the title (${spec.title.size} pt); a headline block reads kicker and subtitle below the title's size`,
        itemId,
      });
    }
  }
  if (spec.direction === "vertical") return drawVerticalHeadline(ctx, spec, parts, frame, itemId);
  const set: { lines: SetLineAt[]; role: string; leading: number }[] = parts.map((p) => ({
    lines: displayLines(ctx, p.text, p.style, frame.width, spec.align === "center" ? "center" : "left", { itemId, part: p.role }),
    role: p.role,
    leading: p.style.leading,
  }));
  // Space between the parts: the house style's, in em of the title's size.
  const gap = ctx.houseStyle.headline.partGap * spec.title.size;
  const height = set.reduce((h, s) => h + s.lines.length * s.leading, 0) + gap * (set.length - 1);
  if (height > frame.height + 0.01) {
    ctx.warnings.push({
      code: "overset",
      message: `${itemId}: the headline needs ${height.toFixed(1)} pt but its ${spec.lines} grid lines give ${frame.height.toFixed(1)} pt; give "headline.lines" more lines or a smaller size`,
      itemId,
    });
  }
  const items: DisplayItem[] = [];
  let top = frame.y + Math.max(0, (frame.height - height) / 2);
  for (const part of set) {
    for (const l of part.lines) {
      items.push(...drawLine(l, frame.x, baselineIn(top, part.leading, l.style.size), itemId, part.role));
      top += part.leading;
    }
    top += gap;
  }
  return items;
}

/**
 * A vertical headline (竖题) in `frame` (the strip at the right of its story's area, its full
 * height): kicker, title and subtitle each one vertical column, right to left in that order,
 * each as wide as its leading with the house's part gap between them. The parts start at the
 * frame's head; centred (align "center"), the shorter ones are centred on the longest.
 */
function drawVerticalHeadline(ctx: MakeupContext, spec: HeadlineSpec, parts: Part[], frame: Rect, itemId: string): DisplayItem[] {
  const vertical = ctx.houseStyle.vertical;
  const set = parts.map((p) => ({ part: p, line: displayLine(ctx, p.text, p.style, frame.height, "left", { itemId, part: p.role }, vertical) }));
  const longest = Math.max(...set.map((s) => s.line.line.width));
  const gap = ctx.houseStyle.headline.partGap * spec.title.size;
  const items: DisplayItem[] = [];
  let right = frame.x + frame.width;
  for (const { part, line } of set) {
    const axis = right - part.style.leading / 2;
    const head = frame.y + (spec.align === "center" ? (longest - line.line.width) / 2 : 0);
    items.push(...drawVerticalLine(line, axis, head, itemId, part.role));
    right -= part.style.leading + gap;
  }
  return items;
}
