/**
 * Font files for the bad-input tests, made from the Liberation Sans faces pdfjs-dist ships
 * (Latin only, so CJK must come from the fallback chain): a TrueType collection of two faces,
 * and files that only look like fonts.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const LATIN_REGULAR = require.resolve("pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf");
export const LATIN_BOLD = require.resolve("pdfjs-dist/standard_fonts/LiberationSans-Bold.ttf");

interface Table {
  tag: string;
  checksum: number;
  data: Buffer;
}

function tablesOf(font: Buffer): { version: number; tables: Table[] } {
  const version = font.readUInt32BE(0);
  const n = font.readUInt16BE(4);
  const tables: Table[] = [];
  for (let i = 0; i < n; i++) {
    const at = 12 + 16 * i;
    const offset = font.readUInt32BE(at + 8);
    const length = font.readUInt32BE(at + 12);
    tables.push({ tag: font.toString("latin1", at, at + 4), checksum: font.readUInt32BE(at + 4), data: font.subarray(offset, offset + length) });
  }
  return { version, tables };
}

const pad4 = (n: number) => (n + 3) & ~3;

/** A TrueType collection ('ttcf' 1.0) of the given single-face fonts, tables copied as they are. */
export function makeCollection(files: string[]): Buffer {
  const fonts = files.map((f) => tablesOf(readFileSync(f)));
  const headerSize = 12 + 4 * fonts.length;
  const dirSizes = fonts.map((f) => 12 + 16 * f.tables.length);
  let dataStart = headerSize + dirSizes.reduce((a, b) => a + b, 0);
  const parts: Buffer[] = [];
  const header = Buffer.alloc(headerSize);
  header.write("ttcf", 0, "latin1");
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(fonts.length, 8);
  let dirAt = headerSize;
  const dirs: Buffer[] = [];
  const blobs: Buffer[] = [];
  fonts.forEach((f, k) => {
    header.writeUInt32BE(dirAt, 12 + 4 * k);
    const dir = Buffer.alloc(dirSizes[k]!);
    const n = f.tables.length;
    dir.writeUInt32BE(f.version, 0);
    dir.writeUInt16BE(n, 4);
    const p = 2 ** Math.floor(Math.log2(n));
    dir.writeUInt16BE(p * 16, 6);
    dir.writeUInt16BE(Math.log2(p), 8);
    dir.writeUInt16BE(n * 16 - p * 16, 10);
    f.tables.forEach((t, i) => {
      const at = 12 + 16 * i;
      dir.write(t.tag, at, "latin1");
      dir.writeUInt32BE(t.checksum, at + 4);
      dir.writeUInt32BE(dataStart, at + 8);
      dir.writeUInt32BE(t.data.length, at + 12);
      const blob = Buffer.alloc(pad4(t.data.length));
      t.data.copy(blob);
      blobs.push(blob);
      dataStart += blob.length;
    });
    dirs.push(dir);
    dirAt += dir.length;
  });
  parts.push(header, ...dirs, ...blobs);
  return Buffer.concat(parts);
}

/** Fonts damaged one way each (from Liberation Sans), with the start of what paiban says. */
export function damagedFonts(): { name: string; what: string; bytes: Buffer; says: string }[] {
  const good = readFileSync(LATIN_REGULAR);
  const record = (tag: string) => {
    const n = good.readUInt16BE(4);
    for (let i = 0; i < n; i++) if (good.toString("latin1", 12 + 16 * i, 16 + 16 * i) === tag) return 12 + 16 * i;
    throw new Error(`no ${tag}`);
  };
  const edit = (f: (b: Buffer) => void) => {
    const b = Buffer.from(good);
    f(b);
    return b;
  };
  const head = good.readUInt32BE(record("head") + 8);
  const loca = { offset: good.readUInt32BE(record("loca") + 8), length: good.readUInt32BE(record("loca") + 12) };
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  return [
    { name: "half.ttf", what: "a font cut in half", bytes: good.subarray(0, good.length >> 1), says: "table '" },
    { name: "upem0.ttf", what: "a font whose unitsPerEm is 0", bytes: edit((b) => b.writeUInt16BE(0, head + 18)), says: "table 'head': unitsPerEm is 0, not 16–16384" },
    { name: "past.ttf", what: "a table offset past the end of the font", bytes: edit((b) => b.writeUInt32BE(good.length + 100, record("cmap") + 8)), says: "table 'cmap' (bytes" },
    { name: "loca.ttf", what: "random bytes in a font's loca table", bytes: edit((b) => { for (let i = 0; i < loca.length; i++) b[loca.offset + i] = random(); }), says: "table 'loca': the offset of glyph" },
    { name: "otto.otf", what: "OTTO and garbage", bytes: Buffer.concat([Buffer.from("OTTO", "latin1"), Buffer.from(Array.from({ length: 1024 }, (_, i) => i & 0xff))]), says: "table '" },
    { name: "font.woff", what: "a WOFF 1.0 font", bytes: Buffer.concat([Buffer.from("wOFF", "latin1"), Buffer.alloc(100)]), says: "WOFF 1.0 fonts are not supported: convert it to TTF or OTF" },
    { name: "head.woff2", what: "a WOFF2 header only", bytes: (() => { const b = Buffer.alloc(48); b.write("wOF2", 0, "latin1"); b.writeUInt32BE(0x10000, 4); b.writeUInt32BE(99999, 8); return b; })(), says: "the WOFF2 header says 99999 bytes but the file has 48" },
    { name: "post.ttf", what: "a font whose post table has an unknown version", bytes: edit((b) => b.writeUInt32BE(0x7f7f7f7f, good.readUInt32BE(record("post") + 8))), says: "font file is damaged: table 'post' is missing or cannot be read" },
    { name: "bad.ttc", what: "a TTC whose face offset is past the end", bytes: Buffer.concat([Buffer.from("ttcf", "latin1"), Buffer.from([0, 1, 0, 0, 0, 0, 0, 1]), Buffer.from([0, 0x98, 0x96, 0x7f])]), says: "face 1 of the collection starts at byte 9999999, past the end of the file (16 bytes)" },
  ];
}
