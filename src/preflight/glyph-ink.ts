/**
 * Where a glyph puts ink: the bounding box of its outline, read from an embedded TrueType font
 * program (FontFile2: head, loca and the glyph's header in glyf), for the overprinted build-ups.
 * A glyph's em box is a poor stand-in at a line's end: a closing bracket set in half an em has
 * its ink in the left half of a full-em box, and that box reaches into whatever lies beside it.
 *
 * The reads are byte offsets, each checked against the table's length: a damaged program gives
 * no bounds (the caller keeps the em box), never an exception or a long loop. The table
 * directory is read as a font file is checked when opened (src/fonts/check.ts).
 */
import { tableDirectory } from "../fonts/check.js";

/** An sfnt with TrueType outlines: version 1.0 or 'true'. */
const TRUETYPE = new Set([0x00010000, 0x74727565]);

/** A glyph's ink box in 1/1000 of the text size: x0, y0 (below the baseline, negative), x1, y1. */
export type InkBox = readonly [number, number, number, number];

/** Bounds per glyph id: undefined for a blank glyph (no ink), null when this glyph cannot be read. */
export type GlyphInk = (gid: number) => InkBox | undefined | null;

/** The ink boxes of a TrueType program's glyphs, or null when it is not one this can read. */
export function trueTypeInk(program: Uint8Array): GlyphInk | null {
  const bytes = Buffer.from(program.buffer, program.byteOffset, program.byteLength);
  if (bytes.length < 12 || !TRUETYPE.has(bytes.readUInt32BE(0))) return null;
  const dir = tableDirectory(bytes);
  if (typeof dir === "string") return null;
  const head = dir.get("head");
  const loca = dir.get("loca");
  const glyf = dir.get("glyf");
  if (!head || !loca || !glyf || head.length < 54) return null;
  const unitsPerEm = bytes.readUInt16BE(head.offset + 18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) return null;
  const long = bytes.readInt16BE(head.offset + 50) === 1;
  const entries = long ? loca.length >> 2 : loca.length >> 1;
  const scale = 1000 / unitsPerEm;
  const at = (i: number) => (long ? bytes.readUInt32BE(loca.offset + 4 * i) : 2 * bytes.readUInt16BE(loca.offset + 2 * i));
  return (gid) => {
    if (gid < 0 || gid + 1 >= entries) return null;
    const start = at(gid);
    const end = at(gid + 1);
    if (end === start) return undefined; // a blank glyph: no outline, no ink
    if (end < start) return null; // a damaged loca: unknown
    if (start + 10 > glyf.length) return null;
    const g = glyf.offset + start;
    const x0 = bytes.readInt16BE(g + 2);
    const y0 = bytes.readInt16BE(g + 4);
    const x1 = bytes.readInt16BE(g + 6);
    const y1 = bytes.readInt16BE(g + 8);
    if (x1 < x0 || y1 < y0) return null;
    return [x0 * scale, y0 * scale, x1 * scale, y1 * scale];
  };
}

/** A CIDToGIDMap: Identity, or two bytes per CID from a stream. */
export function cidToGid(map: Uint8Array | "Identity"): (cid: number) => number {
  if (map === "Identity") return (cid) => cid;
  return (cid) => (2 * cid + 1 < map.length ? (map[2 * cid]! << 8) | map[2 * cid + 1]! : 0);
}
