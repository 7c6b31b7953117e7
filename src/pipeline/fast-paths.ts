/**
 * Every fast path through a third-party library's internals, in one module, put in by one call:
 * `installFastPaths()` (the command line, its snapshot, make-up workers, the test setup and the
 * benchmarks call it first). PAIBAN_NO_FAST_PATHS=1 keeps the plain paths instead — the
 * libraries used as they come — under which everything works the same, more slowly (the PDFs
 * differ only in their streams' compression: pdfkit's own deflate level).
 *
 * The stages reach these through the seams of src/common/fast-paths.ts. The fast paths:
 * - fontkit's glyph decoding: a font file is read without its glyph outlines
 *   (src/fonts/outlines.ts) and fontkit's TrueType glyph class reads an outline in before it
 *   decodes it;
 * - fontkit's table cache: a face's loca table handed over decoded (src/fonts/sfnt.ts), and a
 *   second font object with its GPOS hidden for the full-width forms;
 * - fontkit's TrueType subsetter (as pdfkit drives it): simple glyphs copied by their bytes;
 * - glyph advances from hmtx (src/fonts/sfnt.ts) instead of fontkit's glyph objects;
 * - Node's zlib.deflateSync at level 1 while pdfkit writes a PDF;
 * - yargs: no help text laid out after a command has started.
 *
 * fontkit 2.0.4, pdfkit 0.20.2 and yargs 18.2.0 are pinned exactly; tests/render/subset.test.ts,
 * tests/fonts/sfnt.test.ts, tests/fonts/face.test.ts and tests/render/pdfkit-contract.test.ts
 * check each fast path against the plain one.
 */
import zlib from "node:zlib";
import type * as Fontkit from "fontkit";
import { fastPaths, fastPathsWanted, PLAIN_PATHS, usePaths, type FastPaths } from "../common/fast-paths.js";
import { loadOutline, loadOutlines, readFontFile } from "../fonts/outlines.js";
import { sfntView, type SfntFont } from "../fonts/sfnt.js";
import { fontkit } from "../fonts/parsed.js";

/** The fast paths, as installFastPaths puts them in. */
export const FAST_PATHS: FastPaths = {
  readFontFile,
  parsedFont: (font) => readOutlinesOnDemand(font),
  face: (font) => seedLocaTable(font as SfntFont),
  substitutionFont: (font) => substitutionFont(font as unknown as Fontkit.Font) as never,
  tableReads: true,
  subset: (subset) => void fastenSubset(subset),
  deflate: withDeflateLevel,
  commandLine: skipHelpCache,
};

/**
 * Put the fast paths in (or, `on` false — PAIBAN_NO_FAST_PATHS=1 — the plain paths, undoing
 * any patch of a library's classes). Call it before anything opens a font.
 */
export function installFastPaths(on: boolean = fastPathsWanted()): void {
  if (on) usePaths(FAST_PATHS);
  else {
    usePaths(PLAIN_PATHS);
    for (const undo of classPatches.splice(0)) undo();
  }
}

/** Whether the fast paths are in. */
export function fastPathsInstalled(): boolean {
  return fastPaths.readFontFile === FAST_PATHS.readFontFile;
}

/** How to take back each patch of a library's class (a snapshot built with them, run without). */
const classPatches: (() => void)[] = [];

// ---------------------------------------------------------------------------------------------
// fontkit's glyph decoding

/** fontkit's TrueType glyph, the parts read here. */
interface TrueTypeGlyph {
  id: number;
  _font: { stream: { buffer: Uint8Array } };
}

const PATCHED = Symbol.for("paiban.outlines");

/**
 * Make fontkit's TrueType glyph class read a glyph's outline in (src/fonts/outlines.ts
 * loadOutline; a no-op for a font read whole) before decoding it. `font` is any font; its
 * glyph class is patched once per process.
 */
export function readOutlinesOnDemand(font: object): void {
  const glyph = (font as { getGlyph?: (id: number) => object }).getGlyph?.(0);
  if (!glyph) return;
  let proto: Record<string | symbol, unknown> | null = Object.getPrototypeOf(glyph);
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "_decode")) proto = Object.getPrototypeOf(proto);
  if (!proto || proto[PATCHED]) return;
  const patched = proto;
  const originals: [string, unknown][] = [];
  for (const method of ["_decode", "_getCBox"]) {
    const original = patched[method];
    if (typeof original !== "function") continue;
    originals.push([method, original]);
    patched[method] = function (this: TrueTypeGlyph, ...args: unknown[]) {
      loadOutline(this._font.stream.buffer, this.id);
      return original.apply(this, args);
    };
  }
  patched[PATCHED] = true;
  classPatches.push(() => {
    for (const [method, original] of originals) patched[method] = original;
    delete patched[PATCHED];
  });
}

// ---------------------------------------------------------------------------------------------
// fontkit's table cache

/** fontkit's table cache on a font object (its private `_tables`). */
interface TableCache {
  _tables?: Record<string, unknown>;
}

/**
 * Hand fontkit the loca table decoded by src/fonts/sfnt.ts (a tight loop over the bytes), so
 * that its own outline reads (ink boxes, composite glyphs, the subsetter's `loca.version`) do
 * not decode the 30,000-odd entries through restructure. Same numbers, same shape
 * ({version, offsets}). Does nothing when fontkit has decoded it already or the font has no view.
 */
export function seedLocaTable(font: SfntFont): void {
  const cache = (font as SfntFont & TableCache)._tables;
  if (!cache || "loca" in cache) return;
  const offsets = sfntView(font)?.locaOffsets();
  if (!offsets || offsets.length !== font.numGlyphs + 1) return;
  cache.loca = { version: font.head.indexToLocFormat, offsets };
}

/** fontkit's private table cache and its buffer, for substitutionFont. */
interface FontkitInternals {
  stream: { buffer: Buffer };
  _tables: Record<string, unknown>;
}

/**
 * A second font object over the same bytes whose layout applies substitutions only (its GPOS
 * is hidden), or null for a face of a collection. The full-width forms the composer asks for
 * (fwid: —— as one 2-em rule) are substitutions; fontkit's layout would also position them,
 * decoding the 65 KB GPOS table (~10 ms a face) for advances hmtx already gives. Checked to
 * give the same glyphs and advances on the default faces (tests/fonts/face.test.ts).
 */
export function substitutionFont(font: Fontkit.Font): Fontkit.Font | null {
  const bytes = (font as unknown as FontkitInternals).stream?.buffer;
  if (!bytes || bytes.toString("latin1", 0, 4) === "ttcf") return null;
  let second: Fontkit.Font | Fontkit.FontCollection | null;
  try {
    second = fontkit.create(bytes) ?? null;
  } catch {
    return null;
  }
  if (!second || "fonts" in second) return null;
  (second as unknown as FontkitInternals)._tables.GPOS = null;
  return second;
}

// ---------------------------------------------------------------------------------------------
// fontkit's TrueType subsetter

/** The TTFSubset fields read and written here (fontkit's, private). */
interface TrueTypeSubset {
  font: SfntFont;
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(gid: number): number;
  encode(): unknown;
}

function isTrueTypeSubset(subset: unknown): subset is TrueTypeSubset {
  const s = subset as Partial<TrueTypeSubset> | null;
  return !!s && typeof s._addGlyph === "function" && "glyphEncoder" in s && typeof s.font === "object";
}

/**
 * Make a pdfkit font's subset take simple TrueType glyphs by their bytes.
 *
 * fontkit's TTFSubset._addGlyph decodes every glyph's outline (to learn whether it is a
 * composite) and then its metrics, through restructure, for each glyph of each document:
 * ~25 ms of the seed page's PDF. A glyph's first two bytes say whether it is a composite
 * (numberOfContours < 0), and its advance and bearing are two numbers in hmtx, so a simple
 * glyph needs no decoding at all: its bytes are copied as they are, as fontkit copies them.
 * Composite glyphs (rare in CJK faces) and variable-font instances still go through fontkit;
 * tests/render/subset.test.ts checks that the subset is byte-identical to fontkit's own.
 *
 * Returns whether the fast path is in place (false: a CFF font, a variable instance, or a
 * fontkit that changed).
 */
export function fastenSubset(subset: unknown): boolean {
  if (!isTrueTypeSubset(subset)) return false;
  const view = sfntView(subset.font);
  if (!view || !view.locaOffsets()) return false;
  const slow = subset._addGlyph;
  const encode = subset.encode;
  // The outlines of every glyph used, read from the font file in one pass (src/fonts/outlines.ts).
  subset.encode = function encodeSubset(this: TrueTypeSubset) {
    loadOutlines(this.font.stream.buffer, this.glyphs);
    return encode.call(this);
  };
  subset._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
    const bytes = view.glyphBytes(gid);
    // A composite (numberOfContours < 0) names other glyphs that must be renumbered: fontkit.
    if (!bytes || (bytes.length >= 2 && (bytes[0]! & 0x80) !== 0)) return slow.call(this, gid);
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push(view.metrics(gid));
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
  return true;
}

// ---------------------------------------------------------------------------------------------
// Node's zlib under pdfkit

/**
 * Deflate level for every stream pdfkit compresses while `fn` runs. pdfkit calls
 * zlib.deflateSync(data) with the default level (6) and has no option for it; level 1 deflates
 * the multi-megabyte CJK font subsets about four times faster for files about 5 % larger,
 * which is the better trade for pages re-rendered all day. Node's zlib function is swapped
 * only for the duration of `fn` and always put back.
 */
export async function withDeflateLevel<T>(level: number, fn: () => Promise<T>): Promise<T> {
  const original = zlib.deflateSync;
  const patched = ((data: zlib.InputType, options?: zlib.ZlibOptions) => original(data, { level, ...options })) as typeof zlib.deflateSync;
  zlib.deflateSync = patched;
  try {
    return await fn();
  } finally {
    if (zlib.deflateSync === patched) zlib.deflateSync = original;
  }
}

// ---------------------------------------------------------------------------------------------
// yargs

/**
 * yargs (18.2.0, pinned) lays out the whole help text of a command right after its handler
 * starts, in case the handler asks for it: ~25 ms of string-width on every render. Our
 * handlers never show help (usage errors print one line and exit 2), so that layout is skipped;
 * `--help` itself does not go through it and is unchanged.
 */
export function skipHelpCache(cli: object): void {
  const usage = (cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === "function") usage.cacheHelpMessage = () => {};
}
