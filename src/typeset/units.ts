/**
 * Stage 1 of the composer: split a paragraph into units (ideographs, marks, inseparables,
 * Latin words and numbers), find each unit's glyphs in the face chain, and give each unit its
 * natural width, its squeezable blanks and the glue after it, by the punctuation style.
 */
import { ADJUSTABLE_MARKS, classOf, INSEPARABLE, type CharClass } from "./classes.js";
import { PRIORITY, markRule, type StyleTable } from "./styles.js";
import type { Face, GlyphInfo } from "../fonts/face.js";
import type { MissingGlyph, Unit, UnitGlyph } from "./types.js";

export interface Piece {
  text: string;
  start: number;
  end: number;
  cls: CharClass;
  /** Spaces stood between this piece and the next. */
  spaceAfter: boolean;
}

/** Split text into pieces: one per unit, spaces folded into the piece before them. */
export function segment(text: string): Piece[] {
  const chars: { ch: string; at: number; cls: CharClass }[] = [];
  for (let at = 0; at < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(at)!);
    chars.push({ ch, at, cls: classOf(ch) });
    at += ch.length;
  }
  const pieces: Piece[] = [];
  const push = (from: number, to: number, cls: CharClass) => {
    const start = chars[from]!.at;
    const last = chars[to - 1]!;
    pieces.push({ text: text.slice(start, last.at + last.ch.length), start, end: last.at + last.ch.length, cls, spaceAfter: false });
  };
  // A run of —— or …… is a run of 2-em marks, each one unit (never split); lines may end
  // between them (a run of 175,000 is 87,500 units, set in linear time). ⸺ is 2 em by itself;
  // an odd character left over joins the last mark (——— is one unit of 3 em).
  const pushInseparables = (from: number, to: number, cls: CharClass) => {
    let start = from;
    let ems = 0;
    for (let k = from; k < to; k++) {
      ems += chars[k]!.ch === "\u2e3a" ? 2 : 1;
      const oddLeft = to - (k + 1) === 1 && chars[k + 1]!.ch !== "\u2e3a";
      if (ems >= 2 && !oddLeft) {
        push(start, k + 1, cls);
        start = k + 1;
        ems = 0;
      }
    }
    if (start < to) push(start, to, cls);
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c.cls === "space") {
      if (pieces.length) pieces[pieces.length - 1]!.spaceAfter = true;
      i++;
      continue;
    }
    const next = chars[i + 1];
    // A number's prefix (¥ $ #) joins the Latin word after it; postfixes (% ℃) the one before.
    if (c.cls === "latin" || (c.cls === "prefix" && next?.cls === "latin")) {
      let j = i + 1;
      while (j < chars.length && chars[j]!.cls === "latin") j++;
      while (j < chars.length && chars[j]!.cls === "postfix") j++;
      push(i, j, "latin");
      i = j;
      continue;
    }
    if (INSEPARABLE.has(c.cls)) {
      let j = i + 1;
      while (j < chars.length && chars[j]!.cls === c.cls) j++;
      // A lone U+2014 is a connector (一字线); two or more make the 破折号.
      if (j - i === 1 && c.ch === "\u2014") push(i, j, "connector");
      else pushInseparables(i, j, c.cls);
      i = j;
      continue;
    }
    push(i, i + 1, c.cls);
    i++;
  }
  return pieces;
}

/** The first face of `chain` (indices into `faces`) that has every character of `text`, or -1. */
export function faceFor(faces: Face[], chain: number[], text: string): number {
  for (const f of chain) {
    let all = true;
    // By code point, without a string per character (this runs for every character).
    for (let at = 0; at < text.length; ) {
      const cp = text.codePointAt(at)!;
      if (!faces[f]!.has(cp)) {
        all = false;
        break;
      }
      at += cp > 0xffff ? 2 : 1;
    }
    if (all) return f;
  }
  return -1;
}

function glyphText(text: string, glyphs: GlyphInfo[]): string[] {
  // One glyph per character, or one glyph for a whole ligated inseparable.
  if (glyphs.length === 1) return [text];
  const chars = [...text];
  return glyphs.length === chars.length ? chars : glyphs.map((_, i) => (i === 0 ? text : ""));
}

export interface Shaped {
  glyphs: UnitGlyph[];
  ink: number;
  left: number;
  right: number;
}

/** Classes set at their glyphs' own widths; every other class sits in whole em cells. */
const PROPORTIONAL: ReadonlySet<CharClass> = new Set(["latin", "prefix", "postfix", "connector"]);

/** Shapes a piece into glyphs and splits its cell into ink and blank halves (the vertical composer has its own). */
export type Shaper = (piece: Piece, faces: Face[], chain: number[], missing: MissingGlyph[], digits: StyleTable["digits"]) => Shaped;

/** Shape a piece into glyphs and split its cell into ink and blank halves. */
function shape(piece: Piece, faces: Face[], chain: number[], missing: MissingGlyph[], digits: StyleTable["digits"]): Shaped {
  let f = faceFor(faces, chain, piece.text);
  if (f < 0) {
    // Each missing character at its own offset (a Latin word is one piece of many characters).
    let at = piece.start;
    for (const ch of piece.text) {
      if (faceFor(faces, chain, ch) < 0) missing.push({ offset: at, char: ch });
      at += ch.length;
    }
    f = chain[0]!;
  }
  const face = faces[f]!;
  const infos: GlyphInfo[] = [];
  if (INSEPARABLE.has(piece.cls) || piece.cls === "connector") {
    const wide = face.fullWidth(piece.text);
    infos.push(...(wide ?? [...piece.text].map((ch) => face.glyph(ch.codePointAt(0)!))));
  } else {
    // Half-width digits and letters: the face's hwid form of each character below U+2000 (a
    // full-width ％ or ℃ typed as such stays as typed); one without such a form keeps its width.
    const half = digits === "half" && piece.cls === "latin";
    for (let at = 0; at < piece.text.length; ) {
      const cp = piece.text.codePointAt(at)!;
      infos.push((half && cp < 0x2000 && face.halfWidth(cp)) || face.glyph(cp));
      at += cp > 0xffff ? 2 : 1;
    }
  }
  const texts = glyphText(piece.text, infos);

  if (ADJUSTABLE_MARKS.has(piece.cls) && infos.length === 1) {
    const g = infos[0]!;
    // The ink half of the cell, from the glyph's ink centre (mainland marks sit low-left).
    const centre = (g.inkLeft + g.inkRight) / 2;
    let start: number;
    if (g.advance >= 0.9) start = centre < 0.45 ? 0 : centre > 0.55 ? 0.5 : 0.25;
    else start = centre - 0.25;
    const left = g.advance >= 0.9 ? start : 0.25;
    return {
      glyphs: [{ face: f, id: g.id, dx: -start, advance: g.advance, text: texts[0]! }],
      ink: 0.5,
      left,
      right: 0.5 - left,
    };
  }
  const glyphs: UnitGlyph[] = [];
  let x = 0;
  for (let k = 0; k < infos.length; k++) {
    const g = infos[k]!;
    // A missing glyph, or a narrow glyph of a class set on the em grid, is centred in a 1-em cell.
    const cell = g.id === 0 || !PROPORTIONAL.has(piece.cls) ? Math.max(1, g.advance) : g.advance;
    glyphs.push({ face: f, id: g.id, dx: x + (cell - g.advance) / 2, advance: g.advance, text: texts[k]! });
    x += cell;
  }
  return { glyphs, ink: x, left: 0, right: 0 };
}

const isCjk = (cls: CharClass) => cls !== "latin" && cls !== "space";

/**
 * Which faces may set the character at an offset: indices into the paragraph's face list, in
 * order of preference (a dateline in bold, the rest in the body face, say).
 */
export type FaceChainAt = (offset: number) => number[];

/** Build the units of a paragraph with their natural spacing under `style`. */
export function makeUnits(
  text: string,
  faces: Face[],
  chainAt: FaceChainAt,
  style: StyleTable,
  tracking: number,
  shaper: Shaper = shape,
): { units: Unit[]; missing: MissingGlyph[] } {
  const missing: MissingGlyph[] = [];
  const pieces = segment(text);
  const units: Unit[] = pieces.map((p) => {
    const s = shaper(p, faces, chainAt(p.start), missing, style.digits);
    const unit: Unit = {
      text: p.text,
      start: p.start,
      end: p.end,
      cls: p.cls,
      glyphs: s.glyphs,
      ink: s.ink,
      left: 0,
      right: 0,
      glue: 0,
      glueKind: "none",
    };
    const rule = ADJUSTABLE_MARKS.has(p.cls) ? markRule(style, p.cls) : undefined;
    // A full-width mark keeps its blank half (squeezable when the style says so); a
    // half-width one is its ink half alone.
    if (rule?.keep) {
      unit.left = s.left;
      unit.right = s.right;
      if (rule.squeeze !== null) {
        if (s.left > 0) unit.leftGive = { amount: s.left, priority: rule.squeeze };
        if (s.right > 0) unit.rightGive = { amount: s.right, priority: rule.squeeze };
      }
    }
    return unit;
  });
  if (style.compressPairs) compressAdjacentMarks(units);
  addGlue(units, pieces, style, faces, tracking);
  return { units, missing };
}

/** Two marks side by side: drop the blank between their inks (2 em → 1.5 em, clreq 3.1.6). */
function compressAdjacentMarks(units: Unit[]): void {
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i]!;
    const b = units[i + 1]!;
    if (!ADJUSTABLE_MARKS.has(a.cls) || !ADJUSTABLE_MARKS.has(b.cls)) continue;
    if (a.right > 0) {
      a.right = 0;
      a.rightGive = undefined;
    } else if (b.left > 0) {
      b.left = 0;
      b.leftGive = undefined;
    }
  }
}

function addGlue(units: Unit[], pieces: Piece[], style: StyleTable, faces: Face[], tracking: number): void {
  const wordSpace = faces[0]!.glyph(0x20).advance || 0.25;
  for (let i = 0; i + 1 < units.length; i++) {
    const a = units[i]!;
    const b = units[i + 1]!;
    const spaced = pieces[i]!.spaceAfter;
    const latinA = a.cls === "latin";
    const latinB = b.cls === "latin";
    if ((latinA && b.cls === "ideograph") || (a.cls === "ideograph" && latinB)) {
      const gap = style.latinGap;
      a.glue = gap.natural;
      a.glueKind = "latin-gap";
      a.glueShrink = { amount: gap.natural - gap.min, priority: PRIORITY.latinGap };
      a.glueStretch = { max: gap.max, priority: 2 };
    } else if (spaced && isCjk(a.cls) && isCjk(b.cls)) {
      // A space typed between Chinese words (names in a byline or credit) reads as one em.
      a.glue = 1;
      a.glueKind = "space";
      a.glueShrink = { amount: 0.5, priority: PRIORITY.wordSpace };
      a.glueStretch = { max: 1.5, priority: 1 };
    } else if (spaced) {
      // A word space (between Latin words, or by any other character typed with a space).
      a.glue = wordSpace;
      a.glueKind = "space";
      a.glueShrink = { amount: wordSpace * 0.25, priority: PRIORITY.wordSpace };
      a.glueStretch = { max: 0.5, priority: 1 };
    }
    if (tracking && a.glueKind === "none") {
      a.glue = tracking;
      a.glueKind = "tracking";
    }
  }
}
