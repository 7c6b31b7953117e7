/**
 * Small typed helpers over pdf-lib's object model: resolve, read numbers, names, strings,
 * boxes, and decode streams.
 *
 * Why pdf-lib: preflight must walk the object graph of ANY PDF (catalog, info, page tree with
 * inherited attributes, resources, font descriptors, image dictionaries) and see raw values —
 * colour-space names, filters, /Decode arrays, which keys exist. pdf-lib exposes exactly that,
 * with stream decoding, in pure JS. pdfjs-dist answers "what does it look like" instead: its
 * operator list converts colours to RGB, so it cannot tell DeviceCMYK from DeviceRGB; we read
 * content streams with our own small interpreter (content-scan.ts).
 */
import { inflateSync, constants as zlibConstants } from "node:zlib";
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFObject,
} from "pdf-lib";

export function resolve(ctx: PDFContext, o: PDFObject | undefined): PDFObject | undefined {
  let v = o;
  for (let i = 0; i < 32 && v instanceof PDFRef; i++) v = ctx.lookup(v);
  return v;
}

export function get(ctx: PDFContext, dict: PDFDict | undefined, key: string): PDFObject | undefined {
  return dict ? resolve(ctx, dict.get(PDFName.of(key))) : undefined;
}

export function dictAt(ctx: PDFContext, dict: PDFDict | undefined, key: string): PDFDict | undefined {
  const v = get(ctx, dict, key);
  if (v instanceof PDFDict) return v;
  if (v instanceof PDFStream) return v.dict;
  return undefined;
}

export function nameOf(o: PDFObject | undefined): string | undefined {
  return o instanceof PDFName ? o.decodeText() : undefined;
}

export function nameAt(ctx: PDFContext, dict: PDFDict | undefined, key: string): string | undefined {
  return nameOf(get(ctx, dict, key));
}

export function numberOf(o: PDFObject | undefined): number | undefined {
  return o instanceof PDFNumber ? o.asNumber() : undefined;
}

export function numberAt(ctx: PDFContext, dict: PDFDict | undefined, key: string): number | undefined {
  return numberOf(get(ctx, dict, key));
}

export function textOf(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return undefined;
}

export function arrayOf(ctx: PDFContext, o: PDFObject | undefined): PDFObject[] {
  const v = resolve(ctx, o);
  return v instanceof PDFArray ? v.asArray().map((x) => resolve(ctx, x)!) : [];
}

export function numbersOf(ctx: PDFContext, o: PDFObject | undefined): number[] {
  return arrayOf(ctx, o)
    .map(numberOf)
    .filter((n): n is number => n !== undefined);
}

/** A rectangle normalised to [x0, y0, x1, y1] with x0 ≤ x1, y0 ≤ y1. */
export function rectOf(ctx: PDFContext, o: PDFObject | undefined): [number, number, number, number] | undefined {
  const n = numbersOf(ctx, o);
  if (n.length !== 4) return undefined;
  return [Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)];
}

/**
 * A limit of the reader (decoded size, nesting, work) that a hostile or damaged PDF ran into:
 * preflight turns it into one line naming the file.
 */
export class PdfLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PdfLimitError";
  }
}

/** The largest decoded stream preflight reads (page content, forms, fonts, profiles; images have their own). */
const MAX_STREAM_BYTES = 64 << 20;

const MB = (n: number) => `${Math.round(n / (1 << 20))} MB`;

/** Filters this reader decodes itself, bounded; the others (DCT, JPX, JBIG2, CCITT) stay encoded. */
const DECODERS: Record<string, (data: Uint8Array, limit: number) => Uint8Array> = {
  FlateDecode: inflateBounded,
  Fl: inflateBounded,
  LZWDecode: lzwDecode,
  LZW: lzwDecode,
  ASCIIHexDecode: asciiHexDecode,
  AHx: asciiHexDecode,
  ASCII85Decode: ascii85Decode,
  A85: ascii85Decode,
  RunLengthDecode: runLengthDecode,
  RL: runLengthDecode,
};

function tooLarge(limit: number): PdfLimitError {
  return new PdfLimitError(`a stream decompresses to more than ${MB(limit)}`);
}

function inflateBounded(data: Uint8Array, limit: number): Uint8Array {
  // Z_SYNC_FLUSH as the final flush: a truncated stream gives what it holds (as readers do).
  const opts = { maxOutputLength: limit, finishFlush: zlibConstants.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, opts);
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw tooLarge(limit);
    throw err;
  }
}

/** A growable byte buffer with a hard limit. */
class Out {
  buf: Uint8Array;
  length = 0;
  constructor(private readonly limit: number, hint = 1024) {
    this.buf = new Uint8Array(Math.min(Math.max(hint, 64), limit + 1));
  }
  private grow(need: number): void {
    if (need > this.limit) throw tooLarge(this.limit);
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(Math.min(size, this.limit + 1));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }
  push(b: number): void {
    if (this.length >= this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = b;
  }
  pushRange(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    if (this.length + n > this.buf.length) this.grow(this.length + n);
    this.buf.set(src.subarray(start, end), this.length);
    this.length += n;
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

function lzwDecode(data: Uint8Array, limit: number, earlyChange = 1): Uint8Array {
  const out = new Out(limit, data.length * 3);
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const lengths = new Int32Array(4096);
  const stack = new Uint8Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    lengths[i] = 1;
  }
  let next = 258;
  let width = 9;
  let previous = -1;
  let bits = 0;
  let nbits = 0;
  for (let i = 0; i < data.length || nbits >= width; ) {
    while (nbits < width && i < data.length) {
      bits = ((bits << 8) | data[i++]!) & 0xffffff;
      nbits += 8;
    }
    if (nbits < width) break;
    const code = (bits >> (nbits - width)) & ((1 << width) - 1);
    nbits -= width;
    if (code === 256) {
      next = 258;
      width = 9;
      previous = -1;
      continue;
    }
    if (code === 257) break;
    let first: number;
    const emit = (c: number): number => {
      let n = 0;
      for (let k = c; k >= 0 && n < 4096; k = prefix[k]!) stack[n++] = suffix[k]!;
      for (let j = n - 1; j >= 0; j--) out.push(stack[j]!);
      return stack[n - 1]!;
    };
    if (code < next && (code < 256 || lengths[code]! > 0)) first = emit(code);
    else if (code === next && previous >= 0) {
      const f = emit(previous);
      out.push(f);
      first = f;
    } else break; // damaged: stop with what was read
    if (previous >= 0 && next < 4096) {
      prefix[next] = previous;
      suffix[next] = first;
      lengths[next] = lengths[previous]! + 1;
      next++;
    }
    previous = code;
    if (next + earlyChange >= 1 << width && width < 12) width++;
  }
  return out.done();
}

function asciiHexDecode(data: Uint8Array, limit: number): Uint8Array {
  const out = new Out(limit, data.length / 2);
  let high = -1;
  for (const c of data) {
    if (c === 0x3e) break;
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out.push((high << 4) | v);
      high = -1;
    }
  }
  if (high >= 0) out.push(high << 4);
  return out.done();
}

function ascii85Decode(data: Uint8Array, limit: number): Uint8Array {
  const out = new Out(limit, data.length);
  let group = 0;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const c = data[i]!;
    if (c === 0x7e) break; // ~>
    if (c === 0x7a && n === 0) {
      for (let k = 0; k < 4; k++) out.push(0);
      continue;
    }
    if (c < 0x21 || c > 0x75) continue;
    group = group * 85 + (c - 0x21);
    if (++n === 5) {
      for (let k = 3; k >= 0; k--) out.push((group >>> (k * 8)) & 0xff);
      group = 0;
      n = 0;
    }
  }
  if (n > 1) {
    for (let k = n; k < 5; k++) group = group * 85 + 84;
    for (let k = 3; k > 4 - n; k--) out.push((group >>> (k * 8)) & 0xff);
  }
  return out.done();
}

function runLengthDecode(data: Uint8Array, limit: number): Uint8Array {
  const out = new Out(limit, data.length * 2);
  for (let i = 0; i < data.length; ) {
    const n = data[i++]!;
    if (n === 128) break;
    if (n < 128) {
      out.pushRange(data, i, Math.min(data.length, i + n + 1));
      i += n + 1;
    } else {
      const b = data[i++] ?? 0;
      for (let k = 0; k < 257 - n; k++) out.push(b);
    }
  }
  return out.done();
}

/** Undo a PNG (≥ 10) or TIFF (2) predictor (DecodeParms). */
function unpredict(data: Uint8Array, predictor: number, colors: number, bpc: number, columns: number, limit: number): Uint8Array {
  if (predictor < 2) return data;
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  if (rowBytes <= 0) return data;
  if (predictor === 2) {
    if (bpc !== 8) return data; // TIFF predictor at other depths: rare; left as is
    const out = Uint8Array.from(data);
    for (let row = 0; row * rowBytes < out.length; row++) {
      const start = row * rowBytes;
      for (let i = start + bpp; i < Math.min(start + rowBytes, out.length); i++) out[i] = (out[i]! + out[i - bpp]!) & 0xff;
    }
    return out;
  }
  const rows = Math.floor(data.length / (rowBytes + 1));
  if (rows * rowBytes > limit) throw tooLarge(limit);
  const out = new Uint8Array(rows * rowBytes);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowBytes + 1)]!;
    const src = r * (rowBytes + 1) + 1;
    const dst = r * rowBytes;
    const up = (i: number) => (r > 0 ? out[dst - rowBytes + i]! : 0);
    for (let i = 0; i < rowBytes; i++) {
      const x = data[src + i]!;
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      let v: number;
      if (type === 0) v = x;
      else if (type === 1) v = x + left;
      else if (type === 2) v = x + up(i);
      else if (type === 3) v = x + ((left + up(i)) >> 1);
      else if (type === 4) {
        const a = left;
        const b = up(i);
        const c = i >= bpp && r > 0 ? out[dst - rowBytes + i - bpp]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else v = x;
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/** The decode parameters of the i-th filter of a stream. */
function decodeParms(ctx: PDFContext, dict: PDFDict, i: number, count: number): PDFDict | undefined {
  const p = get(ctx, dict, "DecodeParms") ?? get(ctx, dict, "DP");
  if (p instanceof PDFDict) return count === 1 || i === 0 ? p : undefined;
  const entry = arrayOf(ctx, p)[i];
  return entry instanceof PDFDict ? entry : undefined;
}

export interface Decoded {
  bytes: Uint8Array;
  /** Filters left undone (DCTDecode, JPXDecode, …), in order. */
  remaining: string[];
}

/**
 * Decode a stream through the filters this reader knows, never past `limit` bytes; stops at
 * the first filter it does not know (DCTDecode and the like) and says which are left.
 */
export function decodeStream(ctx: PDFContext, stream: PDFObject | undefined, limit = MAX_STREAM_BYTES): Decoded | null {
  if (!(stream instanceof PDFRawStream)) return null;
  const filters = filtersOf(ctx, stream.dict);
  let bytes: Uint8Array = stream.contents;
  for (let i = 0; i < filters.length; i++) {
    const f = filters[i]!;
    const decoder = DECODERS[f];
    if (!decoder) return { bytes, remaining: filters.slice(i) };
    const parms = decodeParms(ctx, stream.dict, i, filters.length);
    const early = numberAt(ctx, parms, "EarlyChange");
    bytes = f.startsWith("LZW") && early === 0 ? lzwDecode(bytes, limit, 0) : decoder(bytes, limit);
    const predictor = numberAt(ctx, parms, "Predictor") ?? 1;
    if (predictor > 1 && (f === "FlateDecode" || f === "Fl" || f.startsWith("LZW"))) {
      bytes = unpredict(bytes, predictor, numberAt(ctx, parms, "Colors") ?? 1, numberAt(ctx, parms, "BitsPerComponent") ?? 8, numberAt(ctx, parms, "Columns") ?? 1, limit);
    }
  }
  return { bytes, remaining: [] };
}

/** Decoded bytes of a stream, or null when a filter is not one this reader decodes (e.g. DCT) or it is damaged. */
export function streamBytes(ctx: PDFContext, stream: PDFObject | undefined, limit = MAX_STREAM_BYTES): Uint8Array | null {
  try {
    const d = decodeStream(ctx, stream, limit);
    return d && d.remaining.length === 0 ? d.bytes : null;
  } catch (err) {
    if (err instanceof PdfLimitError) throw err;
    return null;
  }
}

/** The filters of a stream, as names. */
export function filtersOf(ctx: PDFContext, dict: PDFDict): string[] {
  const f = get(ctx, dict, "Filter");
  if (f instanceof PDFName) return [f.decodeText()];
  return arrayOf(ctx, f)
    .map(nameOf)
    .filter((x): x is string => !!x);
}
