/** Plain data passed between the composer's stages. */
import type { CharClass } from "./classes.js";
import type { KinsokuLevel, PunctuationStyle } from "../common/setting.js";
import type { StyleTable } from "./styles.js";
import type { Face } from "../fonts/face.js";

/** The setting names a layout gives (common/setting.ts), re-exported as the composer's vocabulary. */
export type { KinsokuLevel, PunctuationStyle };

export interface ComposeSettings {
  /** Column measure, em of `size`. */
  measure: number;
  /** Type size, pt. */
  size: number;
  /** First-line indent, em (default 2). */
  indent: number;
  style: PunctuationStyle | StyleTable;
  kinsoku: KinsokuLevel;
  /** How a paragraph's last line is set: flush left (body), centred (headlines), flush right (credits). */
  lastLine: "left" | "center" | "right" | "justify";
  /** Fixed extra space after every unit but the last, em (letter-spacing). */
  tracking: number;
  /** Avoid a last line of a single ideograph (孤字) by pulling one down. */
  avoidOrphans: boolean;
  /**
   * The text is a list of words or names separated by spaces (a byline, a credit): lines end
   * only at the spaces and only the spaces stretch, so no name is split or letter-spaced.
   */
  spacedWords: boolean;
}

export const DEFAULT_SETTINGS: Omit<ComposeSettings, "measure" | "size"> = {
  indent: 2,
  style: "kaiming",
  kinsoku: "gb",
  lastLine: "left",
  tracking: 0,
  avoidOrphans: true,
  spacedWords: false,
};

/** One glyph of a unit: which face, which glyph, where relative to the unit's ink start. */
export interface UnitGlyph {
  face: number;
  id: number;
  /** Offset of the glyph origin from the start of the unit's ink, em. */
  dx: number;
  advance: number;
  text: string;
}

/** An adjustable amount of space with the priority at which it may be taken. */
export interface Give {
  amount: number;
  priority: number;
}

/**
 * A unit of composition: one ideograph, one mark, one inseparable (—— ……) or one Latin word
 * or number. Lines break only between units.
 */
export interface Unit {
  text: string;
  /** Offset of the unit's first character in the paragraph text (UTF-16). */
  start: number;
  end: number;
  cls: CharClass;
  glyphs: UnitGlyph[];
  /** Width of the fixed part (the ink half of a mark, a whole ideograph or word), em. */
  ink: number;
  /** Blank kept before and after the ink in the natural width, em. */
  left: number;
  right: number;
  /** How much of each blank may be squeezed on demand. */
  leftGive?: Give;
  rightGive?: Give;
  /** Glue after the unit (CJK–Latin gap, space, tracking), dropped at a line end. */
  glue: number;
  glueShrink?: Give;
  /** Glue may stretch to this width (em) at this stretch priority. */
  glueStretch?: { max: number; priority: number };
  glueKind: "none" | "space" | "latin-gap" | "tracking";
}

export interface SetGlyph {
  face: number;
  id: number;
  /** Glyph origin from the line's left edge (the column's left edge), pt. */
  x: number;
  advance: number;
  text: string;
}

export interface SetLine {
  /** Exactly the characters set on the line. */
  text: string;
  start: number;
  end: number;
  glyphs: SetGlyph[];
  /** Left edge of the first unit (the indent), pt. */
  indent: number;
  /** Width of the line as set, pt (from the column edge, indent included). */
  width: number;
  /** The line is a paragraph's last. */
  last: boolean;
  /**
   * The line is wider than its measure: it holds one unit that cannot be broken and is wider
   * (a long Latin word or number in a narrow column). Make-up must not draw it outside the frame.
   */
  overfull?: true;
}

export interface MissingGlyph {
  offset: number;
  char: string;
}

export interface SetParagraph {
  text: string;
  lines: SetLine[];
  /** Characters no face in the chain can set (drawn as .notdef). */
  missing: MissingGlyph[];
  /** The faces glyph runs refer to, by index. */
  faces: Face[];
}
