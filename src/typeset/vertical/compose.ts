/**
 * The vertical composer (竖排): a paragraph of Chinese text in, its vertical lines out.
 *   units on the vertical axis (vertical forms, vmtx advances, 纵中横, turned Latin) →
 *   breaks (the horizontal composer's: 先挤进, 后推出 by the same 避头尾 classes, 孤字) →
 *   justify (the same squeeze and stretch priorities, along the line) → placed glyphs.
 * The measure is the line's length (the column's height) in em; lines are numbered in reading
 * order, right to left on the page.
 */
import type { Face } from "../../fonts/face.js";
import { breakLines } from "../breaks.js";
import { resolveStyle, type FaceSpan } from "../compose.js";
import { spaceLine, spacedWidth } from "../justify.js";
import { KINSOKU } from "../kinsoku.js";
import type { LineRange } from "../breaks.js";
import { DEFAULT_SETTINGS, type ComposeSettings } from "../types.js";
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
 * Set one paragraph vertically with the face chain `faces`, `spans` overriding it for parts of
 * the text, as composeParagraph does horizontally. `measure` is the line length in em.
 */
export function composeVertical(text: string, faces: Face[], options: VerticalOptions, spans: FaceSpan[] = []): VerticalParagraph {
  const settings: ComposeSettings & VerticalStyle = { ...DEFAULT_SETTINGS, ...DEFAULT_VERTICAL_STYLE, ...options };
  const { measure, size, indent } = settings;
  const style = resolveStyle(settings.style);
  const all = [...faces];
  const indexOf = (f: Face) => {
    const i = all.indexOf(f);
    return i >= 0 ? i : all.push(f) - 1;
  };
  const base = faces.map(indexOf);
  const spanChains = spans.map((s) => ({ ...s, chain: s.faces.map(indexOf) }));
  const chainAt = (offset: number) => spanChains.find((s) => offset >= s.start && offset < s.end)?.chain ?? base;
  const notes: VerticalNotes = new Map();
  const vertical: VerticalStyle = { uprightDigits: settings.uprightDigits, quotes: settings.quotes };
  const { units, missing } = makeVerticalUnits(text, all, chainAt, style, vertical, settings.tracking, notes);
  const widthOf = (k: number) => (k === 0 ? measure - indent : measure);
  const rules = { ...KINSOKU[settings.kinsoku], onlyAtSpaces: settings.spacedWords };
  const ranges = units.length ? breakLines(units, rules, widthOf, settings.avoidOrphans) : [];

  const lines: VerticalLine[] = ranges.map((range, k) => {
    const last = k === ranges.length - 1;
    const lead = k === 0 ? indent : 0;
    const length = widthOf(k);
    const justify = !last || settings.lastLine === "justify";
    const sp = spaceLine(units, range, length, justify, settings.spacedWords);
    const setLength = spacedWidth(units, range, sp);
    const room = Math.max(0, length - setLength);
    const offset = lead + (!last ? 0 : settings.lastLine === "center" ? room / 2 : settings.lastLine === "right" ? room : 0);
    const first = units[range.start]!;
    const end = units[range.end - 1]!;
    return {
      text: text.slice(first.start, end.end),
      start: first.start,
      end: end.end,
      glyphs: placeVertical(units, range, sp, offset, size),
      indent: offset * size,
      length: (offset + setLength) * size,
      last,
    };
  });
  return { text, lines, missing, faces: all, warnings: warningsOf(notes) };
}
