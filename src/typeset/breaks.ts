/**
 * Stage 2 of the composer: where the lines end.
 *
 * First-fit, as a newspaper system sets: each line takes as many units as fit when every
 * squeezable blank is spent (先挤进 — squeeze in first); when the break that leaves would put
 * a forbidden mark at a line start or end, units are pushed down to the next line instead
 * (后推出 — then push out). A paragraph's last line of one ideograph (孤字) is avoided by
 * ending the line above at an earlier legal break, so more comes down.
 *
 * Copyfit breaks the same way with every gap between characters (a justification
 * opportunity) counted `adjust` em wider (loosened: a narrower effective measure, so the
 * paragraph takes more lines) or narrower (tightened, 紧排: fewer lines).
 */
import { PUNCTUATION } from "./classes.js";
import { isJustificationOpportunity } from "./justify.js";
import { mayBreakBetween, type KinsokuRules } from "./kinsoku.js";
import type { Unit } from "./types.js";

/** Where lines may end: the 避头尾 classes, and for lists of names only at the spaces. */
export interface BreakRules extends KinsokuRules {
  onlyAtSpaces: boolean;
}

/** A line as a range of units [start, end). */
export interface LineRange {
  start: number;
  end: number;
}

const EPS = 1e-9;

/** Prefix sums so that any line's natural width, give and gaps are O(1). */
export interface Measures {
  natural: Float64Array;
  give: Float64Array;
  /** Justification opportunities after units [0, i). */
  gaps: Float64Array;
}

export function measures(units: Unit[], onlySpaces = false): Measures {
  const natural = new Float64Array(units.length + 1);
  const give = new Float64Array(units.length + 1);
  const gaps = new Float64Array(units.length + 1);
  units.forEach((u, i) => {
    natural[i + 1] = natural[i]! + u.left + u.ink + u.right + u.glue;
    give[i + 1] = give[i]! + (u.leftGive?.amount ?? 0) + (u.rightGive?.amount ?? 0) + (u.glueShrink?.amount ?? 0);
    const next = units[i + 1];
    gaps[i + 1] = gaps[i]! + (next && !onlySpaces && isJustificationOpportunity(u, next) ? 1 : 0);
  });
  return { natural, give, gaps };
}

/** Justification opportunities inside units [s, e) set as one line. */
export function lineGaps(m: Measures, s: number, e: number): number {
  return m.gaps[e - 1]! - m.gaps[s]!;
}

/** Natural width of units [s, e) set as one line: the last unit's glue is dropped. */
export function lineNatural(units: Unit[], m: Measures, s: number, e: number): number {
  return m.natural[e]! - m.natural[s]! - units[e - 1]!.glue;
}

/**
 * Everything that may be squeezed out of units [s, e) as one line: the blanks and glue each
 * unit gives, plus, at the line's edges, the whole blank before the first unit and after the
 * last (a line-end mark takes half an em: GB/T 15834 §5.1.10).
 */
export function lineGive(units: Unit[], m: Measures, s: number, e: number): number {
  const first = units[s]!;
  const last = units[e - 1]!;
  return (
    m.give[e]! - m.give[s]! -
    (last.glueShrink?.amount ?? 0) +
    (first.left - (first.leftGive?.amount ?? 0)) +
    (last.right - (last.rightGive?.amount ?? 0))
  );
}

/** What one breaking works with: the units, their sums, the rules, the widths, the copyfit adjustment. */
interface Breaking {
  units: Unit[];
  m: Measures;
  rules: BreakRules;
  widthOf: (line: number) => number;
  /** Em added to (loosen) or taken from (tighten) every gap between characters; 0 normally. */
  adjust: number;
}

function fits(b: Breaking, s: number, e: number, width: number): boolean {
  const { units, m } = b;
  const adjust = b.adjust === 0 ? 0 : b.adjust * lineGaps(m, s, e);
  return lineNatural(units, m, s, e) - lineGive(units, m, s, e) + adjust <= width + EPS;
}

/** The last legal break in (s, e], searching backwards; -1 when there is none. */
function legalBreakAtOrBefore(units: Unit[], rules: BreakRules, s: number, e: number): number {
  for (let k = e; k > s; k--) {
    const before = units[k - 1]!;
    if (rules.onlyAtSpaces && before.glueKind !== "space") continue;
    if (mayBreakBetween(before.cls, units[k]!.cls, rules)) return k;
  }
  return -1;
}

/**
 * One line from unit `s`: the furthest legal end. A unit wider than the line stands alone on
 * it (overfull: the caller reports it); there is always at least one unit per line.
 */
function nextBreak(b: Breaking, s: number, width: number): number {
  const { units, rules } = b;
  let e = s + 1;
  while (e < units.length && fits(b, s, e + 1, width)) e++;
  if (e === units.length) return e;
  const legal = legalBreakAtOrBefore(units, rules, s, e);
  // No legal break at all (a word longer than the line, a run of marks): break where it fits.
  return legal > 0 ? legal : e;
}

/** A last line holding one ideograph and nothing but marks besides (孤字). */
export function isOrphan(units: Unit[], line: LineRange): boolean {
  let chars = 0;
  for (let i = line.start; i < line.end; i++) {
    const u = units[i]!;
    if (PUNCTUATION.has(u.cls)) continue;
    if (u.cls !== "ideograph" || ++chars > 1) return false;
  }
  return chars === 1;
}

/**
 * Break a paragraph. `widthOf(k)` is the width available to line k (the first line loses its
 * indent), in em; `adjust` the copyfit adjustment per gap (0: the paragraph's own setting).
 */
export function breakLines(
  units: Unit[],
  rules: BreakRules,
  widthOf: (line: number) => number,
  avoidOrphans: boolean,
  adjust = 0,
  m: Measures = measures(units, rules.onlyAtSpaces),
): LineRange[] {
  const b: Breaking = { units, m, rules, widthOf, adjust };
  const lines = breakFrom(b, 0, 0);
  if (avoidOrphans && lines.length >= 2 && isOrphan(units, lines[lines.length - 1]!)) pullDownOrphan(b, lines);
  return lines;
}

/** Lines from unit `s` to the end, the first of them being line `firstLine` of the paragraph. */
function breakFrom(b: Breaking, s: number, firstLine: number): LineRange[] {
  const lines: LineRange[] = [];
  while (s < b.units.length) {
    const e = nextBreak(b, s, b.widthOf(firstLine + lines.length));
    lines.push({ start: s, end: e });
    s = e;
  }
  return lines;
}

/** End the line above the orphan at the legal break before its end and re-set the rest. */
function pullDownOrphan(b: Breaking, lines: LineRange[]): void {
  const { units, rules } = b;
  const k = lines.length - 2;
  const above = lines[k]!;
  const earlier = legalBreakAtOrBefore(units, rules, above.start, above.end - 1);
  if (earlier <= above.start) return;
  const tail = breakFrom(b, earlier, k + 1);
  // Only take the change when it leaves no orphan and no extra line.
  if (tail.length !== 1 || isOrphan(units, tail[0]!)) return;
  lines.splice(k, 2, { start: above.start, end: earlier }, tail[0]!);
}
