/**
 * Stage 1 of the vertical composer: the units of a paragraph on the vertical axis.
 *
 * The pieces, the punctuation style's blanks and gives, the compression of adjacent marks and
 * the glue are the horizontal composer's (src/typeset/units.ts: makeUnits with this shaper);
 * only the shaping differs. Each piece gets its vertical glyphs and their extent along the line:
 *  - ideographs: the face's vertical form (vert/vrt2) if any, upright, the vmtx advance;
 *  - 点号 and brackets: the vertical forms (。，、 at the upper right of the cell, brackets
 *    turned), split into an ink half and a blank half along the line as horizontally; where the
 *    font has no vertical form, brackets are turned and other marks centred in the cell;
 *  - “ ” ‘ ’: as 「 」 『 』 or turned, by house style;
 *  - —— …… ～: vertical forms, or the horizontal glyphs turned;
 *  - numbers of up to `uprightDigits` digits upright side by side within one em (纵中横);
 *    longer numbers and Latin words turned 90° clockwise, centred on the em box.
 */
import type { Face, GlyphInfo } from "../../fonts/face.js";
import { verticalFace, type VerticalFace } from "../../fonts/vertical.js";
import { ADJUSTABLE_MARKS, INSEPARABLE, type CharClass } from "../classes.js";
import type { StyleTable } from "../styles.js";
import type { MissingGlyph } from "../types.js";
import { faceFor, makeUnits, type FaceChainAt, type Piece, type Shaped, type Shaper } from "../units.js";
import type { VerticalStyle, VerticalUnit, VerticalUnitGlyph } from "./types.js";

/** The corner brackets that stand for quotation marks in vertical text (house style "corner"). */
export const CORNER_QUOTES: Readonly<Record<string, string>> = { "“": "「", "”": "」", "‘": "『", "’": "』" };

/** Classes set in whole em cells when upright; turned when the font's glyph is narrower. */
const UPRIGHT_IF_FULL_WIDTH: ReadonlySet<CharClass> = new Set(["prefix", "postfix", "solidus", "connector"]);

/** What a face lacked, noted once per face for the paragraph's warnings. */
export type VerticalNotes = Map<Face, Set<"metrics" | "forms">>;

const ONLY_DIGITS = /^[0-9]+$/;

/** Where the ink half of a 1-em mark starts along the line, from the centre of its ink (as horizontally). */
function inkHalfStart(centre: number, advance: number): number {
  if (advance >= 0.9) return centre < 0.45 ? 0 : centre > 0.55 ? 0.5 : 0.25;
  return centre - 0.25;
}

/** A glyph upright in its cell, centred across the line; `top` is its cell top from the ink start. */
function upright(v: VerticalFace, f: number, id: number, text: string, top: number): VerticalUnitGlyph {
  const m = v.metrics(id);
  return { face: f, id, dx: top, advance: m.advance, text, drop: m.originY, across: -v.hAdvance(id) / 2, turned: false, scale: 1 };
}

/** A glyph turned 90° clockwise, its origin `at` along the line, its ink (or em box) centred on the axis. */
function turned(v: VerticalFace, f: number, g: GlyphInfo, text: string, at: number, centreOnInk: boolean): VerticalUnitGlyph {
  const [bottom, top] = v.inkY(g.id);
  const middle = centreOnInk && top > bottom ? (bottom + top) / 2 : (v.emTop + v.emBottom) / 2;
  // Turned clockwise, the glyph's "up" points right: its baseline lies `middle` left of the axis.
  return { face: f, id: g.id, dx: at, advance: g.advance, text, drop: 0, across: -middle, turned: true, scale: 1 };
}

/** Glyphs of a piece's characters, one per code point. */
function charGlyphs(face: Face, text: string): GlyphInfo[] {
  return [...text].map((ch) => face.glyph(ch.codePointAt(0)!));
}

/** The shaper of vertical units (see makeUnits), noting what each face lacked in `notes`. */
export function verticalShaper(style: VerticalStyle, notes: VerticalNotes): Shaper {
  const note = (face: Face, what: "metrics" | "forms") => {
    let set = notes.get(face);
    if (!set) notes.set(face, (set = new Set()));
    set.add(what);
  };
  return (piece: Piece, faces: Face[], chain: number[], missing: MissingGlyph[]): Shaped => {
    let f = faceFor(faces, chain, piece.text);
    if (f < 0) {
      let at = piece.start;
      for (const ch of piece.text) {
        if (faceFor(faces, chain, ch) < 0) missing.push({ offset: at, char: ch });
        at += ch.length;
      }
      f = chain[0]!;
    }
    const face = faces[f]!;
    const v = verticalFace(face);
    if (!v.hasMetrics) note(face, "metrics");
    const cls = piece.cls;

    if (cls === "latin") {
      if (ONLY_DIGITS.test(piece.text) && piece.text.length <= style.uprightDigits) return uprightNumber(v, f, piece.text);
      // A Latin word or a long number: turned, letter after letter down the line.
      const glyphs: VerticalUnitGlyph[] = [];
      let at = 0;
      for (const ch of piece.text) {
        const g = face.glyph(ch.codePointAt(0)!);
        glyphs.push(turned(v, f, g, ch, at, false));
        at += g.advance;
      }
      return { glyphs, ink: at, left: 0, right: 0 };
    }

    if (ADJUSTABLE_MARKS.has(cls) && [...piece.text].length === 1) return mark(v, f, piece, style, () => note(face, "forms"));

    if (INSEPARABLE.has(cls) || UPRIGHT_IF_FULL_WIDTH.has(cls)) {
      // —— …… ～ and the like: each character's vertical form, or the whole turned.
      const chars = [...piece.text];
      const forms = chars.map((ch) => {
        const id = face.glyph(ch.codePointAt(0)!).id;
        return { id, vertical: v.vertical(id) };
      });
      if (forms.every((g) => g.id !== 0 && g.vertical !== g.id)) {
        const glyphs: VerticalUnitGlyph[] = [];
        let at = 0;
        forms.forEach((g, i) => {
          glyphs.push(upright(v, f, g.vertical, chars[i]!, at));
          at += v.metrics(g.vertical).advance;
        });
        return { glyphs, ink: at, left: 0, right: 0 };
      }
      const infos = INSEPARABLE.has(cls) || cls === "connector" ? (face.fullWidth(piece.text) ?? charGlyphs(face, piece.text)) : charGlyphs(face, piece.text);
      if (!INSEPARABLE.has(cls) && infos.length === 1 && infos[0]!.advance >= 0.9 && cls !== "connector") {
        // A full-width sign (％ ℃ ／): upright in its cell.
        return { glyphs: [upright(v, f, infos[0]!.id, piece.text, 0)], ink: Math.max(1, v.metrics(infos[0]!.id).advance), left: 0, right: 0 };
      }
      // (A dash is a horizontal rule turned in every font: —— has no vertical form to lack.)
      if (!v.hasVertForms) note(face, "forms");
      const texts = infos.length === chars.length ? chars : infos.map((_, i) => (i === 0 ? piece.text : ""));
      const glyphs: VerticalUnitGlyph[] = [];
      let at = 0;
      infos.forEach((g, i) => {
        glyphs.push(turned(v, f, g, texts[i]!, at, true));
        at += g.advance;
      });
      return { glyphs, ink: at, left: 0, right: 0 };
    }

    // Ideographs, kana, full-width letters and digits, symbols: upright, each in its cell.
    const glyphs: VerticalUnitGlyph[] = [];
    let at = 0;
    for (const ch of piece.text) {
      const id = face.glyph(ch.codePointAt(0)!).id;
      const vid = id === 0 ? 0 : v.vertical(id);
      const advance = v.metrics(vid).advance;
      const cell = Math.max(1, advance);
      glyphs.push(upright(v, f, vid, ch, at + (cell - advance) / 2));
      at += cell;
    }
    return { glyphs, ink: at, left: 0, right: 0 };
  };
}

/** 纵中横: digits side by side within one em, half-width forms where the face has them. */
function uprightNumber(v: VerticalFace, f: number, text: string): Shaped {
  const chars = [...text];
  const ids = chars.map((ch) => {
    const id = v.face.glyph(ch.codePointAt(0)!).id;
    return chars.length > 1 ? (v.substitute("hwid", id) ?? id) : id;
  });
  const widths = ids.map((id) => v.hAdvance(id));
  const total = widths.reduce((a, b) => a + b, 0);
  const scale = total > 1 ? 1 / total : 1;
  const glyphs: VerticalUnitGlyph[] = [];
  let across = (-total * scale) / 2;
  ids.forEach((id, i) => {
    // Upright on a horizontal baseline at the em box's top below the cell top.
    glyphs.push({ face: f, id, dx: 0, advance: widths[i]! * scale, text: chars[i]!, drop: v.emTop, across, turned: false, scale });
    across += widths[i]! * scale;
  });
  return { glyphs, ink: 1, left: 0, right: 0 };
}

/** One adjustable mark (点号, bracket, quote, interpunct): its vertical glyph and its ink half. */
function mark(v: VerticalFace, f: number, piece: Piece, style: VerticalStyle, lacksForm: () => void): Shaped {
  const face = v.face;
  const cls = piece.cls;
  const quote = CORNER_QUOTES[piece.text];
  const turnQuote = quote !== undefined && style.quotes === "turned";
  const source = quote !== undefined && style.quotes === "corner" ? quote : piece.text;
  const info = face.glyph(source.codePointAt(0)!);
  const form = info.id === 0 || turnQuote ? info.id : v.vertical(info.id);

  let glyph: VerticalUnitGlyph;
  let advance: number;
  let inkTop: number;
  let inkBottom: number;
  if (form !== info.id) {
    // The font's vertical form, upright: its ink from the cell top.
    glyph = upright(v, f, form, piece.text, 0);
    const [bottom, top] = v.inkY(form);
    advance = v.metrics(form).advance;
    inkTop = glyph.drop - top;
    inkBottom = glyph.drop - bottom;
  } else if (cls === "open" || cls === "close" || turnQuote) {
    // No vertical form (or turned quotes by house style): the horizontal glyph turned.
    if (!turnQuote && info.id !== 0) lacksForm();
    glyph = turned(v, f, info, piece.text, 0, true);
    advance = info.advance;
    inkTop = info.inkLeft;
    inkBottom = info.inkRight;
  } else {
    // No vertical form for 。，、：；！？ or an interpunct: the glyph centred in its cell (the
    // Taiwan and Hong Kong position, correct if not the mainland's upper right).
    if (cls !== "interpunct" && info.id !== 0) lacksForm();
    const [bottom, top] = v.inkY(info.id);
    const blank = !(top > bottom);
    advance = Math.max(1, v.metrics(info.id).advance);
    const drop = blank ? v.emTop : advance / 2 + (bottom + top) / 2;
    const across = blank ? -info.advance / 2 : -(info.inkLeft + info.inkRight) / 2;
    glyph = { face: f, id: info.id, dx: 0, advance, text: piece.text, drop, across, turned: false, scale: 1 };
    inkTop = advance / 2 - 0.25;
    inkBottom = advance / 2 + 0.25;
  }
  if (inkBottom - inkTop > 0.5 + 1e-3 && advance >= 0.9) {
    // A mark whose vertical form runs down more than half its cell (：；！？ beside the axis in
    // most faces): it keeps its whole cell, or the next character would print over its ink.
    return { glyphs: [glyph], ink: advance, left: 0, right: 0 };
  }
  const start = inkHalfStart((inkTop + inkBottom) / 2, advance);
  glyph.dx -= start;
  const left = advance >= 0.9 ? start : 0.25;
  return { glyphs: [glyph], ink: 0.5, left, right: 0.5 - left };
}

/** The units of a paragraph set vertically, with the punctuation style's spacing. */
export function makeVerticalUnits(
  text: string,
  faces: Face[],
  chainAt: FaceChainAt,
  style: StyleTable,
  vertical: VerticalStyle,
  tracking: number,
  notes: VerticalNotes,
): { units: VerticalUnit[]; missing: MissingGlyph[] } {
  const { units, missing } = makeUnits(text, faces, chainAt, style, tracking, verticalShaper(vertical, notes));
  const out = units as VerticalUnit[];
  // A number set upright in one em is a character cell like an ideograph: no CJK–Latin gap
  // either side of it, and it counts as a character (孤字) and for justification.
  out.forEach((u, i) => {
    if (u.cls !== "latin" || !u.glyphs.every((g) => !g.turned)) return;
    u.upright = true;
    u.cls = "ideograph";
    for (const w of [out[i - 1], u]) {
      if (w?.glueKind !== "latin-gap") continue;
      w.glue = tracking;
      w.glueKind = tracking ? "tracking" : "none";
      w.glueShrink = undefined;
      w.glueStretch = undefined;
    }
  });
  return { units: out, missing };
}
