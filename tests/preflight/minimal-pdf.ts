/**
 * Hand-built PDFs for preflight's tests: objects written as text (or bytes), with a correct
 * cross-reference table, so a test can plant exactly one thing — good or hostile — and nothing
 * else. Also the hostile files of issue 13 item 8.
 */
import { constants, deflateRawSync, deflateSync, inflateSync } from "node:zlib";

export type Body = string | Buffer;

/** A stream object's body: `<< dict /Length n >> stream … endstream`. */
export function stream(dict: string, data: Body): Buffer {
  const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, "latin1"), bytes, Buffer.from("\nendstream", "latin1")]);
}

/** A Flate-compressed stream object's body. */
export function flateStream(dict: string, data: Body): Buffer {
  return stream(`${dict} /Filter /FlateDecode`, deflateSync(typeof data === "string" ? Buffer.from(data, "latin1") : data));
}

export interface PdfOptions {
  version?: string;
  /** Trailer entries; default `/Root 1 0 R`. */
  trailer?: string;
}

/** A PDF whose object N (1-based) is bodies[N − 1]. */
export function buildPdf(bodies: Body[], opts: PdfOptions = {}): Buffer {
  const parts: Buffer[] = [Buffer.from(`%PDF-${opts.version ?? "1.3"}\n%\xe2\xe3\xcf\xd3\n`, "latin1")];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(length);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), typeof body === "string" ? Buffer.from(body, "latin1") : body, Buffer.from("\nendobj\n", "latin1")]);
    parts.push(b);
    length += b.length;
  });
  const xref = [`xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`)].join("");
  const trailer = `trailer\n<< /Size ${bodies.length + 1} ${opts.trailer ?? "/Root 1 0 R"} >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, "latin1"));
  return Buffer.concat(parts);
}

/** Catalog 1, Pages 2, Page 3 with content 4 and the given resources; more objects from 5 on. */
export function onePage(content: Body, resources = "<< >>", more: Body[] = [], pageExtra = "", opts: PdfOptions = {}): Buffer {
  return buildPdf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /TrimBox [10 10 190 190] /Resources ${resources} /Contents 4 0 R ${pageExtra} >>`,
      typeof content === "string" ? stream("", content) : content,
      ...more,
    ],
    opts,
  );
}

/**
 * A zlib stream of `mb` MB of spaces made without holding them: one sync-flushed raw deflate
 * block of 1 MB repeated, a final empty block, and the Adler-32 of the whole.
 */
export function flateBomb(mb: number): Buffer {
  const chunk = deflateRawSync(Buffer.alloc(1 << 20, 0x20), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const n = mb * (1 << 20);
  // Adler-32 of n bytes of 0x20: a = 1 + 32n, b = n + 32·n(n+1)/2 (mod 65521), in BigInt.
  const N = BigInt(n);
  const a = (1n + 32n * N) % 65521n;
  const b = (N + 16n * N * (N + 1n)) % 65521n;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(Number((b << 16n) | a));
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...new Array<Buffer>(mb).fill(chunk), Buffer.from([0x03, 0x00]), adler]);
}

/** The hostile PDFs of issue 13 item 8: each must be answered with one clean line, fast. */
export const HOSTILE: { name: string; message: RegExp; file: () => Buffer }[] = [
  { name: "%PDF-1.4 alone", message: /no document catalog/, file: () => Buffer.from("%PDF-1.4\n", "latin1") },
  { name: "no Root in the trailer", message: /no document catalog \(no \/Root in the trailer\)/, file: () => buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"], { trailer: "" }) },
  { name: "a Root that is not a dictionary", message: /\/Root is not a dictionary/, file: () => buildPdf(["42"]) },
  {
    name: "a /Kids cycle",
    message: /page tree has a cycle/,
    file: () => buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"]),
  },
  {
    name: "a /Parent cycle",
    message: /\/Parent/,
    file: () =>
      buildPdf([
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Parent 3 0 R /Kids [4 0 R] /Count 1 >>",
        "<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>",
        stream("", "0 0 1 rg 0 0 10 10 re f"),
      ]),
  },
  { name: "200,000 nested [ in an object", message: /no page tree|nested/, file: () => buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "[".repeat(200_000)]) },
  { name: "200,000 nested [ in page content", message: /nested deeper than 64/, file: () => onePage("[".repeat(200_000) + " 0 0 m") },
  { name: "a 2 MB single token", message: /no page tree/, file: () => buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", `/${"A".repeat(2 << 20)}`, "<< /Type /Pages /Kids [] /Count 0 >>"]) },
  { name: "a 2 MB single token in page content", message: /token in page content is longer than 64 KB/, file: () => onePage(`${"1".repeat(2 << 20)} 0 0 m`) },
  {
    name: "a form XObject that draws itself 10 times",
    message: /form XObject 5 draws itself/,
    file: () => onePage("/F Do", "<< /XObject << /F 5 0 R >> >>", [stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /F 5 0 R >> >>", "/F Do ".repeat(10))]),
  },
  {
    name: "forms nested 10 deep, each drawing the next 10 times",
    message: /form budget/,
    file: () => {
      const forms = Array.from({ length: 10 }, (_, i) =>
        stream(`/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /F ${i < 9 ? `${6 + i} 0 R` : "5 0 R"} >> >>`, i < 9 ? "/F Do ".repeat(10) : "0 0 0 1 k 0 0 1 1 re f ".repeat(10)),
      );
      // The last form draws a box instead of F: a tree of 10^9 boxes, no cycle.
      forms[9] = stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10]", "0 0 0 1 k 0 0 1 1 re f ".repeat(10));
      return onePage("/F Do", "<< /XObject << /F 5 0 R >> >>", forms);
    },
  },
  {
    name: "an image declaring 100000 × 100000 pixels with 16 bytes of data",
    message: /100000 × 100000 pixels/,
    file: () =>
      onePage("q 180 0 0 180 10 10 cm /Im Do Q", "<< /XObject << /Im 5 0 R >> >>", [
        stream("/Type /XObject /Subtype /Image /Width 100000 /Height 100000 /ColorSpace /DeviceCMYK /BitsPerComponent 8", Buffer.alloc(16, 0xff)),
      ]),
  },
  {
    name: "an image declaring 4000 × 4000 pixels with 16 bytes of data",
    message: /holds 16 bytes: damaged/,
    file: () =>
      onePage("q 180 0 0 180 10 10 cm /Im Do Q", "<< /XObject << /Im 5 0 R >> >>", [
        stream("/Type /XObject /Subtype /Image /Width 4000 /Height 4000 /ColorSpace /DeviceCMYK /BitsPerComponent 8", Buffer.alloc(16, 0xff)),
      ]),
  },
  { name: "a 500 KB flate bomb as page content (500 MB inflated)", message: /decompresses to more than 64 MB/, file: () => onePage(stream("/Filter /FlateDecode", flateBomb(500))) },
  {
    name: "a flate bomb in an object stream",
    message: /object stream decompresses to more than 64 MB/,
    file: () => buildPdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>", stream("/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode", flateBomb(200))]),
  },
];

/** Check that the bomb is a valid zlib stream (used by the tests once, on a small one). */
export function inflatesTo(buf: Buffer): number {
  return inflateSync(buf).length;
}

export interface CleanOptions {
  /** Page content (default: a 100 K box inside the trim). */
  content?: Body;
  resources?: string;
  /** Objects from 7 on. */
  more?: Body[];
  pageExtra?: string;
  catalogExtra?: string;
  /** Info dictionary entries replacing the defaults (a value of null drops the key). */
  info?: Record<string, string | null>;
  /** The OutputIntent dictionary's body (object 6). */
  intent?: string;
  version?: string;
}

/**
 * A small PDF that preflight passes as PDF/X-1a:2001: catalog 1, pages 2, page 3 (trim and
 * bleed), content 4, info 5, OutputIntent 6 (IFRA26, registered); objects from 7 on are the
 * test's. A test changes one thing and expects exactly one finding.
 */
export function cleanPdf(o: CleanOptions = {}): Buffer {
  const info: Record<string, string | null> = {
    Title: "(clean)",
    CreationDate: "(D:20241127000000Z)",
    ModDate: "(D:20241127000000Z)",
    Trapped: "/False",
    GTS_PDFXVersion: "(PDF/X-1:2001)",
    GTS_PDFXConformance: "(PDF/X-1a:2001)",
    ...o.info,
  };
  const infoBody = `<< ${Object.entries(info)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `/${k} ${v}`)
    .join(" ")} >>`;
  const content = o.content ?? "0 0 0 1 k 50 50 40 40 re f";
  return buildPdf(
    [
      `<< /Type /Catalog /Pages 2 0 R /OutputIntents [6 0 R] ${o.catalogExtra ?? ""} >>`,
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 220 220] /BleedBox [7 7 213 213] /TrimBox [10 10 210 210] /Resources ${o.resources ?? "<< >>"} /Contents 4 0 R ${o.pageExtra ?? ""} >>`,
      typeof content === "string" ? stream("", content) : content,
      infoBody,
      o.intent ?? "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (IFRA26) /RegistryName (http://www.color.org) >>",
      ...(o.more ?? []),
    ],
    { version: o.version ?? "1.3", trailer: "/Root 1 0 R /Info 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]" },
  );
}

/** A 128-byte ICC profile header (and an empty tag table) of a device class and colour space. */
export function iccHeader(deviceClass: string, space: string, version = 0x02100000): Buffer {
  const b = Buffer.alloc(132);
  b.writeUInt32BE(132, 0);
  b.write("lcms", 4, "latin1");
  b.writeUInt32BE(version, 8);
  b.write(deviceClass.padEnd(4), 12, "latin1");
  b.write(space.padEnd(4), 16, "latin1");
  b.write("Lab ", 20, "latin1");
  b.write("acsp", 36, "latin1");
  return b;
}

/** LZW-encode bytes as PDF's LZWDecode reads them (EarlyChange 1). */
export function lzwEncode(data: Buffer): Buffer {
  const out: number[] = [];
  let bits = 0;
  let nbits = 0;
  let width = 9;
  const emit = (code: number) => {
    bits = (bits << width) | code;
    nbits += width;
    while (nbits >= 8) {
      out.push((bits >> (nbits - 8)) & 0xff);
      nbits -= 8;
    }
    bits &= (1 << nbits) - 1;
  };
  let dict = new Map<string, number>();
  let next = 258;
  const reset = () => {
    dict = new Map();
    for (let i = 0; i < 256; i++) dict.set(String.fromCharCode(i), i);
    next = 258;
    width = 9;
  };
  reset();
  emit(256);
  let w = "";
  for (const byte of data) {
    const c = String.fromCharCode(byte);
    if (dict.has(w + c)) {
      w += c;
      continue;
    }
    emit(dict.get(w)!);
    dict.set(w + c, next++);
    if (next + 1 > 1 << width) width++;
    if (next >= 4094) {
      emit(256);
      reset();
    }
    w = c;
  }
  if (w) emit(dict.get(w)!);
  emit(257);
  if (nbits > 0) out.push((bits << (8 - nbits)) & 0xff);
  return Buffer.from(out);
}
