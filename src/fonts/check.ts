/**
 * A font file's structure, checked when it is opened (before fontkit reads it): every table
 * inside the file, the head, hhea, maxp, hmtx, loca and cmap tables of a size and with values
 * a font can have. A damaged font (cut in half, a table offset past the end, unitsPerEm 0,
 * a collection with a bad offset) is then refused naming the file and the table, instead of
 * failing later somewhere inside the PDF writer.
 */

const SFNT = new Set([0x00010000, 0x74727565 /* true */, 0x4f54544f /* OTTO */]);

/** What is wrong with the bytes of a font file, or undefined when its structure is sound. */
export function fontProblem(bytes: Buffer): string | undefined {
  if (bytes.length < 12) return `the file is ${bytes.length} bytes, too short to be a font`;
  const tag = bytes.readUInt32BE(0);
  const tagText = bytes.toString("latin1", 0, 4);
  if (tagText === "wOFF") return "WOFF 1.0 fonts are not supported: convert it to TTF or OTF (e.g. fonttools ttx, or woff2_decompress for WOFF2)";
  if (tagText === "wOF2") {
    if (bytes.length < 48) return "the WOFF2 header is cut short";
    const length = bytes.readUInt32BE(8);
    if (length !== bytes.length) return `the WOFF2 header says ${length} bytes but the file has ${bytes.length}: the file is cut short or damaged`;
    return undefined;
  }
  if (tagText === "ttcf") {
    const count = bytes.readUInt32BE(8);
    if (count < 1 || count > 1000 || 12 + 4 * count > bytes.length) return `the collection header gives ${count} faces, which the file cannot hold`;
    for (let i = 0; i < count; i++) {
      const at = bytes.readUInt32BE(12 + 4 * i);
      if (at + 12 > bytes.length) return `face ${i + 1} of the collection starts at byte ${at}, past the end of the file (${bytes.length} bytes)`;
      const problem = sfntProblem(bytes, at);
      if (problem) return `face ${i + 1} of the collection: ${problem}`;
    }
    return undefined;
  }
  if (!SFNT.has(tag)) return undefined; // not an sfnt: fontkit says whether it is a font at all
  return sfntProblem(bytes, 0);
}

/** Where a table lies in the file, bytes. */
export interface SfntTable {
  offset: number;
  length: number;
}

/**
 * The table directory of the sfnt starting at byte `at`: every table by its tag, each inside
 * the file; a message saying what is wrong when the directory or a table does not fit.
 */
export function tableDirectory(bytes: Buffer, at = 0): Map<string, SfntTable> | string {
  if (at + 12 > bytes.length) return `the table directory at byte ${at} is past the end of the file (${bytes.length} bytes)`;
  const numTables = bytes.readUInt16BE(at + 4);
  if (numTables < 1 || numTables > 400) return `the table directory gives ${numTables} tables`;
  const end = at + 12 + 16 * numTables;
  if (end > bytes.length) return `the table directory (${numTables} tables) runs past the end of the file`;
  const tables = new Map<string, SfntTable>();
  for (let i = 0; i < numTables; i++) {
    const rec = at + 12 + 16 * i;
    const tag = bytes.toString("latin1", rec, rec + 4);
    const offset = bytes.readUInt32BE(rec + 8);
    const length = bytes.readUInt32BE(rec + 12);
    if (offset + length > bytes.length) {
      return `table '${tag}' (bytes ${offset}–${offset + length}) reaches past the end of the file (${bytes.length} bytes): the file is cut short or damaged`;
    }
    tables.set(tag, { offset, length });
  }
  return tables;
}

function sfntProblem(bytes: Buffer, at: number): string | undefined {
  const tables = tableDirectory(bytes, at);
  if (typeof tables === "string") return tables;
  const need = (tag: string, min: number): SfntTable | string => {
    const t = tables.get(tag);
    if (!t) return `the '${tag}' table is missing`;
    if (t.length < min) return `table '${tag}' is ${t.length} bytes, shorter than its ${min}-byte header`;
    return t;
  };
  const head = need("head", 54);
  if (typeof head === "string") return head;
  const unitsPerEm = bytes.readUInt16BE(head.offset + 18);
  if (unitsPerEm < 16 || unitsPerEm > 16384) return `table 'head': unitsPerEm is ${unitsPerEm}, not 16–16384`;
  const locFormat = bytes.readInt16BE(head.offset + 50);
  const maxp = need("maxp", 6);
  if (typeof maxp === "string") return maxp;
  const numGlyphs = bytes.readUInt16BE(maxp.offset + 4);
  if (numGlyphs < 1) return "table 'maxp': the font has no glyphs";
  const hhea = need("hhea", 36);
  if (typeof hhea === "string") return hhea;
  const metrics = bytes.readUInt16BE(hhea.offset + 34);
  if (metrics < 1 || metrics > numGlyphs) return `table 'hhea': numberOfHMetrics is ${metrics}, not 1–${numGlyphs} (the glyphs in 'maxp')`;
  const hmtx = need("hmtx", 4 * metrics + 2 * (numGlyphs - metrics));
  if (typeof hmtx === "string") return hmtx;
  const cmap = need("cmap", 4);
  if (typeof cmap === "string") return cmap;
  const subtables = bytes.readUInt16BE(cmap.offset + 2);
  if (4 + 8 * subtables > cmap.length) return `table 'cmap': its ${subtables} subtables do not fit in the table`;
  for (let i = 0; i < subtables; i++) {
    const sub = bytes.readUInt32BE(cmap.offset + 4 + 8 * i + 4);
    if (sub + 4 > cmap.length) return `table 'cmap': subtable ${i + 1} starts at ${sub}, past the end of the table`;
  }
  const glyf = tables.get("glyf");
  if (glyf) {
    if (locFormat !== 0 && locFormat !== 1) return `table 'head': indexToLocFormat is ${locFormat}, not 0 or 1`;
    const long = locFormat === 1;
    const loca = need("loca", (numGlyphs + 1) * (long ? 4 : 2));
    if (typeof loca === "string") return loca;
    let last = 0;
    for (let g = 0; g <= numGlyphs; g++) {
      const off = long ? bytes.readUInt32BE(loca.offset + 4 * g) : 2 * bytes.readUInt16BE(loca.offset + 2 * g);
      if (off < last || off > glyf.length) return `table 'loca': the offset of glyph ${g} (${off}) is out of order or past the 'glyf' table (${glyf.length} bytes)`;
      last = off;
    }
  } else if (!tables.has("CFF ") && !tables.has("CFF2")) {
    return "the font has neither 'glyf' nor 'CFF ' outlines";
  }
  const post = tables.get("post");
  if (post && post.length < 32) return `table 'post' is ${post.length} bytes, shorter than its 32-byte header`;
  return undefined;
}
