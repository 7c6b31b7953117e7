/**
 * Parsing a font file: one parsed font per file per FontStore (src/fonts/store.ts), shared by the
 * composer (src/fonts/face.ts) and the PDF writer (src/render/fonts.ts, which hands the same
 * object to pdfkit).
 *
 * Why: the CJK faces are 10–15 MB each; read and parsed twice they cost every glyph decoded
 * twice. Both sides use this cache and fontkit's ES module build — the one pdfkit's ES build
 * imports, so fontkit loads once (its CommonJS build beside it cost another ~20 ms) — and, for
 * every face (faceOf: a single font, or one face of a collection), a glyph the composer decoded
 * (its outline for the ink box) is the glyph the subsetter embeds.
 */
import * as Fontkit from "fontkit";
import { fastPaths } from "../common/fast-paths.js";
import { fontProblem } from "./check.js";
import { closeOutlineFile } from "./outlines.js";

/** fontkit's ES module build: the same module instance pdfkit's ES build imports (one load, not two). */
export const fontkit: typeof Fontkit = Fontkit;

export type ParsedFont = Fontkit.Font | Fontkit.FontCollection;

/** Why a file could not be opened: reading it, or parsing what was read. */
export class FontFileError extends Error {
  constructor(
    readonly stage: "read" | "parse",
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * The parsed font (or collection) of a file, and the bytes read (whose outline file the caller
 * closes, src/fonts/outlines.ts). fontkit may return null for bytes it does not recognise.
 * Throws FontFileError; callers turn it into their own message. FontStore.parse caches it.
 */
export function parseFontFile(file: string): { font: ParsedFont | null; bytes: Buffer } {
  let bytes: Buffer;
  try {
    // With the fast paths, all but the glyph outlines, which are read as glyphs are used (src/fonts/outlines.ts).
    bytes = fastPaths.readFontFile(file);
  } catch (e) {
    throw new FontFileError("read", e);
  }
  const problem = fontProblem(bytes);
  if (problem) {
    closeOutlineFile(bytes);
    throw new FontFileError("parse", new Error(problem));
  }
  let font: ParsedFont | null;
  try {
    font = fontkit.create(bytes) ?? null;
  } catch (e) {
    closeOutlineFile(bytes);
    throw new FontFileError("parse", e);
  }
  if (font && !("fonts" in font)) fastPaths.parsedFont(font);
  return { font, bytes };
}

/** Faces taken out of a collection, per parsed collection (fontkit makes a new object per call). */
const collectionFaces = new WeakMap<Fontkit.FontCollection, Map<string, Fontkit.Font | null>>();

/**
 * The face to set with from a parsed file: the font itself, or the collection's face named
 * `postscriptName`; undefined when the collection has no such face (or none was named). The
 * same object every time, for the composer, the PDF writer and the preview alike (with the
 * fast paths, its loca table seeded: src/pipeline/fast-paths.ts).
 */
export function faceOf(parsed: ParsedFont, postscriptName?: string): Fontkit.Font | undefined {
  let face: Fontkit.Font | null;
  if (!("fonts" in parsed)) face = parsed;
  else {
    if (postscriptName === undefined) return undefined;
    let named = collectionFaces.get(parsed);
    if (!named) collectionFaces.set(parsed, (named = new Map()));
    face = named.get(postscriptName) ?? null;
    if (!named.has(postscriptName)) named.set(postscriptName, (face = parsed.getFont(postscriptName) ?? null));
  }
  if (face) fastPaths.face(face);
  return face ?? undefined;
}
