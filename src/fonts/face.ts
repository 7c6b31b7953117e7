/**
 * Loaded font faces and the glyph metrics the composer needs.
 *
 * A FontStore (src/fonts/store.ts) opens each face once (cached by path and face); glyph
 * lookups are cached per code point, since a page sets the same few thousand characters over
 * and over. All metrics are returned in em (font units / unitsPerEm).
 */
import type * as fontkit from "fontkit";
import { PaibanError } from "../common/diagnostics.js";
import type { FontFile } from "./types.js";
import { fastPaths } from "../common/fast-paths.js";
import { faceOf, FontFileError, type ParsedFont } from "./parsed.js";
import { glyphAdvance, type SfntFont } from "./sfnt.js";

/** What the composer needs to know of one glyph. */
export interface GlyphInfo {
  id: number;
  /** Advance width, em. */
  advance: number;
  /** Horizontal extent of the ink, em from the glyph origin (0,0 for a blank glyph). */
  inkLeft: number;
  inkRight: number;
}

export interface Face {
  file: string;
  postscriptName: string;
  unitsPerEm: number;
  /** Ascender and descender, em (descender negative). */
  ascent: number;
  descent: number;
  has(codePoint: number): boolean;
  /** Glyph for one code point; id 0 (.notdef) when the face has none. */
  glyph(codePoint: number): GlyphInfo;
  /**
   * The full-width (fwid) form of a text, as one glyph when the font ligates it (—— becomes
   * one continuous 2-em rule), or undefined when the font has no such form.
   */
  fullWidth(text: string): GlyphInfo[] | undefined;
  /**
   * The half-width (hwid) form of one character (a digit or Latin letter in half an em, as
   * the 方正 faces set them), or undefined when the font has none.
   */
  halfWidth(codePoint: number): GlyphInfo | undefined;
}

/**
 * The fontkit face a FontFile names, from `parse` (a FontStore's parse of the file). Throws
 * PaibanError for a missing or unreadable file, or a collection without the face.
 */
export function loadFontkitFace(parse: (file: string) => ParsedFont | null, font: FontFile): fontkit.Font {
  // Parsed without the face name: fontkit returns null for a collection that lacks the named
  // face, and the user should hear which faces it does hold. The parse is shared with the PDF
  // writer (src/fonts/parsed.ts).
  let parsed: fontkit.Font | fontkit.FontCollection | null;
  try {
    parsed = parse(font.file);
  } catch (e) {
    if (!(e instanceof FontFileError)) throw e;
    if (e.stage === "read") {
      const code = (e.cause as NodeJS.ErrnoException).code;
      throw new PaibanError(code === "ENOENT" ? "font file not found" : `font file cannot be read (${code})`, {
        file: font.file,
      });
    }
    throw new PaibanError(`not a font file that can be read (TrueType, OpenType or a collection): ${e.message}`, {
      file: font.file,
    });
  }
  if (!parsed) {
    throw new PaibanError("not a font file that can be read (TrueType, OpenType or a collection)", { file: font.file });
  }
  const face = faceOf(parsed, font.face);
  if (face) return readTables(face, font.file);
  // Only a collection has no face to give: none named, or not the one named.
  const names = "fonts" in parsed ? parsed.fonts.map((f) => f.postscriptName).join(", ") : "";
  throw new PaibanError(
    font.face
      ? `the collection has no face named ${font.face}; it holds: ${names}`
      : `this is a font collection: name the face to use ("face"), one of: ${names}`,
    { file: font.file },
  );
}

/**
 * A font's tables that fontkit decodes only when first asked for, read once here while the
 * file is being opened: a damaged table is then refused naming the file and the table, not
 * met later inside the composer or the PDF writer. GSUB, needed only for some characters, is
 * guarded where it is read (`readingTable`).
 */
const LAZY_TABLES = ["head", "hhea", "maxp", "post", "OS/2", "name"] as const;
/** Of those, the ones the PDF writer cannot do without (fontkit gives undefined when it could not decode one). */
const REQUIRED_TABLES: ReadonlySet<string> = new Set(["head", "hhea", "maxp", "post"]);

function readTables(face: fontkit.Font, file: string): fontkit.Font {
  for (const table of LAZY_TABLES) {
    const value = readingTable(file, table, () => (face as unknown as Record<string, unknown>)[table]);
    if (value == null && REQUIRED_TABLES.has(table)) {
      throw new PaibanError(`font file is damaged: table '${table}' is missing or cannot be read`, { file });
    }
  }
  return face;
}

/** `read()`, with a failure inside fontkit's decoding of `table` told as a damaged font. */
function readingTable<T>(file: string, table: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof PaibanError) throw e;
    throw new PaibanError(`font file is damaged: table '${table}' cannot be read (${(e as Error).message})`, { file });
  }
}

/** The fontkit face behind each Face (keyed by the Face: it lives as long as its store's faces). */
const fontkitFonts = new WeakMap<Face, fontkit.Font>();

/** The fontkit face a Face wraps, for direct table reads (src/fonts/vertical.ts). */
export function fontkitFontOf(face: Face): fontkit.Font | undefined {
  return fontkitFonts.get(face);
}

/** The composer's view of a fontkit face. */
export function wrapFont(file: string, font: fontkit.Font): Face {
  const upm = font.unitsPerEm;
  const advanceOf = (g: fontkit.Glyph): number => glyphAdvance(font as unknown as SfntFont & fontkit.Font, g.id);
  const byCodePoint = new Map<number, GlyphInfo>();
  const fullWidthCache = new Map<string, GlyphInfo[] | undefined>();
  const halfWidthCache = new Map<number, GlyphInfo | undefined>();
  let substituter: fontkit.Font | undefined;
  // The ink box needs the glyph's outline decoded (a bbox over its curves); only punctuation
  // asks for it, so it is worked out on first read rather than for every character.
  const info = (g: fontkit.Glyph, advance = advanceOf(g) / upm): GlyphInfo => {
    let ink: [number, number] | undefined;
    const inkBox = (): [number, number] => {
      if (!ink) {
        const bbox = g.bbox;
        const blank = !Number.isFinite(bbox.minX) || bbox.maxX < bbox.minX;
        ink = blank ? [0, 0] : [bbox.minX / upm, bbox.maxX / upm];
      }
      return ink;
    };
    return {
      id: g.id,
      advance,
      get inkLeft() {
        return inkBox()[0];
      },
      get inkRight() {
        return inkBox()[1];
      },
    };
  };
  const face: Face = {
    file,
    postscriptName: font.postscriptName,
    unitsPerEm: upm,
    ascent: font.ascent / upm,
    descent: font.descent / upm,
    // Through the glyph cache: fontkit looks the cmap up afresh on every call.
    has(cp) {
      return this.glyph(cp).id !== 0;
    },
    glyph(cp) {
      let g = byCodePoint.get(cp);
      if (!g) {
        g = info(font.glyphForCodePoint(cp));
        byCodePoint.set(cp, g);
      }
      return g;
    },
    fullWidth(text) {
      if (fullWidthCache.has(text)) return fullWidthCache.get(text);
      let result: GlyphInfo[] | undefined;
      substituter ??= fastPaths.substitutionFont(font) ?? font;
      const sub = substituter;
      if (readingTable(file, "GSUB", () => sub.availableFeatures.includes("fwid"))) {
        const run = readingTable(file, "GSUB", () => sub.layout(text, ["fwid"]));
        if (run.glyphs.every((g) => g.id !== 0)) {
          // Metrics and ink from this face's own glyph objects (its caches, its seeded loca).
          result = run.glyphs.map((g, i) => ({ ...info(font.getGlyph(g.id)), advance: run.positions[i]!.xAdvance / upm }));
        }
      }
      fullWidthCache.set(text, result);
      return result;
    },
    halfWidth(cp) {
      if (halfWidthCache.has(cp)) return halfWidthCache.get(cp);
      let result: GlyphInfo | undefined;
      substituter ??= fastPaths.substitutionFont(font) ?? font;
      const sub = substituter;
      if (readingTable(file, "GSUB", () => sub.availableFeatures.includes("hwid"))) {
        const run = readingTable(file, "GSUB", () => sub.layout(String.fromCodePoint(cp), ["hwid"]));
        const g = run.glyphs[0];
        const advance = run.positions[0] ? run.positions[0].xAdvance / upm : 1;
        // One glyph, not .notdef, at most half an em: a half-width form (or a glyph already that narrow).
        if (run.glyphs.length === 1 && g && g.id !== 0 && advance <= 0.5 + 1e-9) {
          result = info(font.getGlyph(g.id), advance);
        }
      }
      halfWidthCache.set(cp, result);
      return result;
    },
  };
  fontkitFonts.set(face, font);
  return face;
}
