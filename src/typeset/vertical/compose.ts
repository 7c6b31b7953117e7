/**
 * The vertical composer (竖排): a paragraph of Chinese text in, its vertical lines out.
 *   units on the vertical axis (vertical forms, vmtx advances, 纵中横, turned Latin) →
 *   breaks (the horizontal composer's: 先挤进, 后推出 by the same 避头尾 classes, 孤字) →
 *   justify (the same squeeze and stretch priorities, along the line) → placed glyphs.
 * The measure is the line's length (the column's height) in em; lines are numbered in reading
 * order, right to left on the page.
 */
import type { Face } from "../../fonts/face.js";
import { breakPrepared, prepareParagraph, setPrepared, type FaceSpan, type PreparedParagraph } from "../compose.js";
import type { spaceLine } from "../justify.js";
import type { LineRange } from "../breaks.js";
import type { SetLine, SetParagraph } from "../types.js";
import {
  DEFAULT_VERTICAL_STYLE,
  type VerticalGlyph,
  type VerticalLine,
  type VerticalOptions,
  type VerticalParagraph,
  type VerticalStyle,
  type VerticalUnit,
} from "./types.js";
import { makeVerticalUnits, type VerticalNotes } from "./units.js";

type Spacing = ReturnType<typeof spaceLine>;

/** Place the glyphs of a spaced vertical line: `offset` em from the head, pt out. */
export function placeVertical(units: VerticalUnit[], line: LineRange, sp: Spacing, offset: number, size: number): VerticalGlyph[] {
  const glyphs: VerticalGlyph[] = [];
  let y = offset;
  for (let k = 0; k < line.end - line.start; k++) {
    const u = units[line.start + k]!;
    const inkStart = y + sp.left[k]!;
    for (const g of u.glyphs) {
      glyphs.push({
        face: g.face,
        id: g.id,
        y: (inkStart + g.dx + g.drop) * size,
        x: g.across * size,
        advance: g.advance * size,
        turned: g.turned,
        scale: g.scale,
        text: g.text,
      });
    }
    y = inkStart + u.ink + sp.right[k]! + sp.glue[k]! + (sp.opportunities[k] ? sp.stretch : 0);
  }
  return glyphs;
}

/** The warnings for what the faces lacked. */
function warningsOf(notes: VerticalNotes): string[] {
  const out: string[] = [];
  for (const [face, lacks] of notes) {
    if (lacks.has("metrics")) {
      out.push(`${face.postscriptName} has no vertical metrics (vhea/vmtx): its glyphs are set on 1-em cells from the em box's top`);
    }
    if (lacks.has("forms")) {
      out.push(`${face.postscriptName} has no vertical forms (vert) for some marks: they are centred in their cells and brackets, dashes and ellipses turned`);
    }
  }
  return out;
}

/**
 * A paragraph made into vertical units once, to be broken and set one way or several (copyfit
 * sets the same prepared paragraph a line looser or tighter): the horizontal composer's
 * PreparedParagraph, its units shaped on the vertical axis and its glyphs placed down the line.
 */
export function prepareVertical(text: string, faces: Face[], options: VerticalOptions, spans: FaceSpan[] = []): PreparedParagraph {
  const vertical: VerticalStyle = {
    uprightDigits: options.uprightDigits ?? DEFAULT_VERTICAL_STYLE.uprightDigits,
    quotes: options.quotes ?? DEFAULT_VERTICAL_STYLE.quotes,
  };
  const notes: VerticalNotes = new Map();
  const p = prepareParagraph(text, faces, options, spans, {
    make: (t, all, chainAt, style, tracking) => makeVerticalUnits(t, all, chainAt, style, vertical, tracking, notes),
    place: (units, line, sp, offset, size) => placeVertical(units as VerticalUnit[], line, sp, offset, size),
  });
  return { ...p, notes: warningsOf(notes) };
}

/** A line set by setPrepared from a vertical prepared paragraph, as a vertical line. */
export function asVerticalLine(l: SetLine): VerticalLine {
  return { text: l.text, start: l.start, end: l.end, glyphs: l.glyphs as VerticalGlyph[], indent: l.indent, length: l.width, last: l.last };
}

/** A paragraph set from a vertical prepared paragraph, as a vertical paragraph. */
export function asVerticalParagraph(p: SetParagraph, prepared: PreparedParagraph): VerticalParagraph {
  return { text: p.text, lines: p.lines.map(asVerticalLine), missing: p.missing, faces: p.faces, warnings: prepared.notes ?? [] };
}

/**
 * Set one paragraph vertically with the face chain `faces`, `spans` overriding it for parts of
 * the text, as composeParagraph does horizontally. `measure` is the line length in em.
 */
export function composeVertical(text: string, faces: Face[], options: VerticalOptions, spans: FaceSpan[] = []): VerticalParagraph {
  const p = prepareVertical(text, faces, options, spans);
  return asVerticalParagraph(setPrepared(p, breakPrepared(p)).paragraph, p);
}
