/**
 * Copyfit (撑行/缩行): a text frame's flow made to end exactly at the foot of its last column.
 *
 * A flow is a list of parts: fixed lines (a byline, a box item's head, a credit on lines of its
 * own) and paragraphs, each of which may be set a line or two longer (loosened: a little more
 * space between characters, so its lines break earlier) or shorter (tightened: 紧排, a little
 * less) within the house style's limits. Which paragraphs, and by how much, is chosen over the
 * whole flow at once (a dynamic programme over where each part starts on the grid):
 *   1. no overset, then no empty lines at a column foot (underset, or a hole left by a head
 *      that moved on), then no 段末孤行 (a column headed by a paragraph's last line) and, where
 *      the house style forbids it, no 段首孤行 (a paragraph's first line alone at a column foot);
 *   2. then the least visible change: fewest paragraphs changed, the smallest adjustment per
 *      gap, and changes spread over the columns rather than stacked in one.
 * A paragraph's other settings are made only when the programme wants them (an estimate from
 * its last line ranks them first), so a story that fits as set costs one flow.
 */
import type { CopyfitLimits } from "../typeset/styles.js";
import type { PreparedParagraph } from "../typeset/compose.js";
import { fitPrepared, type NaturalSetting, type ParagraphFits } from "../typeset/fit.js";
import type { SetParagraph } from "../typeset/types.js";
import type { FlowColumn, FlowLine } from "./flow.js";

/** A paragraph set another way: `delta` lines longer (+) or shorter (−). */
export interface PartVariant {
  lines: FlowLine[];
  set: SetParagraph;
  delta: number;
  /** The largest space its lines add to (+) or take from (−) each gap between characters, em. */
  emPerGap: number;
}

/** A paragraph copyfit may set longer or shorter. */
export interface FitParagraph {
  /** Its index in its copy. */
  paragraph: number;
  /** An estimate of the em per gap `delta` lines would take (to rank candidates before setting them). */
  estimate(delta: number): number;
  /** The paragraph set `delta` lines longer or shorter within the limits; undefined when it cannot be. */
  vary(delta: number): PartVariant | undefined;
  /** An estimate of the em per gap it takes to leave `room` em free at the end of its last line. */
  estimateRoom?(room: number): number;
  /**
   * The paragraph in as many lines, tightened within the limits so that its last line leaves
   * `room` em free (a credit then runs in after it); undefined when it cannot be.
   */
  withRoom?(room: number): PartVariant | undefined;
}

/** A piece of a flow: fixed lines, or a paragraph's lines as set, with its other settings. */
export interface FlowPart {
  lines: FlowLine[];
  /** The paragraph as set (paragraph parts). */
  set?: SetParagraph;
  fit?: FitParagraph;
}

/** What the house style allows copyfit (make-up's side; the em limits are the composer's). */
export interface CopyfitRules {
  /** Most lines one paragraph may gain or lose. */
  maxLinesPerParagraph: number;
  /** A paragraph's first line may stand alone at a column foot (段首孤行). */
  firstLineAtFoot: boolean;
}

/**
 * The other settings of a prepared paragraph, `delta` lines more or fewer: the composer's
 * (fitPrepared, src/typeset/fit.ts: breaks chosen so that the largest change of spacing on any
 * line is least). `toLines` turns a set paragraph into flow lines.
 */
export function paragraphFit(
  p: PreparedParagraph,
  setting: NaturalSetting,
  paragraph: number,
  toLines: (set: SetParagraph) => FlowLine[],
): FitParagraph {
  const natural = setting.set.paragraph;
  const n = natural.lines.length;
  const gaps = Math.max(1, p.m.gaps[p.units.length] ?? 1);
  const size = p.settings.size;
  const last = natural.lines[n - 1];
  const lastWidth = last ? (last.width - last.indent) / size + (n === 1 ? p.settings.indent : 0) : 0;
  const measure = p.settings.measure;
  const cache = new Map<string, PartVariant | undefined>();
  let fits: ParagraphFits | undefined;
  return {
    paragraph,
    estimate(delta) {
      if (delta > 0) return (measure - lastWidth + (delta - 1) * measure + 0.5) / gaps;
      return (lastWidth + (-delta - 1) * measure) / gaps;
    },
    vary(delta) {
      const key = `${delta}`;
      if (!cache.has(key)) cache.set(key, vary(delta));
      return cache.get(key);
    },
    estimateRoom(room) {
      return Math.max(0, room - (measure - lastWidth)) / gaps;
    },
    withRoom(room) {
      const key = `0/${room}`;
      if (!cache.has(key)) cache.set(key, vary(0, room));
      return cache.get(key);
    },
  };

  function vary(delta: number, room = 0): PartVariant | undefined {
    if ((delta === 0 && room <= 0) || n + delta < 1 || p.settings.lastLine !== "left") return undefined;
    fits ??= fitPrepared(p, setting);
    const v = fits.variant(delta, room);
    if (!v) return undefined;
    // Loosened: the most space a line adds per gap; tightened: the most 紧排 a line takes (≤ 0).
    return { lines: toLines(v.paragraph), set: v.paragraph, delta, emPerGap: delta > 0 ? v.cost.maxPerGap : -v.cost.maxPerGap };
  }
}

/** Where a flow ended up on the grid, as copyfit sees it. */
export interface Placement {
  /** Overset lines (text that did not fit). */
  overset: number;
  /** Empty grid lines at column feet: the end of the flow's last column and after, and holes a head left. */
  empty: number;
  widows: number;
  /** Paragraph first lines alone at a column foot (counted only where the house style forbids them). */
  firstLines: number;
  /** Whose 段末孤行 they are (the items the widowed lines belong to). */
  widowed: string[];
}

/** The chosen settings: per part, the variant (undefined: as set), and where that leaves the flow. */
export interface FitChoice {
  variants: (PartVariant | undefined)[];
  placement: Placement;
}

const PENALTY = { overset: 1e6, empty: 1e5, widow: 1e4, firstLine: 1e4 };
const CHANGE = 1;
const PER_EM = 40;
const SAME_COLUMN = 2;

/** Column geometry as flat positions: column c holds positions [start[c], start[c] + lines[c]). */
interface Grid1 {
  start: number[];
  lines: number[];
  capacity: number;
}

function grid1(columns: FlowColumn[]): Grid1 {
  const start: number[] = [];
  let s = 0;
  for (const c of columns) {
    start.push(s);
    s += c.lines;
  }
  return { start, lines: columns.map((c) => c.lines), capacity: s };
}

function columnAt(g: Grid1, pos: number): number {
  let c = 0;
  while (c + 1 < g.start.length && pos >= g.start[c + 1]!) c++;
  return pos >= g.capacity ? g.start.length : c;
}

interface Step {
  pos: number;
  empty: number;
  widows: number;
  firstLines: number;
  widowed?: string[];
}

/**
 * Place `lines` (one part) from `pos` as flowLines would: a line that does not fit with what it
 * keeps with goes to the next column (leaving a hole); past the last column it is overset.
 * `firstOfParagraph`: the part is a paragraph of two or more lines (its first line alone at a
 * column foot is 段首孤行).
 */
function placePart(g: Grid1, pos: number, lines: FlowLine[], nextSpan: number, isParagraph: boolean, widowed?: string[]): Step {
  let empty = 0;
  let widows = 0;
  let firstLines = 0;
  const C = g.start.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let c = columnAt(g, pos);
    if (c >= C) {
      pos += 1;
      continue;
    }
    let need = line.span;
    for (let j = i; lines[j]?.keepWithNext; j++) need += lines[j + 1]?.span ?? nextSpan;
    for (;;) {
      const used = pos - g.start[c]!;
      const room = g.lines[c]! - used;
      if (need > room && !(used === 0 && line.span <= room)) {
        if (c + 1 >= C) {
          pos = g.capacity;
          break;
        }
        empty += room;
        pos = g.start[c + 1]!;
        c++;
        continue;
      }
      break;
    }
    if (pos >= g.capacity) {
      pos += 1;
      continue;
    }
    const used = pos - g.start[c]!;
    if (used === 0 && c > 0 && line.paragraphEnd) {
      widows++;
      widowed?.push(line.paragraphEnd.itemId);
    }
    if (isParagraph && i === 0 && lines.length > 1 && used + line.span === g.lines[c]! && c + 1 < C) firstLines++;
    pos += line.span;
  }
  return { pos, empty, widows, firstLines };
}

/** Lines of one grid line each, none kept with the next: placeInColumn can place them. */
function isSimple(lines: FlowLine[]): boolean {
  return lines.every((l) => l.span === 1 && !l.keepWithNext);
}

/**
 * placePart's answer for simple lines that start below the head of column `col` and end in it
 * (no hole, no 段末孤行 at a column head, no first line alone at its foot); undefined otherwise.
 */
function placeInColumn(g: Grid1, pos: number, col: number, count: number): Step | undefined {
  if (col >= g.start.length) return undefined;
  const used = pos - g.start[col]!;
  return used > 0 && used + count <= g.lines[col]! ? { pos: pos + count, empty: 0, widows: 0, firstLines: 0 } : undefined;
}

/** Where the flow of the given part settings ends up. */
export function placeFlow(columns: FlowColumn[], parts: FlowLine[][], paragraphs: boolean[]): Placement {
  const g = grid1(columns);
  let pos = 0;
  const total: Placement = { overset: 0, empty: 0, widows: 0, firstLines: 0, widowed: [] };
  parts.forEach((lines, k) => {
    const s = placePart(g, pos, lines, parts[k + 1]?.[0]?.span ?? 1, paragraphs[k]!, total.widowed);
    pos = s.pos;
    total.empty += s.empty;
    total.widows += s.widows;
    total.firstLines += s.firstLines;
  });
  total.overset = Math.max(0, pos - g.capacity);
  total.empty += Math.max(0, g.capacity - pos);
  return total;
}

/**
 * Choose the settings of a flow's paragraphs so that it fills `columns` (`fill`: to the foot of
 * the last; otherwise only so that nothing is overset) with no 段末孤行 (nor 段首孤行 where
 * `rules` forbid it), by the least visible change.
 */
export function chooseFit(columns: FlowColumn[], parts: FlowPart[], limits: CopyfitLimits, rules: CopyfitRules, fill: boolean): FitChoice {
  const g = grid1(columns);
  const C = columns.length;
  const isParagraph = parts.map((p) => p.set !== undefined && p.set.lines.length > 0);
  const natural = placeFlow(columns, parts.map((p) => p.lines), isParagraph);
  const none: FitChoice = { variants: parts.map(() => undefined), placement: natural };
  const slack = (pl: Placement) => pl.overset + (fill ? pl.empty : 0) + pl.widows + (rules.firstLineAtFoot ? 0 : pl.firstLines);
  if (slack(natural) === 0) return none;
  const maxLines = rules.maxLinesPerParagraph;
  const deltas: number[] = [];
  for (let d = 1; d <= maxLines; d++) deltas.push(d, -d);
  // What may change: a delta whose estimate is within reach of the limits.
  const allowed = parts.map((p) =>
    p.fit ? deltas.filter((d) => p.fit!.estimate(d) <= 1.5 * (d > 0 ? limits.loosen : limits.tighten)) : [],
  );
  // Can the flow be changed by as many lines as it is off at all? If not, take the most in that direction only.
  const reach = { up: 0, down: 0 };
  allowed.forEach((ds) => {
    reach.up = Math.max(0, ...ds) + reach.up;
    reach.down = Math.max(0, ...ds.map((d) => -d)) + reach.down;
  });
  if (natural.overset > reach.down + 2 * C || (fill && natural.empty > reach.up + 2 * C)) {
    // Far beyond what copyfit can do (a story much too long or short): set it as written.
    return none;
  }
  const known = new Map<string, PartVariant | undefined>();
  const variantOf = (k: number, d: number) => {
    const key = `${k}/${d}`;
    if (!known.has(key)) known.set(key, parts[k]!.fit!.vary(d));
    return known.get(key);
  };
  // Iterate: plan with estimates, set what the plan wants, plan again with what was set, until
  // the plan uses only settings already made (its cost is then exact).
  const failed = new Set<string>();
  const cost = (pl: Placement) =>
    pl.overset * PENALTY.overset + (fill ? pl.empty : 0) * PENALTY.empty + pl.widows * PENALTY.widow + (rules.firstLineAtFoot ? 0 : pl.firstLines) * PENALTY.firstLine;
  let best: FitChoice = none;
  let bestCost = cost(natural);
  for (let round = 0; round < 12; round++) {
    const plan = programme(g, C, parts, allowed, failed, known, limits, rules, fill, isParagraph);
    let settled = true;
    plan.forEach((d, k) => {
      if (d === 0) return;
      if (!known.has(`${k}/${d}`)) settled = false;
      if (!variantOf(k, d)) failed.add(`${k}/${d}`);
    });
    if (plan.some((d, k) => d !== 0 && failed.has(`${k}/${d}`))) continue;
    const variants = plan.map((d, k) => (d === 0 ? undefined : variantOf(k, d)));
    const placement = placeFlow(columns, parts.map((p, k) => variants[k]?.lines ?? p.lines), isParagraph);
    if (cost(placement) < bestCost || (cost(placement) === bestCost && best === none && plan.every((d) => d === 0))) {
      best = { variants, placement };
      bestCost = cost(placement);
    }
    if (settled || bestCost === 0) break;
  }
  return best;
}

/**
 * The dynamic programme: for each part in order, from each reachable (position, column of the
 * last change), every allowed setting; the cheapest path to the end. Settings already made use
 * their real lines and cost, the others their estimates.
 */
function programme(
  g: Grid1,
  C: number,
  parts: FlowPart[],
  allowed: number[][],
  failed: Set<string>,
  known: Map<string, PartVariant | undefined>,
  limits: CopyfitLimits,
  rules: CopyfitRules,
  fill: boolean,
  isParagraph: boolean[],
): number[] {
  interface Node {
    cost: number;
    back?: { node: Node; delta: number };
  }
  let layer = new Map<number, Node>();
  const key = (pos: number, lastCol: number) => pos * (C + 2) + lastCol + 1;
  layer.set(key(0, -1), { cost: 0 });
  const limit = (d: number) => (d > 0 ? limits.loosen : limits.tighten);
  parts.forEach((part, k) => {
    const next = new Map<number, Node>();
    const nextSpan = parts[k + 1]?.lines[0]?.span ?? 1;
    // The part's settings to try, each with its lines (real or stand-in) and em per gap, made
    // once for every state of the layer.
    const options: { d: number; lines: FlowLine[]; simple: boolean; em: number }[] = [{ d: 0, lines: part.lines, simple: isSimple(part.lines), em: 0 }];
    for (const d of allowed[k]!) {
      if (failed.has(`${k}/${d}`)) continue;
      const real = known.get(`${k}/${d}`);
      const em = real ? Math.abs(real.emPerGap) : part.fit!.estimate(d);
      if (!real && em > 1.5 * limit(d)) continue;
      const lines = real ? real.lines : estimatedLines(part.lines, d);
      options.push({ d, lines, simple: isSimple(lines), em });
    }
    for (const [state, node] of layer) {
      const pos = Math.floor(state / (C + 2));
      const lastCol = (state % (C + 2)) - 1;
      const col = columnAt(g, pos);
      for (const { d, lines, simple, em } of options) {
        const change = d === 0 ? 0 : CHANGE * Math.abs(d) + PER_EM * em + (col === lastCol && col < C ? SAME_COLUMN : 0);
        const s = (simple ? placeInColumn(g, pos, col, lines.length) : undefined) ?? placePart(g, pos, lines, nextSpan, isParagraph[k]!);
        const cost =
          node.cost +
          change +
          (fill ? s.empty : 0) * PENALTY.empty +
          s.widows * PENALTY.widow +
          (rules.firstLineAtFoot ? 0 : s.firstLines) * PENALTY.firstLine;
        const nk = key(s.pos, d !== 0 ? col : lastCol);
        const prev = next.get(nk);
        if (!prev || cost < prev.cost) next.set(nk, { cost, back: { node, delta: d } });
      }
    }
    layer = next;
  });
  let best: Node | undefined;
  let bestCost = Infinity;
  for (const [state, node] of layer) {
    const pos = Math.floor(state / (C + 2));
    const end = pos > g.capacity ? (pos - g.capacity) * PENALTY.overset : fill ? (g.capacity - pos) * PENALTY.empty : 0;
    if (node.cost + end < bestCost) {
      bestCost = node.cost + end;
      best = node;
    }
  }
  const plan: number[] = new Array(parts.length).fill(0);
  for (let k = parts.length - 1, n = best; k >= 0 && n?.back; k--) {
    plan[k] = n.back.delta;
    n = n.back.node;
  }
  return plan;
}

/** Stand-in lines for a setting not made yet: lines added or taken after the paragraph's first. */
function estimatedLines(lines: FlowLine[], delta: number): FlowLine[] {
  const first = lines[0]!;
  if (delta > 0) return [first, ...Array.from({ length: delta }, () => ({ span: 1, draw: first.draw })), ...lines.slice(1)];
  return [first, ...lines.slice(1 - delta)];
}
