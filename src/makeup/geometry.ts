/** Grid arithmetic for make-up: areas to rectangles, grid lines to baselines. */
import { areaWidth, columnX, lineY } from "../layout/geometry.js";
export { fittingMeasure } from "../layout/geometry.js";
import type { Grid, GridArea } from "../layout/types.js";
import type { Rect } from "../common/geometry.js";
import type { FlowColumn } from "./flow.js";

export type { Rect };

/** The rectangle of a grid area on the page, pt. */
export function areaRect(grid: Grid, area: GridArea): Rect {
  return { x: columnX(grid, area.column), y: lineY(grid, area.line), width: areaWidth(area, grid), height: area.lines * grid.linePitch };
}

/** Where the ideographic em box's top sits above the baseline, em (0.88 em, the CJK convention). */
export const EM_BOX_ASCENT = 0.88;

/** Baseline of text of `size` centred in a line slot of height `pitch` whose top is `top`. */
export function baselineIn(top: number, pitch: number, size: number): number {
  return top + (pitch - size) / 2 + EM_BOX_ASCENT * size;
}

/** Text columns in a rectangle: `count` columns `width` wide, spread so the outer ones touch its edges. */
export function textColumns(rect: Rect, count: number, width: number): { x: number; width: number }[] {
  const gap = count > 1 ? (rect.width - count * width) / (count - 1) : 0;
  return Array.from({ length: count }, (_, k) => ({ x: rect.x + k * (width + gap), width }));
}

/**
 * The tiers of vertical lines in a rectangle: `count` tiers `length` pt long, spread so the
 * outer ones touch its top and foot, each holding as many lines a pitch wide as fit across.
 */
export function verticalTiers(rect: Rect, count: number, length: number, pitch: number): FlowColumn[] {
  const gap = count > 1 ? (rect.height - count * length) / (count - 1) : 0;
  const lines = Math.floor(rect.width / pitch + 1e-9);
  return Array.from({ length: count }, (_, k) => ({ x: rect.x, width: rect.width, top: rect.y + k * (length + gap), lines, vertical: { length } }));
}
