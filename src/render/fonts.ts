/**
 * Font faces for the backend, from the run's font store (src/fonts/store.ts).
 *
 * A CJK face is 10–15 MB; fontkit parses tables lazily, so the cost is reading the file and
 * the first glyph look-ups. The parsed face is shared by every document written with the same
 * store; what is per document (the subset being built) lives in the pdfkit font object instead.
 */
import { createRequire } from "node:module";
import type { FontFace, GlyphRun, CmykColor, PlacedGlyph } from "../display/types.js";
import { PaibanError } from "../common/diagnostics.js";
import { faceOf, FontFileError, type ParsedFont } from "../fonts/parsed.js";
import type { FontStore } from "../fonts/store.js";

const require = createRequire(import.meta.url);

/** The part of a fontkit glyph the backend reads. */
export interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  codePoints: number[];
}

/** The part of a fontkit font the backend reads (fontkit ships no type declarations). */
export interface FontkitFont {
  type: string;
  postscriptName: string;
  unitsPerEm: number;
  numGlyphs: number;
  getGlyph(id: number): FontkitGlyph;
  layout(text: string, features?: string[]): {
    glyphs: FontkitGlyph[];
    positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  };
  createSubset(): unknown;
}

/** The parsed face for a display-list font, from the run's font store. */
export function loadFace(fonts: FontStore, face: FontFace): FontkitFont {
  // The composer's parse of the same file (src/fonts/store.ts): one read, one parse, and the
  // glyphs it decoded are already decoded for the subset.
  let parsed: ParsedFont | null;
  try {
    parsed = fonts.parse(face.file);
  } catch (e) {
    if (e instanceof FontFileError && e.stage === "read") throw new PaibanError(`cannot read font file`, { file: face.file });
    throw new PaibanError(`not a font file fontkit can read`, { file: face.file });
  }
  if (!parsed) throw new PaibanError(`not a font file fontkit can read`, { file: face.file });
  const font = faceOf(parsed, face.postscriptName);
  if (font) return font as unknown as FontkitFont;
  const names = "fonts" in parsed ? parsed.fonts.map((f) => f.postscriptName).join(", ") : "";
  throw new PaibanError(`no face named ${face.postscriptName} in the collection (it holds ${names})`, { file: face.file });
}

/** Noto Sans SC Regular from its npm package: the face for slug lines, marks and the watermark. */
export function markFace(): FontFace {
  const file = require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");
  return { file, postscriptName: "NotoSansSC-Regular" };
}

/**
 * Set a short single line (slug, watermark, proof label) glyph by glyph: each character's
 * glyph from the cmap and its advance from hmtx, through the composer's face cache. These
 * lines are marks outside the page or proof furniture, so they need no OpenType shaping;
 * skipping it spares decoding the mark face's GSUB/GPOS tables (~9 ms a process). Body text
 * never comes through here: it arrives set in the display list.
 */
export function shapeLine(
  fonts: FontStore,
  face: FontFace,
  size: number,
  text: string,
  x: number,
  y: number,
  color: CmykColor,
): GlyphRun {
  const set = fonts.open({ file: face.file, face: face.postscriptName });
  const glyphs: PlacedGlyph[] = [];
  let pen = 0;
  for (const ch of text) {
    const g = set.glyph(ch.codePointAt(0)!);
    const advance = g.advance * size;
    glyphs.push({ id: g.id, x: pen, y: 0, advance, text: ch });
    pen += advance;
  }
  return { kind: "glyphs", face, size, x, y, color, glyphs };
}

/** Width of a shaped line in pt. */
export function lineWidth(run: GlyphRun): number {
  return run.glyphs.reduce((w, g) => w + g.advance, 0);
}
