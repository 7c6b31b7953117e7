/**
 * Copyfit's half in the composer (撑行/缩行): the same paragraph set one or more lines longer
 * (loosened) or shorter (tightened), within the house style's limits, with what it costs to
 * the eye. Make-up asks for the variants it needs and picks the cheapest.
 *
 *   const fits = fitVariants(text, faces, { measure: 23, size: 9 });
 *   fits.natural              // the paragraph as composeParagraph sets it (fits.lines lines)
 *   fits.variant(+1)          // { paragraph, cost } one line longer, or null
 *   fits.variant(-1)          // one line shorter, or null
 *
 * A variant is the paragraph re-broken into exactly `lines + delta` lines, every line but the
 * last justified to the full measure, choosing the breaks that spread the change most evenly
 * (least sum over lines of gaps × (space per gap)²: a total fit over the legal breaks, not
 * first-fit). Loosened, a line may take at most `copyfit.loosen` em of extra space per gap
 * between characters (a narrower effective measure, the extra spread evenly); tightened, it
 * may spend the blanks the style lets go and then 紧排, every gap at most `copyfit.tighten` em
 * narrower. A line the tight setting already sets looser (pushed out by 避头尾) may stay that
 * loose. 避头尾, numbers, words and inseparables unsplit, a lone 。？！ never squeezed mid-line,
 * and no 孤字 hold in every variant; null when the limits cannot give exactly that many lines.
 *
 * Pure and fast: units are made once per fitVariants call; a variant is one pass over
 * (line, break) pairs, each line's possible ends found by bisection on prefix sums. Nothing is
 * kept between calls.
 */
import type { Face } from "../fonts/face.js";
import { isOrphan, lineGaps, lineGive, lineNatural, type LineRange } from "./breaks.js";
import { mayBreakBetween } from "./kinsoku.js";
import { breakPrepared, prepareParagraph, setPrepared, type ComposeOptions, type FaceSpan, type PreparedParagraph, type SpacedLine } from "./compose.js";
import type { CopyfitLimits } from "./styles.js";
import type { SetParagraph } from "./types.js";

/** What a variant costs to the eye: the spacing it puts between characters. */
export interface FitCost {
  /** Lines added (> 0) or taken away (< 0). */
  delta: number;
  /**
   * Loosened: the extra space in each gap between characters, em, on the loosest justified
   * line (max) and over every gap of the justified lines (mean). Tightened: the 紧排 taken
   * from each gap, likewise. (A line the tight setting also stretches counts as it is set.)
   */
  maxPerGap: number;
  meanPerGap: number;
}

export interface FitVariant {
  paragraph: SetParagraph;
  cost: FitCost;
}

export interface ParagraphFits {
  /** The paragraph as composeParagraph sets it. */
  natural: SetParagraph;
  /** Its number of lines. */
  lines: number;
  /** The style's limits the variants keep to. */
  limits: CopyfitLimits;
  /** The paragraph `delta` lines longer (> 0) or shorter (< 0); null when the limits cannot. */
  variant(delta: number): FitVariant | null;
}

/**
 * Largest (lines × units) a variant is searched over: a 200-line paragraph of 5,000 units.
 * Past it (hostile input, not copy) there is no variant.
 */
const MAX_CELLS = 1_000_000;
const EPS = 1e-9;

export function fitVariants(text: string, faces: Face[], options: ComposeOptions, spans: FaceSpan[] = []): ParagraphFits {
  const p = prepareParagraph(text, faces, options, spans);
  const limits = p.style.copyfit;
  const naturalRanges = breakPrepared(p);
  const natural = setPrepared(p, naturalRanges);
  const naturalLoosest = costOf(natural.spacing, 1).maxPerGap;
  const lines = naturalRanges.length;
  const seen = new Map<number, FitVariant | null>();

  const variant = (delta: number): FitVariant | null => {
    if (!Number.isInteger(delta)) throw new RangeError(`fitVariants: delta must be a whole number of lines, not ${delta}`);
    if (seen.has(delta)) return seen.get(delta)!;
    let result: FitVariant | null = null;
    if (delta === 0) result = { paragraph: natural.paragraph, cost: { delta: 0, ...costOf(natural.spacing, 1) } };
    else if (lines + delta >= 1 && (lines + delta + 1) * (p.units.length + 1) <= MAX_CELLS) {
      // Loosened lines up to the limit (or as loose as the tight setting already is); tightened
      // ones no looser than that either, and no more 紧排 than the limit.
      const stretch = Math.max(limits.loosen, naturalLoosest);
      const ranges = delta > 0 ? totalFit(p, lines + delta, stretch, 0) : totalFit(p, lines + delta, stretch, limits.tighten);
      if (ranges) {
        const set = setPrepared(p, ranges, delta < 0 ? limits.tighten : 0);
        result = { paragraph: set.paragraph, cost: { delta, ...costOf(set.spacing, delta > 0 ? 1 : -1) } };
      }
    }
    seen.set(delta, result);
    return result;
  };

  return { natural: natural.paragraph, lines, limits, variant };
}

/**
 * The breaks into exactly `target` lines with the least sum of gaps × (space per gap)², where
 * a justified line may stretch at most `stretch` em per gap and squeeze past
 * the style's blanks at most `tighten` em per gap (紧排). Null when no such breaks exist.
 */
function totalFit(p: PreparedParagraph, target: number, stretch: number, tighten: number): LineRange[] | null {
  const { units, m, rules } = p;
  const n = units.length;
  const legalEnd = (j: number) =>
    j === n || (!(rules.onlyAtSpaces && units[j - 1]!.glueKind !== "space") && mayBreakBetween(units[j - 1]!.cls, units[j]!.cls, rules));
  /** Cost of units [i, j) as line k (justified), or Infinity when it cannot be set so. */
  const lineCost = (i: number, j: number, k: number): number => {
    const width = p.widthOf(k);
    const natural = lineNatural(units, m, i, j);
    const gaps = lineGaps(m, i, j);
    if (natural <= width + EPS) {
      const room = width - natural;
      if (room <= EPS) return 0;
      if (gaps === 0) return Infinity;
      const s = room / gaps;
      return s <= stretch + EPS ? gaps * s * s : Infinity;
    }
    const squeezed = natural - lineGive(units, m, i, j);
    if (squeezed <= width + EPS) return 0;
    if (gaps === 0) return Infinity;
    const t = (squeezed - width) / gaps;
    return t <= tighten + EPS ? gaps * t * t : Infinity;
  };
  /** The last line: not justified, but it must fit (紧排 counted) and may not be a 孤字. */
  const lastCost = (i: number, k: number): number => {
    if (target >= 2 && p.settings.avoidOrphans && isOrphan(units, { start: i, end: n })) return Infinity;
    const over = lineNatural(units, m, i, n) - lineGive(units, m, i, n) - p.widthOf(k);
    if (over <= EPS) return 0;
    const gaps = lineGaps(m, i, n);
    const t = gaps ? over / gaps : Infinity;
    return t <= tighten + EPS ? gaps * t * t : Infinity;
  };
  /** Ends j of a justified line from i: those neither too loose nor too tight (bisection). */
  const tooLoose = (i: number, j: number, k: number) => lineNatural(units, m, i, j) + stretch * lineGaps(m, i, j) < p.widthOf(k) - EPS;
  const tooTight = (i: number, j: number, k: number) =>
    lineNatural(units, m, i, j) - lineGive(units, m, i, j) - tighten * lineGaps(m, i, j) > p.widthOf(k) + EPS;

  const width = n + 1;
  const best = new Float64Array(target * width).fill(Infinity);
  const from = new Int32Array(target * width).fill(-1);
  best[0] = 0;
  for (let k = 0; k < target - 1; k++) {
    for (let i = 0; i < n; i++) {
      const here = best[k * width + i]!;
      if (here === Infinity) continue;
      // First end not too loose: the first j in (i, n) with enough on the line.
      let lo = i + 1;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tooLoose(i, mid, k)) lo = mid + 1;
        else hi = mid;
      }
      for (let j = lo; j < n && !tooTight(i, j, k); j++) {
        if (!legalEnd(j)) continue;
        const c = here + lineCost(i, j, k);
        const at = (k + 1) * width + j;
        if (c < best[at]!) {
          best[at] = c;
          from[at] = i;
        }
      }
    }
  }
  let end = -1;
  let least = Infinity;
  const k = target - 1;
  for (let i = 0; i < n; i++) {
    const c = best[k * width + i]! + lastCost(i, k);
    if (c < least) {
      least = c;
      end = i;
    }
  }
  if (end < 0) return null;
  const ranges: LineRange[] = [{ start: end, end: n }];
  for (let line = k; line > 0; line--) {
    const next = ranges[ranges.length - 1]!.start;
    ranges.push({ start: from[line * width + next]!, end: next });
  }
  return ranges.reverse();
}

/**
 * Max and mean spacing per gap over the justified lines (and a last line set with 紧排);
 * `sign` −1 counts 紧排 as positive.
 */
function costOf(spacing: SpacedLine[], sign: number): { maxPerGap: number; meanPerGap: number } {
  let max = 0;
  let sum = 0;
  let gaps = 0;
  for (const s of spacing) {
    if (s.gaps === 0 || (s.line.last && s.perGap >= 0)) continue;
    const v = Math.max(0, sign * s.perGap);
    max = Math.max(max, v);
    sum += v * s.gaps;
    gaps += s.gaps;
  }
  return { maxPerGap: max, meanPerGap: gaps ? sum / gaps : 0 };
}
