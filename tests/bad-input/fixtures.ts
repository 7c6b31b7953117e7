/**
 * Inputs for the bad-input table, made on the fly into a temp folder: a small valid page to
 * break one way at a time, copy in other encodings, images that lie about themselves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { cmykTiff } from "../../src/photo/tiff.js";

export const CLI = join(import.meta.dirname, "../../dist/cli/main.js");
/**
 * The installed command, bin/paiban: render and validate start from the start-up snapshot.
 * `PAIBAN_TEST_CLI=bin` runs the whole table through it (.ci/run does, after the main run).
 */
export const LAUNCHER = join(import.meta.dirname, "../../bin/paiban");

export function tempDir(prefix = "paiban-bad-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A 200 × 150 mm page, 4 columns of 11 em, 28 lines: small and quick to render. */
export function page(items: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    paper: "测试报",
    date: "2024-11-27",
    page: {
      trim: { width: "200mm", height: "150mm" },
      bleed: "3mm",
      typeArea: { top: "10mm", left: "10mm" },
      grid: { columns: 4, columnWidth: "11em", gutter: "1em", bodySize: "小五", linePitch: "13.5pt", lines: 28 },
    },
    items,
    ...extra,
  };
}

export const AREA = { column: 1, span: 2, line: 1, lines: 20 };

export function story(copy = "story.md", more: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "story", id: "lead", copy, area: AREA, ...more };
}

export function photo(image: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "photo", id: "pic", image, area: { column: 3, span: 2, line: 1, lines: 12 }, ...more };
}

export const COPY = "---\ntitle: 区县新闻\n---\n本报讯　今年以来，全区上下齐心协力，各项工作取得新进展。\n\n第二段文字在这里。\n";

/** A layout (JSON text) with its default copy file beside it. */
export function writeLayout(dir: string, layout: unknown, name = "layout.json"): string {
  writeFileSync(join(dir, "story.md"), COPY);
  writeFileSync(join(dir, name), typeof layout === "string" ? layout : `${JSON.stringify(layout, null, 2)}\n`);
  return name;
}

// ---- encodings -------------------------------------------------------------------------

let gbkTable: Map<string, Buffer> | undefined;
/** Encode text as GBK (GB18030's two-byte part), built by inverting Node's GBK decoder. */
export function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder("gbk");
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== "\ufffd" && !gbkTable.has(ch)) gbkTable.set(ch, Buffer.from([lead, trail]));
      }
    }
  }
  return Buffer.concat(
    [...text].map((ch) => {
      if (ch.codePointAt(0)! < 0x80) return Buffer.from(ch, "latin1");
      const b = gbkTable!.get(ch);
      if (!b) throw new Error(`no GBK code for ${ch}`);
      return b;
    }),
  );
}

// ---- images ----------------------------------------------------------------------------

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A tiny, well-formed PNG whose IHDR says width × height (its pixel data is a few bytes). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(Buffer.alloc(64))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

export async function jpeg(width = 600, height = 400, colour = "#c08040"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).jpeg({ quality: 80 }).toBuffer();
}

/** An RGBA PNG: pure red, alpha 0 on the left half, opaque on the right. */
export async function pngWithAlpha(width = 400, height = 300): Promise<Buffer> {
  const px = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = 4 * (y * width + x);
      px[i] = 255;
      px[i + 3] = x < width / 2 ? 0 : 255;
    }
  }
  return sharp(px, { raw: { width, height, channels: 4 } }).png().toBuffer();
}

function cmykEncode(pixels: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(cmykTiff(pixels, width, height), { ignoreIcc: true }).pipelineColourspace("cmyk").toColourspace("cmyk").jpeg({ quality: 90 }).toBuffer();
}

/** Remove every APP14 "Adobe" segment from a JPEG. */
export function stripAdobe(bytes: Buffer): Buffer {
  const out: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda) break; // start of scan: the rest is entropy-coded data
    const len = bytes.readUInt16BE(at + 2);
    const seg = bytes.subarray(at, at + 2 + len);
    if (!(marker === 0xee && seg.toString("latin1", 4, 9) === "Adobe")) out.push(seg);
    at += 2 + len;
  }
  out.push(bytes.subarray(at));
  return Buffer.concat(out);
}

export function hasAdobe(bytes: Buffer): boolean {
  return bytes.includes(Buffer.from("Adobe", "latin1"));
}

/**
 * CMYK JPEGs of one light tint (C 20 %, no other ink), with and without the Adobe marker.
 * Photoshop (and libvips) store CMYK inverted and say so with an APP14 Adobe segment; a file
 * without the segment stores plain values. Both must come out the same light cyan, not as a
 * negative.
 */
export async function cmykJpegs(width = 400, height = 300): Promise<{ adobe: Buffer; plain: Buffer }> {
  const tint = Uint8Array.of(51, 0, 0, 0);
  const inverted = Uint8Array.of(255 - 51, 255, 255, 255);
  const fill = (p: Uint8Array) => {
    const px = new Uint8Array(width * height * 4);
    for (let i = 0; i < px.length; i += 4) px.set(p, i);
    return px;
  };
  const adobe = await cmykEncode(fill(tint), width, height);
  // Encoding the inverse (which the encoder inverts again) stores the plain values; drop the
  // marker that would tell a reader to invert them.
  const plain = stripAdobe(await cmykEncode(fill(inverted), width, height));
  return { adobe, plain };
}

// ---- reading the result ----------------------------------------------------------------

/** The images (DCTDecode streams) of a PDF, decoded to mean channel values. */
export async function pdfImages(pdf: Buffer | string): Promise<{ channels: number; space: string; means: number[]; stats: sharp.Stats }[]> {
  const doc = await PDFDocument.load(typeof pdf === "string" ? readFileSync(pdf) : pdf);
  const out = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream)) continue;
    if (obj.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    if (obj.dict.get(PDFName.of("Filter")) !== PDFName.of("DCTDecode")) continue;
    const bytes = Buffer.from(obj.contents);
    const meta = await sharp(bytes).metadata();
    const stats = await sharp(bytes).stats();
    out.push({ channels: meta.channels ?? 0, space: meta.space ?? "", means: stats.channels.map((c) => c.mean), stats });
  }
  return out;
}

export async function pdfPageCount(pdf: Buffer | string): Promise<number> {
  const doc = await PDFDocument.load(typeof pdf === "string" ? readFileSync(pdf) : pdf);
  return doc.getPageCount();
}
