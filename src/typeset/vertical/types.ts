/**
 * Vertical setting (竖排): plain data of the vertical composer.
 *
 * Frame of reference of a vertical line: it runs from its head (the top of the column) down;
 * `y` is measured along it from the head, downwards, and `x` across it from the line's centre
 * axis, rightwards (page directions). A line's width across is the grid's line pitch, whatever
 * it is: the glyphs are centred on the axis, so make-up places a line by its axis (lines run
 * right to left: the first line's axis is half a pitch inside the right edge of the area).
 */
import type { Face } from "../../fonts/face.js";
import type { ComposeOptions } from "../compose.js";
import type { MissingGlyph, Unit, UnitGlyph } from "../types.js";

/** The house style's choices for vertical text. */
export interface VerticalStyle {
  /**
   * 纵中横: a number of up to this many digits stands upright, its digits side by side within
   * one em (half-width forms; three digits are also compressed to fit). Longer numbers are
   * turned like Latin words. 0: every number is turned.
   */
  uprightDigits: number;
  /**
   * Quotation marks: "corner" sets “ ” ‘ ’ as the corner brackets 「 」 『 』 (mainland vertical
   * practice); "turned" turns “ ” ‘ ’ themselves 90° clockwise.
   */
  quotes: "corner" | "turned";
}

export const DEFAULT_VERTICAL_STYLE: VerticalStyle = { uprightDigits: 2, quotes: "corner" };

export type VerticalOptions = ComposeOptions & Partial<VerticalStyle>;

/**
 * One glyph of a vertical unit, em. Its `dx` runs along the line, from the start of the unit's
 * ink to the glyph's cell top (upright) or its origin (turned); `advance` is as in VerticalGlyph.
 */
export interface VerticalUnitGlyph extends UnitGlyph {
  /** From the cell top down to the glyph's own origin (its baseline: the vertical origin's height); 0 for a turned glyph. */
  drop: number;
  /** The glyph's origin across the line, from the line's centre axis, rightwards. */
  across: number;
  /** Set turned 90° clockwise (Latin words, long numbers, marks the font has no vertical form for). */
  turned: boolean;
  /** Horizontal scale of an upright glyph (three digits in one em); 1 otherwise. */
  scale: number;
}

export interface VerticalUnit extends Unit {
  glyphs: VerticalUnitGlyph[];
  /** Set upright in one em (纵中横). */
  upright?: boolean;
}

/** A glyph placed on a vertical line, pt. */
export interface VerticalGlyph {
  face: number;
  id: number;
  /** From the line's head down to the glyph's origin, pt. */
  y: number;
  /** From the line's centre axis to the glyph's origin, pt, rightwards. */
  x: number;
  /** The glyph's advance as drawn, pt: down the line for an upright glyph set alone, along its turned baseline for a turned one, across for digits side by side. */
  advance: number;
  /** Turned 90° clockwise: the glyph's baseline runs down the line, its top to the right. */
  turned: boolean;
  /** Horizontal scale of the glyph (1 but for three digits set upright in one em). */
  scale: number;
  /** The characters the glyph stands for, in reading order (for ToUnicode and extraction). */
  text: string;
}

export interface VerticalLine {
  /** Exactly the characters set on the line, in reading order. */
  text: string;
  start: number;
  end: number;
  glyphs: VerticalGlyph[];
  /** From the head to the first unit (the indent), pt. */
  indent: number;
  /** Length of the line as set, pt, from the head (indent included). */
  length: number;
  last: boolean;
}

export interface VerticalParagraph {
  text: string;
  lines: VerticalLine[];
  missing: MissingGlyph[];
  faces: Face[];
  /** What the faces lacked and how it was set instead (no vmtx, no vert forms). */
  warnings: string[];
}
