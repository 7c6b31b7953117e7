/**
 * Reading a TrueType font file without its glyph outlines, and reading each outline in when
 * it is first needed.
 *
 * A CJK face is 10–15 MB, ~95 % of it the glyf table (30,000 outlines); a page uses a few
 * thousand glyphs of four faces. Reading the four files whole cost ~25 ms and ~50 MB of memory
 * per process (per worker thread in an edition). Here the file is read except its glyf table,
 * into a buffer of the file's full size (zero pages the system does not back until written),
 * so every offset fontkit computes is the file's own; a glyph's bytes are read into place
 * from the still-open file before anything decodes it:
 * - fontkit's TrueType glyph (its outline and its control box) — its class patched once
 *   (src/pipeline/fast-paths.ts; without the fast paths a font file is read whole);
 * - src/fonts/sfnt.ts `glyphBytes` (the subsetter's fast path);
 * - the subsetter reads all its glyphs in one pass first (`loadOutlines`).
 *
 * Collections, CFF-flavoured OpenType and variable fonts are read whole, as before.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { endianness } from "node:os";
import { PaibanError } from "../common/diagnostics.js";

/** Reads the outlines of one font file into its buffer. */
interface OutlineLoader {
  file: string;
  fd: number;
  /** glyf table: file offset and length. */
  glyfOffset: number;
  glyfLength: number;
  /** loca, decoded: glyph g's outline is [offsets[g], offsets[g+1]) within glyf. */
  offsets: Uint32Array;
  /** 1 once a glyph's bytes are in the buffer. */
  loaded: Uint8Array;
  bytes: Buffer;
}

/** The loader of each buffer readFontFile returned with outlines still on disk (a side table of the buffer). */
const loaders = new WeakMap<Uint8Array, OutlineLoader>();

/**
 * The file changed or shrank under us while its outlines were still being read: the user's to
 * fix (a font replaced mid-render), so a PaibanError naming the file.
 */
export class OutlineReadError extends PaibanError {
  constructor(file: string) {
    super("the font file changed on disk while in use (its glyph outlines could not be read)", { file });
  }
}

function readFully(fd: number, into: Buffer, at: number, length: number, file: string): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, at + done, length - done, at + done);
    if (n <= 0) throw new OutlineReadError(file);
    done += n;
  }
}

const TRUETYPE = new Set([0x00010000, 0x74727565 /* 'true' */]);

interface TableRecord {
  offset: number;
  length: number;
}

function tableDirectory(bytes: Buffer, numTables: number): Map<string, TableRecord> {
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    tables.set(bytes.toString("latin1", at, at + 4), { offset: bytes.readUInt32BE(at + 8), length: bytes.readUInt32BE(at + 12) });
  }
  return tables;
}

/**
 * The bytes of a font file: whole, or (a plain TrueType font) all but the glyph outlines, which
 * are then read on demand. Throws what fs throws for an unreadable file.
 */
export function readFontFile(file: string): Buffer {
  const fd = openSync(file, "r");
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    const whole = (): Buffer => {
      const all = Buffer.allocUnsafe(size);
      readFully(fd, all, 0, size, file);
      return all;
    };
    if (size < 12) return whole();
    const header = Buffer.alloc(12);
    readFully(fd, header, 0, 12, file);
    const numTables = header.readUInt16BE(4);
    const directoryEnd = 12 + 16 * numTables;
    if (!TRUETYPE.has(header.readUInt32BE(0)) || directoryEnd > size) return whole();

    // Zero-filled, so untouched pages cost no memory; the outlines' pages stay untouched
    // until a glyph is read in.
    const bytes = Buffer.alloc(size);
    header.copy(bytes);
    readFully(fd, bytes, 12, directoryEnd - 12, file);
    const tables = tableDirectory(bytes, numTables);
    const glyf = tables.get("glyf");
    const inFile = (t: TableRecord | undefined): t is TableRecord => !!t && t.offset + t.length <= size;
    const loca = tables.get("loca");
    const head = tables.get("head");
    const maxp = tables.get("maxp");
    if (tables.has("fvar") || !inFile(glyf) || !inFile(loca) || !inFile(head) || !inFile(maxp) || head.length < 54 || maxp.length < 6) {
      readFully(fd, bytes, directoryEnd, size - directoryEnd, file);
      return bytes;
    }
    // Everything before and after the outlines.
    readFully(fd, bytes, directoryEnd, Math.max(0, glyf.offset - directoryEnd), file);
    readFully(fd, bytes, glyf.offset + glyf.length, size - glyf.offset - glyf.length, file);

    const numGlyphs = bytes.readUInt16BE(maxp.offset + 4);
    const long = bytes.readInt16BE(head.offset + 50) === 1;
    if (loca.length < (numGlyphs + 1) * (long ? 4 : 2)) {
      readFully(fd, bytes, glyf.offset, glyf.length, file);
      return bytes;
    }
    const offsets = decodeLoca(bytes, loca.offset, numGlyphs + 1, long);
    const loader: OutlineLoader = {
      file,
      fd,
      glyfOffset: glyf.offset,
      glyfLength: glyf.length,
      offsets,
      loaded: new Uint8Array(numGlyphs),
      bytes,
    };
    loaders.set(bytes, loader);
    keepOpen = true;
    return bytes;
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}

const LITTLE_ENDIAN = endianness() === "LE";

/**
 * A loca table's `count` entries as byte offsets into glyf. The long form is big-endian
 * uint32s: copied and byte-swapped in one native call rather than read one by one (30,000
 * reads of cold code took ~12 ms); the short form is uint16 halves of the offsets.
 */
export function decodeLoca(bytes: Uint8Array, at: number, count: number, long: boolean): Uint32Array {
  const size = count * (long ? 4 : 2);
  const copy = Buffer.allocUnsafeSlow(size); // memory of its own, aligned for the typed arrays
  copy.set(bytes.subarray(at, at + size));
  if (long) {
    if (LITTLE_ENDIAN) copy.swap32();
    return new Uint32Array(copy.buffer, copy.byteOffset, count);
  }
  if (LITTLE_ENDIAN) copy.swap16();
  const halves = new Uint16Array(copy.buffer, copy.byteOffset, count);
  const offsets = new Uint32Array(count);
  for (let i = 0; i < count; i++) offsets[i] = 2 * halves[i]!;
  return offsets;
}

/** The loca offsets of a font read by readFontFile (decoded once, when it was read). */
export function outlineOffsets(bytes: Uint8Array, glyfOffset: number): Uint32Array | undefined {
  const l = loaders.get(bytes);
  return l && l.glyfOffset === glyfOffset ? l.offsets : undefined;
}

/** A glyph's byte range within glyf, clamped to the table. */
function range(l: OutlineLoader, gid: number): [number, number] {
  const start = Math.min(l.offsets[gid]!, l.glyfLength);
  const end = Math.min(Math.max(l.offsets[gid + 1]!, start), l.glyfLength);
  return [start, end];
}

/** Make sure one glyph's outline is in `bytes` (a no-op for a font read whole). */
export function loadOutline(bytes: Uint8Array, gid: number): void {
  const l = loaders.get(bytes);
  if (!l || gid < 0 || gid >= l.loaded.length || l.loaded[gid]) return;
  if (l.fd < 0) throw closedError(l);
  const [start, end] = range(l, gid);
  if (end > start) readFully(l.fd, l.bytes, l.glyfOffset + start, end - start, l.file);
  l.loaded[gid] = 1;
}

/** Make sure many glyphs' outlines are in `bytes`, reading neighbours in one go. */
export function loadOutlines(bytes: Uint8Array, gids: Iterable<number>): void {
  const l = loaders.get(bytes);
  if (!l) return;
  if (l.fd < 0) {
    for (const gid of gids) if (gid >= 0 && gid < l.loaded.length && !l.loaded[gid]) throw closedError(l);
    return;
  }
  const wanted: [number, number, number][] = [];
  for (const gid of gids) {
    if (gid < 0 || gid >= l.loaded.length || l.loaded[gid]) continue;
    const [start, end] = range(l, gid);
    wanted.push([start, end, gid]);
  }
  wanted.sort((a, b) => a[0] - b[0]);
  // Glyphs less than a page apart are read with the bytes between them: fewer reads.
  const GAP = 4096;
  for (let i = 0; i < wanted.length; ) {
    const from = wanted[i]![0];
    let to = wanted[i]![1];
    let j = i + 1;
    while (j < wanted.length && wanted[j]![0] - to <= GAP) to = Math.max(to, wanted[j++]![1]);
    if (to > from) readFully(l.fd, l.bytes, l.glyfOffset + from, to - from, l.file);
    for (let k = i; k < j; k++) l.loaded[wanted[k]![2]] = 1;
    i = j;
  }
}

/**
 * Close the file kept open for the outlines of `bytes` (a buffer readFontFile returned); its
 * font must not be used after this. The FontStore that read the buffer closes it.
 */
export function closeOutlineFile(bytes: Uint8Array): void {
  const l = loaders.get(bytes);
  if (!l || l.fd < 0) return;
  try {
    closeSync(l.fd);
  } catch {
    // already closed
  }
  // Kept (closed) rather than forgotten: a glyph not yet read must fail loudly, not read as zeros.
  l.fd = -1;
}

/** A glyph asked of a font whose file was closed (its store closed): a bug of the caller. */
function closedError(l: OutlineLoader): Error {
  return new Error(`a glyph was asked of a font after its file was closed (its font store was closed while the font was in use): ${l.file}`);
}
