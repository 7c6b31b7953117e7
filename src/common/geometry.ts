/** Page geometry shared by the stages: one rectangle, one rule. Lengths in pt, y down. */
import type { CmykColor } from "./colour.js";

/** A rectangle: top-left corner and size. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How a rule is drawn. */
export type RuleStyle = "solid" | "double" | "dashed" | "dotted" | "wavy";

/** A straight rule (栏线, 通栏) from (x1, y1) to (x2, y2): what a layout asks for and the display list draws. */
export interface RuleLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Line weight in pt. */
  weight: number;
  style: RuleStyle;
  color: CmykColor;
}
