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
 * last justified to the full measure, its breaks chosen so that the largest change of spacing on
 * any line is least (the loosest line of a loosened paragraph, the tightest of a tightened one,
 * as even as it can be — not first fit on a narrower measure, which leaves one line two
 * characters short and gappy). Loosened, a line may take at most `copyfit.loosen` em of extra
 * space per gap between characters (a narrower effective measure, the extra spread evenly);
 * tightened, it may spend the blanks the style lets go and then 紧排, every gap at most
 * `copyfit.tighten` em narrower. A line the tight setting already sets looser (pushed out by
 * 避头尾) may stay that loose. 避头尾, numbers, words and inseparables unsplit, a lone 。？！
 * never squeezed mid-line, and no 孤字 hold in every variant; null when the limits cannot give
 * exactly that many lines. Make-up's copyfit (src/makeup/copyfit.ts) sets its paragraphs
 * through this.
 *
 * Pure: units are made once per fitVariants call (or by the caller: fitPrepared); a variant is
 * one pass per line over (break, next break) pairs. Nothing is kept between calls.
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
  /**
   * The paragraph `delta` lines longer (> 0) or shorter (< 0); null when the limits cannot.
   * `room`: em its last line must leave free at the end of the measure (a credit run in after
   * it); with delta 0, the same number of lines tightened until it does (the tight setting when
   * its last line leaves that much already).
   */
  variant(delta: number, room?: number): FitVariant | null;
}

/**
 * Largest (lines × units) a variant is searched over: a 200-line paragraph of 5,000 units.
 * Past it (hostile input, not copy) there is no variant.
 */
const MAX_CELLS = 1_000_000;
const EPS = 1e-9;

export function fitVariants(text: string, faces: Face[], options: ComposeOptions, spans: FaceSpan[] = []): ParagraphFits {
  return fitPrepared(prepareParagraph(text, faces, options, spans));
}

/** A paragraph's own setting: its breaks and what setPrepared made of them. */
export interface NaturalSetting {
  ranges: LineRange[];
  set: { paragraph: SetParagraph; spacing: SpacedLine[] };
}

/**
 * fitVariants of a paragraph already prepared (make-up prepares each paragraph once), and set
 * as it stands when the caller has done that (`given`: not set again).
 */
export function fitPrepared(p: PreparedParagraph, given?: NaturalSetting): ParagraphFits {
  const limits = p.style.copyfit;
  const naturalRanges = given?.ranges ?? breakPrepared(p);
  const natural = given?.set ?? setPrepared(p, naturalRanges);
  const lines = naturalRanges.length;
  const seen = new Map<string, FitVariant | null>();
  const lastRoom = (paragraph: SetParagraph) => {
    const last = paragraph.lines[paragraph.lines.length - 1];
    return last ? p.widthOf(paragraph.lines.length - 1) - (last.width - last.indent) / p.settings.size : p.settings.measure;
  };

  const variant = (delta: number, room = 0): FitVariant | null => {
    if (!Number.isInteger(delta)) throw new RangeError(`fitVariants: delta must be a whole number of lines, not ${delta}`);
    const key = `${delta}/${room}`;
    if (seen.has(key)) return seen.get(key)!;
    let result: FitVariant | null = null;
    if (delta === 0 && lastRoom(natural.paragraph) >= room - EPS) result = { paragraph: natural.paragraph, cost: { delta: 0, ...costOf(natural.spacing, 1) } };
    else if (lines + delta >= 1 && (lines + delta) * (p.units.length + 1) <= MAX_CELLS) {
      // Loosened lines up to the limit (or as loose as the tight setting already is); tightened
      // ones no looser than that either, and no more 紧排 than the limit.
      let naturalLoose = 0;
      naturalRanges.forEach((r, k) => {
        if (k < naturalRanges.length - 1) naturalLoose = Math.max(naturalLoose, spacingBetween(p, r.start, r.end, k));
      });
      const tighter = delta < 0 || (delta === 0 && room > 0);
      const tighten = tighter ? limits.tighten : 0;
      // The last line's room, as a narrower measure for it alone.
      const count = lines + delta;
      const q = room > 0 ? { ...p, widthOf: (k: number) => p.widthOf(k) - (k === count - 1 ? room : 0) } : p;
      // With room asked, the last line must leave it at its own width: no 紧排 counted there (it
      // is set on the full measure, where it needs none, and its room is measured as set).
      const ranges = evenBreaks(q, count, Math.max(limits.loosen, naturalLoose), tighten, room > 0 ? 0 : tighten);
      if (ranges) {
        const set = setPrepared(p, ranges, tighten);
        if (set.paragraph.lines.length === count && !set.paragraph.lines.some((l) => l.overfull) && lastRoom(set.paragraph) >= room - EPS) {
          result = { paragraph: set.paragraph, cost: { delta, ...costOf(set.spacing, tighter ? -1 : 1) } };
        }
      }
    }
    seen.set(key, result);
    return result;
  };

  return { natural: natural.paragraph, lines, limits, variant };
}

/**
 * The space line `k` = units [start, stop) adds to each gap between characters when justified,
 * em (negative: the 紧排 it needs once the marks' blanks are spent; 0 when they suffice). Its
 * two ends, not a range object: evenBreaks asks this for every candidate line.
 */
function spacingBetween(p: PreparedParagraph, start: number, stop: number, k: number): number {
  const { units, m } = p;
  const end = units[stop - 1]!;
  // A line-end mark's blank is always dropped (GB/T 15834 5.1.10).
  const natural = lineNatural(units, m, start, stop) - end.right;
  const width = p.widthOf(k);
  const gaps = lineGaps(m, start, stop);
  // A line that cannot spread (no gap between characters) must be full already.
  if (natural <= width) return gaps > 0 ? (width - natural) / gaps : width - natural < EPS ? 0 : Infinity;
  const give = lineGive(units, m, start, stop) - (end.right - (end.rightGive?.amount ?? 0)) - (end.rightGive?.amount ?? 0);
  const over = natural - give - width;
  if (over <= EPS) return 0;
  return gaps > 0 ? -over / gaps : -Infinity;
}

/**
 * Break a prepared paragraph into exactly `count` lines so that the largest spacing change of
 * any line but the last is least (ties: the earliest breaks): no line looser than `loose` em
 * per gap, none needing more 紧排 than `tight` (the last line: `lastTight`); 避头尾 as the
 * composer has it, no 孤字. Null when no such breaking.
 */
function evenBreaks(p: PreparedParagraph, count: number, loose: number, tight: number, lastTight = tight): LineRange[] | null {
  const { units, rules } = p;
  const N = units.length;
  if (N === 0) return null;
  const legal: number[] = [];
  for (let k = 1; k < N; k++) {
    const before = units[k - 1]!;
    if (rules.onlyAtSpaces && before.glueKind !== "space") continue;
    if (mayBreakBetween(before.cls, units[k]!.cls, rules)) legal.push(k);
  }
  legal.push(N);
  const B = legal.length;
  // cost[i]: the least largest change of the lines so far ending at break legal[i] (B: the
  // start); from[l][j]: the break before line l's end j.
  let cost = new Float64Array(B + 1).fill(Infinity);
  cost[B] = 0;
  const from: Int32Array[] = [];
  const posOf = (i: number) => (i === B ? 0 : legal[i]!);
  for (let l = 0; l < count; l++) {
    const next = new Float64Array(B + 1).fill(Infinity);
    const back = new Int32Array(B + 1).fill(-1);
    const lastLine = l === count - 1;
    // Ends before `lo` make a line looser than `loose` from every start so far, and so from
    // every later one (a line that starts later holds less). The starts of one line come in
    // order: line 0 has only the paragraph's start (B), the others only breaks (0…B−1).
    let lo = 0;
    for (let i = 0; i <= B; i++) {
      const c = cost[i]!;
      if (!Number.isFinite(c)) continue;
      const s = posOf(i);
      if (s >= N) continue;
      if (lastLine) {
        // The last line ends at the paragraph's end (legal[B − 1]): not justified, but it must
        // fit (紧排 counted) and may not be a 孤字.
        if (spacingBetween(p, s, N, l) < -lastTight - EPS) continue;
        if (count >= 2 && p.settings.avoidOrphans && isOrphan(units, { start: s, end: N })) continue;
        if (c < next[B - 1]!) {
          next[B - 1] = c;
          back[B - 1] = i;
        }
        continue;
      }
      for (let j = Math.max(i === B ? 0 : i + 1, lo); j < B; j++) {
        const e = legal[j]!;
        if (e <= s) continue;
        if (e === N) break;
        const sp = spacingBetween(p, s, e, l);
        if (sp < -tight - EPS) break;
        if (sp > loose + EPS) {
          lo = j + 1;
          continue;
        }
        const v = Math.max(c, Math.abs(sp));
        if (v < next[j]!) {
          next[j] = v;
          back[j] = i;
        }
      }
    }
    from.push(back);
    cost = next;
  }
  if (!Number.isFinite(cost[B - 1]!)) return null;
  const ranges: LineRange[] = [];
  let j = B - 1;
  for (let l = count - 1; l >= 0; l--) {
    const i = from[l]![j]!;
    ranges.unshift({ start: posOf(i), end: legal[j]! });
    j = i;
  }
  return ranges;
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
