/**
 * Punctuation styles (标点样式) as data. A house style is one of these tables, or a JSON file
 * of the same shape.
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
/** ¼ em, squeezable to ⅛ em, stretchable to ⅓ em (the cap many styles use). */
const LATIN_GAP = { natural: 0.25, min: 0.125, max: 1 / 3 };

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
    latinGap: LATIN_GAP,
  },
  /**
   * 开明: 。？！ one em, every other mark half an em; the first of two adjacent marks half an
   * em. 。？！ are squeezed to half an em on demand (where that lets the line fit).
   */
  kaiming: {
    name: "kaiming",
    marks: { stop: full(PRIORITY.stop), pause: half, open: half, close: half, interpunct: half },
    compressPairs: true,
    latinGap: LATIN_GAP,
  },
  /** 半角: every mark half an em. */
  banjiao: {
    name: "banjiao",
    marks: { stop: half, pause: half, open: half, close: half, interpunct: half },
    compressPairs: true,
    latinGap: LATIN_GAP,
  },
  /** 行末半角: every mark one em, adjusted only at the line edges (the GB/T 15834 minimum). */
  hangmo: {
    name: "hangmo",
    marks: { stop: full(null), pause: full(null), open: full(null), close: full(null), interpunct: full(null) },
    compressPairs: false,
    latinGap: LATIN_GAP,
  },
};

export function markRule(style: StyleTable, cls: CharClass): MarkRule | undefined {
  return (style.marks as Record<string, MarkRule>)[cls];
}
