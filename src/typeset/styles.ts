/**
 * Punctuation styles (标点样式) and the rest of a house style's composition, as data. A house
 * style is one of these tables, or a JSON file of the same shape (src/typeset/house-style.ts).
 *
 * Each adjustable mark is half an em of ink plus half an em of blank (on the right for 点号
 * and closing marks, on the left for opening marks, a quarter each side for the interpunct).
 * A style says, per class, whether the blank is kept in the natural width and, when kept,
 * at what priority it may be squeezed away on demand (clreq's order: 1 first).
 */
import type { CharClass } from "./classes.js";
import type { PunctuationStyle } from "../common/setting.js";

export interface MarkRule {
  /** Keep the blank half in the natural width (full-width mark) or not (half-width mark). */
  keep: boolean;
  /** Priority at which a kept blank may be squeezed on demand; null: never. */
  squeeze: number | null;
}

export interface StyleTable {
  name: string;
  marks: Record<"stop" | "pause" | "open" | "close" | "interpunct", MarkRule>;
  /** Two adjacent marks: drop the blank between them (2 em → 1.5 em). */
  compressPairs: boolean;
  /** CJK–Latin gap, em: natural, minimum (squeezed at PRIORITY.latinGap), maximum (stretched). */
  latinGap: { natural: number; min: number; max: number };
  /**
   * Digits and Latin letters: "half" sets each in half an em (the font's hwid forms, as the
   * 方正 faces newspapers use: `75` is 1 em, `3700` 2 em); "proportional" at the font's own
   * widths. A character the font has no half-width form for keeps its own width.
   */
  digits: "half" | "proportional";
  /**
   * Copyfit (撑行/缩行) limits, em per gap between characters: the most extra space a loosened
   * paragraph's lines may take (`loosen`), and the most a tightened one may take away (紧排,
   * `tighten`) beyond what the marks' blanks give. See fitVariants (src/typeset/fit.ts).
   */
  copyfit: CopyfitLimits;
}

export interface CopyfitLimits {
  loosen: number;
  tighten: number;
}

/**
 * clreq's squeeze order (shrink side). 1: a line-end mark → ½ em (GB/T 15834 §5.1.10), or a
 * line-start opening mark; 2: Western word space; 3: interpunct; 4: brackets' outer side;
 * 5: ，、；：; 6: CJK–Latin gap; 7: 。？！.
 */
export const PRIORITY = {
  lineEdge: 1,
  wordSpace: 2,
  interpunct: 3,
  bracket: 4,
  pause: 5,
  latinGap: 6,
  stop: 7,
} as const;

const full = (squeeze: number | null): MarkRule => ({ keep: true, squeeze });
const half: MarkRule = { keep: false, squeeze: null };

/**
 * What the built-in styles share beyond punctuation: the house style measured on the printed
 * sample page (shared/seed/README.md).
 * - CJK–Latin gap ¼ em, squeezed to nothing on a tight line (clreq's table stops at ⅛ em; a
 *   house style that wants that sets latinGap.min 0.125), stretched to ⅓ em (the usual cap).
 * - Digits and Latin letters half-width.
 * - Copyfit: a loosened line takes at most ⅛ em more per gap, a tightened one at most 0.07 em
 *   less (紧排): just over 1/15 em, so that a line of 16 characters (the 16.5-em columns of the
 *   sample's 江北 and its box) can take in one more; at 9 pt the ink of neighbouring Song
 *   ideographs stays apart.
 */
const COMPOSITION = {
  latinGap: { natural: 0.25, min: 0, max: 1 / 3 },
  digits: "half",
  copyfit: { loosen: 0.125, tighten: 0.07 },
} as const satisfies Pick<StyleTable, "latinGap" | "digits" | "copyfit">;

export const STYLES: Record<PunctuationStyle, StyleTable> = {
  /** 全角 (全身): every mark one em; adjacent marks 1.5 em; squeezed on demand. */
  quanjiao: {
    name: "quanjiao",
    marks: {
      stop: full(PRIORITY.stop),
      pause: full(PRIORITY.pause),
      open: full(PRIORITY.bracket),
      close: full(PRIORITY.bracket),
      interpunct: full(PRIORITY.interpunct),
    },
    compressPairs: true,
    ...COMPOSITION,
  },
  /**
   * 开明 (clreq): 。？！ one em, every other mark half an em; the first of two adjacent marks
   * half an em (`。”` 1 em). A lone 。？！ mid-line keeps its em and is never squeezed to pull
   * a character up; it takes half an em only at a line end. (A style that squeezes them on
   * demand: a house-style JSON with "marks": {"stop": {"keep": true, "squeeze": 7}}.)
   */
  kaiming: {
    name: "kaiming",
    marks: { stop: full(null), pause: half, open: half, close: half, interpunct: half },
    compressPairs: true,
    ...COMPOSITION,
  },
  /** 半角: every mark half an em. */
  banjiao: {
    name: "banjiao",
    marks: { stop: half, pause: half, open: half, close: half, interpunct: half },
    compressPairs: true,
    ...COMPOSITION,
  },
  /** 行末半角: every mark one em, adjusted only at the line edges (the GB/T 15834 minimum). */
  hangmo: {
    name: "hangmo",
    marks: { stop: full(null), pause: full(null), open: full(null), close: full(null), interpunct: full(null) },
    compressPairs: false,
    ...COMPOSITION,
  },
};

export function markRule(style: StyleTable, cls: CharClass): MarkRule | undefined {
  return (style.marks as Record<string, MarkRule>)[cls];
}
