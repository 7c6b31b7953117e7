/**
 * Stage 3 of the composer: set one line to its width.
 *
 * A mark at a line end takes half an em (GB/T 15834 §5.1.10): its blank is always dropped.
 * Too wide: squeeze, spending clreq's priorities in order, each step evenly across the line;
 * then, for a tightened paragraph only, 紧排 (every gap between characters a little narrower,
 * up to the given amount). Too narrow: stretch Western spaces, then CJK–Latin gaps (each to a
 * maximum), then every gap between units where inter-character spacing is allowed, evenly —
 * never inside a word, a number or an inseparable, never after an opening mark or before a
 * closing mark or 点号, never around connectors.
 */
import type { CharClass } from "./classes.js";
import { PRIORITY } from "./styles.js";
import type { Give, SetGlyph, Unit } from "./types.js";
import type { LineRange } from "./breaks.js";

const NO_STRETCH_AFTER: ReadonlySet<CharClass> = new Set(["open", "prefix", "connector", "solidus"]);
const NO_STRETCH_BEFORE: ReadonlySet<CharClass> = new Set(["close", "pause", "stop", "postfix", "connector", "solidus"]);

/** May justification add space between these two units? */
export function isJustificationOpportunity(a: Unit, b: Unit): boolean {
  return a.glueKind !== "space" && !NO_STRETCH_AFTER.has(a.cls) && !NO_STRETCH_BEFORE.has(b.cls);
}

/** The amounts of one line's units as set: blanks kept and glue after each unit. */
export interface Spacing {
  left: number[];
  right: number[];
  glue: number[];
  /** Added to every justification opportunity, em (negative: 紧排). */
  stretch: number;
  opportunities: boolean[];
  opportunityCount: number;
}

interface Slot {
  unit: number;
  side: "left" | "right" | "glue";
  give: Give;
}

/** Squeezable slots of the line, with the line-edge blanks promoted to priority 1. */
function slots(units: Unit[], line: LineRange): Slot[] {
  const out: Slot[] = [];
  for (let i = line.start; i < line.end; i++) {
    const u = units[i]!;
    const first = i === line.start;
    const last = i === line.end - 1;
    if (first && u.left > 0) out.push({ unit: i, side: "left", give: { amount: u.left, priority: PRIORITY.lineEdge } });
    else if (u.leftGive) out.push({ unit: i, side: "left", give: u.leftGive });
    if (!last && u.rightGive) out.push({ unit: i, side: "right", give: u.rightGive });
    if (!last && u.glueShrink) out.push({ unit: i, side: "glue", give: u.glueShrink });
  }
  return out;
}

/**
 * Work out the spacing of `line` so that it is `width` em wide (or natural when `justify` is
 * false). `onlySpaces`: only the spaces stretch (a list of names is never letter-spaced).
 * `tighten`: the most 紧排 per gap, em, once every blank the style gives is spent (copyfit).
 */
export function spaceLine(units: Unit[], line: LineRange, width: number, justify: boolean, onlySpaces = false, tighten = 0): Spacing {
  const n = line.end - line.start;
  const sp: Spacing = {
    left: new Array(n),
    right: new Array(n),
    glue: new Array(n),
    stretch: 0,
    opportunities: new Array(n).fill(false),
    opportunityCount: 0,
  };
  let natural = 0;
  for (let k = 0; k < n; k++) {
    const u = units[line.start + k]!;
    sp.left[k] = u.left;
    // A line-end mark is half an em: its blank goes.
    sp.right[k] = k === n - 1 ? 0 : u.right;
    sp.glue[k] = k === n - 1 ? 0 : u.glue;
    natural += u.left + u.ink + sp.right[k]! + sp.glue[k]!;
  }
  let excess = natural - width;
  if (excess > 1e-9) {
    const all = slots(units, line);
    for (let p = 1; p <= PRIORITY.stop && excess > 1e-9; p++) {
      const level = all.filter((s) => s.give.priority === p);
      const total = level.reduce((t, s) => t + s.give.amount, 0);
      if (total <= 0) continue;
      const take = Math.min(total, excess);
      for (const s of level) {
        const amount = (s.give.amount * take) / total;
        const k = s.unit - line.start;
        sp[s.side][k]! -= amount;
      }
      excess -= take;
    }
    if (excess > 1e-9 && tighten > 0 && !onlySpaces) {
      markOpportunities(units, line, sp);
      if (sp.opportunityCount > 0) sp.stretch = -Math.min(tighten, excess / sp.opportunityCount);
    }
  } else if (excess < -1e-9 && justify) {
    stretchLine(units, line, sp, -excess, onlySpaces);
  }
  return sp;
}

function stretchLine(units: Unit[], line: LineRange, sp: Spacing, short: number, onlySpaces: boolean): void {
  const n = line.end - line.start;
  // Steps 1 and 2: Western spaces, then CJK–Latin gaps, each up to its maximum.
  for (const priority of [1, 2]) {
    const open: number[] = [];
    let room = 0;
    for (let k = 0; k < n - 1; k++) {
      const st = units[line.start + k]!.glueStretch;
      if (st && st.priority === priority) {
        open.push(k);
        room += st.max - sp.glue[k]!;
      }
    }
    if (room <= 0 || short <= 1e-12) continue;
    const take = Math.min(room, short);
    for (const k of open) {
      const u = units[line.start + k]!;
      sp.glue[k]! += ((u.glueStretch!.max - u.glue) * take) / room;
    }
    short -= take;
  }
  if (short <= 1e-12) return;
  // Step 3: every justification opportunity, evenly.
  if (!onlySpaces) markOpportunities(units, line, sp);
  if (sp.opportunityCount > 0) {
    sp.stretch = short / sp.opportunityCount;
    return;
  }
  // Nothing else may stretch: spread over whatever glue the line has.
  const glued = [...Array(n - 1).keys()].filter((k) => units[line.start + k]!.glueKind !== "none");
  for (const k of glued) sp.glue[k]! += short / glued.length;
}

function markOpportunities(units: Unit[], line: LineRange, sp: Spacing): void {
  for (let k = 0; k < line.end - line.start - 1; k++) {
    if (isJustificationOpportunity(units[line.start + k]!, units[line.start + k + 1]!)) {
      sp.opportunities[k] = true;
      sp.opportunityCount++;
    }
  }
}

/** Place the glyphs of a spaced line, em from the line's left edge (after `offset`). */
export function placeGlyphs(units: Unit[], line: LineRange, sp: Spacing, offset: number, size: number): SetGlyph[] {
  const glyphs: SetGlyph[] = [];
  let x = offset;
  for (let k = 0; k < line.end - line.start; k++) {
    const u = units[line.start + k]!;
    const inkStart = x + sp.left[k]!;
    for (const g of u.glyphs) {
      glyphs.push({ face: g.face, id: g.id, x: (inkStart + g.dx) * size, advance: g.advance * size, text: g.text });
    }
    x = inkStart + u.ink + sp.right[k]! + sp.glue[k]! + (sp.opportunities[k] ? sp.stretch : 0);
  }
  return glyphs;
}

/** Width of a spaced line, em. */
export function spacedWidth(units: Unit[], line: LineRange, sp: Spacing): number {
  let w = 0;
  for (let k = 0; k < line.end - line.start; k++) {
    const u = units[line.start + k]!;
    w += sp.left[k]! + u.ink + sp.right[k]! + sp.glue[k]! + (sp.opportunities[k] ? sp.stretch : 0);
  }
  return w;
}
