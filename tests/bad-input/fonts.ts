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
