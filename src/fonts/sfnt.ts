/**
 * Direct reads of a few TrueType/OpenType tables, for the per-glyph numbers paiban asks for
 * thousands of times a page: a glyph's advance and left side bearing (hmtx) and its outline
 * bytes (loca + glyf).
 *
 * fontkit answers the same questions through its glyph objects, which decode the glyph's
 * outline header to get its metrics (and decode the whole loca table, ~31,000 entries for the default faces, through
 * restructure first). On the seed page that was ~30 ms of make-up and ~25 ms of subsetting
 * per process. These reads are byte offsets into the buffer fontkit already holds; fontkit
 * stays the parser of record: the table directory, hhea and head come from it.
 *
 * A variable font instance (its metrics depend on the axes: HVAR, gvar) gets no view; the
 * callers then ask fontkit as before.
 */

import { fastPaths } from "../common/fast-paths.js";
import { decodeLoca, loadOutline, outlineOffsets } from "./outlines.js";

/** The part of a fontkit font these reads need. */
export interface SfntFont {
  /** fontkit's format name: "TTF" for a plain sfnt, "WOFF", "WOFF2", … */
  type: string;
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  hhea: { numberOfMetrics: number };
  head: { indexToLocFormat: number };
  numGlyphs: number;
  _variationProcessor?: unknown;
}

/** Horizontal metrics of one glyph, font units. */
export interface HorizontalMetrics {
  advance: number;
  bearing: number;
}

export interface SfntView {
  /** Advance width and left side bearing of a glyph (font units). */
  metrics(gid: number): HorizontalMetrics;
  /** The glyf table's bytes for a glyph (empty for a blank glyph); undefined for a CFF font. */
  glyphBytes(gid: number): Uint8Array | undefined;
  /** The loca offsets, decoded once (numGlyphs + 1 entries); undefined for a CFF font. */
  locaOffsets(): Uint32Array | undefined;
}

interface Table {
  offset: number;
  length: number;
}

const views = new WeakMap<object, SfntView | null>();

/** The view of a font, made once per font object; null when fontkit must be asked instead. */
export function sfntView(font: SfntFont): SfntView | null {
  let view = views.get(font);
  if (view === undefined) {
    view = makeView(font);
    views.set(font, view);
  }
  return view;
}

function table(font: SfntFont, tag: string, size: number): Table | undefined {
  const t = font.directory.tables[tag];
  if (!t || t.offset < 0 || t.offset + t.length > size) return undefined;
  return { offset: t.offset, length: t.length };
}

function makeView(font: SfntFont): SfntView | null {
  // Only a plain sfnt (TrueType or OpenType, alone or in a collection) has its tables at the
  // directory's offsets; a WOFF's point at compressed data (fontkit type "WOFF"/"WOFF2").
  if (font.type !== "TTF" || font._variationProcessor) return null;
  const bytes = font.stream?.buffer;
  if (!bytes) return null;
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hmtx = table(font, "hmtx", bytes.byteLength);
  const longMetrics = font.hhea.numberOfMetrics;
  const numGlyphs = font.numGlyphs;
  // A well-formed hmtx holds numberOfMetrics long entries and then one bearing per glyph after.
  if (!hmtx || longMetrics < 1 || hmtx.length < 4 * longMetrics) return null;
  const lastAdvance = data.getUint16(hmtx.offset + 4 * (longMetrics - 1));
  const shortBearings = Math.max(0, Math.min(numGlyphs - longMetrics, (hmtx.length - 4 * longMetrics) >> 1));

  const loca = table(font, "loca", bytes.byteLength);
  const glyf = table(font, "glyf", bytes.byteLength);
  const longLoca = font.head.indexToLocFormat === 1;
  let offsets: Uint32Array | undefined;
  const locaOffsets = (): Uint32Array | undefined => {
    if (offsets || !loca || !glyf) return offsets;
    // Decoded already when the file was read without its outlines (src/fonts/outlines.ts).
    const known = outlineOffsets(bytes, glyf.offset);
    if (known && known.length === numGlyphs + 1) return (offsets = known);
    const count = Math.min(numGlyphs + 1, longLoca ? loca.length >> 2 : loca.length >> 1);
    return (offsets = decodeLoca(bytes, loca.offset, count, longLoca));
  };

  return {
    metrics(gid) {
      if (gid < longMetrics) {
        const at = hmtx.offset + 4 * gid;
        return { advance: data.getUint16(at), bearing: data.getInt16(at + 2) };
      }
      const i = gid - longMetrics;
      const bearing = i < shortBearings ? data.getInt16(hmtx.offset + 4 * longMetrics + 2 * i) : 0;
      return { advance: lastAdvance, bearing };
    },
    glyphBytes(gid) {
      const o = locaOffsets();
      if (!o || !glyf) return undefined;
      if (gid + 1 >= o.length) return new Uint8Array(0);
      loadOutline(bytes, gid);
      const start = Math.min(o[gid]!, glyf.length);
      const end = Math.min(Math.max(o[gid + 1]!, start), glyf.length);
      return bytes.subarray(glyf.offset + start, glyf.offset + end);
    },
    locaOffsets,
  };
}

/**
 * A glyph's advance width in font units: from hmtx through the view (a fast path: see
 * src/pipeline/fast-paths.ts), or from fontkit's glyph (whose `advanceWidth` decodes the
 * outline header first) without the fast paths or when the font has no view.
 */
export function glyphAdvance(font: SfntFont & { getGlyph(id: number): { advanceWidth: number } }, gid: number): number {
  const view = fastPaths.tableReads ? sfntView(font) : null;
  return view ? view.metrics(gid).advance : font.getGlyph(gid).advanceWidth;
}
