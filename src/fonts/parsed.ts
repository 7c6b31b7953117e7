/**
 * One parsed font per file per process, shared by the composer (src/fonts/face.ts) and the PDF
 * writer (src/render/fonts.ts, which hands the same object to pdfkit).
 *
 * Why: the CJK faces are 10–15 MB each. Before, the composer parsed them with fontkit's ES
 * module build and the writer read and parsed them again with its CommonJS build (the one
 * pdfkit loads): two copies of fontkit to load (~150 ms) and every file read and every glyph
 * decoded twice. Now both use the CommonJS build and this cache, so a glyph the composer
 * decoded (its metrics, its outline for the ink box) is the glyph the subsetter embeds.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Fontkit from "fontkit";

const require = createRequire(import.meta.url);

/** fontkit's CommonJS build: the same module instance pdfkit requires. */
export const fontkit = require("fontkit") as typeof Fontkit;

export type ParsedFont = Fontkit.Font | Fontkit.FontCollection;

const parsed = new Map<string, ParsedFont | null>();

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
 * The parsed font (or collection) of a file, read and parsed once per process. fontkit may
 * return null for bytes it does not recognise; that is cached and returned as null too.
 * Throws FontFileError; callers turn it into their own message.
 */
export function parseFontFile(file: string): ParsedFont | null {
  if (parsed.has(file)) return parsed.get(file)!;
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new FontFileError("read", e);
  }
  let font: ParsedFont | null;
  try {
    font = fontkit.create(bytes) ?? null;
  } catch (e) {
    throw new FontFileError("parse", e);
  }
  parsed.set(file, font);
  return font;
}

/** Forget every parsed file (a watch loop after a font file changed; tests). */
export function clearParsedFonts(): void {
  parsed.clear();
}
