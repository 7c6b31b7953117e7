/**
 * Ink: what each plate gets from images, shadings and overprinted build-ups.
 *
 * Images are decoded from their samples (1, 2, 4, 8 or 16 bits; any Decode array; Indexed,
 * Separation and DeviceN through their spaces; Flate/LZW with PNG or TIFF predictors; JPEG
 * through libjpeg) and measured as 3×3-pixel cell means (a screen does not print one JPEG
 * pixel). Shadings are measured from their functions: exactly for exponential (type 2) and
 * sampled (type 0) functions, whose extremes lie at the samples or ends; conservatively (from
 * /Range or /Decode, the most the colour may be) for PostScript calculator functions and
 * meshes without a function.
 */
import sharp from "sharp";
import { PDFArray, PDFDict, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { jpegFrame } from "../common/image-header.js";
import type { Box } from "./content-scan.js";
import { totalInk, type Ink, type InkSpace } from "./colour.js";
import { PdfLimitError, arrayOf, decodeStream, get, numberAt, numbersOf, resolve, streamBytes } from "./pdf-objects.js";

/** The most pixels preflight measures in one image (a 300 ppi broadsheet page is ~45 M). */
const MAX_IMAGE_PIXELS = 120_000_000;
/** The most decoded image data preflight reads for one image. */
const MAX_IMAGE_BYTES = 512 << 20;

/** Per-plate means over 3×3-pixel cells of an image, for its total and for build-ups over parts of it. */
export interface ImageInk {
  /** Highest total ink of a cell, percent. */
  max: number;
  cellsX: number;
  cellsY: number;
  /** Plates (registry index) the image inks, and each cell's value per plate (cell-major). */
  plates: number[];
  cells: Float32Array;
}

const CELL = 3;

/** Accumulates per-plate sums over 3×3 cells, row by row. */
class CellGrid {
  readonly cellsX: number;
  readonly cellsY: number;
  readonly sums: Float32Array;
  readonly counts: Uint16Array;
  plates: number[] = [];
  constructor(
    readonly width: number,
    readonly height: number,
    readonly maxPlates: number,
  ) {
    this.cellsX = Math.ceil(width / CELL);
    this.cellsY = Math.ceil(height / CELL);
    this.sums = new Float32Array(this.cellsX * this.cellsY * maxPlates);
    this.counts = new Uint16Array(this.cellsX * this.cellsY);
  }
  add(x: number, y: number, ink: Ink): void {
    const c = Math.floor(y / CELL) * this.cellsX + Math.floor(x / CELL);
    this.counts[c]!++;
    const base = c * this.maxPlates;
    for (let p = 0; p < ink.length && p < this.maxPlates; p++) if (ink[p]) this.sums[base + p]! += ink[p]!;
  }
  /** 8-bit interleaved samples of process plates (flip: ink = 1 − sample). */
  addSamples(data: Uint8Array, width: number, height: number, n: number, plates: number[], flip: boolean): void {
    const stride = this.maxPlates;
    for (let y = 0; y < height; y++) {
      const rowCell = Math.floor(y / CELL) * this.cellsX;
      for (let x = 0; x < width; x++) {
        const c = rowCell + Math.floor(x / CELL);
        this.counts[c]!++;
        const at = (y * width + x) * n;
        const base = c * stride;
        for (let k = 0; k < n; k++) {
          const v = data[at + k]!;
          this.sums[base + plates[k]!]! += (flip ? 255 - v : v) / 255;
        }
      }
    }
  }
  finish(): ImageInk {
    let max = 0;
    const n = this.maxPlates;
    for (let c = 0; c < this.counts.length; c++) {
      const count = this.counts[c]!;
      if (!count) continue;
      let sum = 0;
      for (let p = 0; p < n; p++) {
        const v = this.sums[c * n + p]! / count;
        this.sums[c * n + p] = v;
        sum += v;
      }
      if (sum > max) max = sum;
    }
    return { max: max * 100, cellsX: this.cellsX, cellsY: this.cellsY, plates: [...Array(n).keys()], cells: this.sums };
  }
}

export interface ImageSource {
  ref: string;
  width: number;
  height: number;
  bitsPerComponent: number;
  space: InkSpace;
  decode: number[];
  plateCount: number;
}

/** Ink of one image XObject; undefined when its space is not a print space or its filter is not one preflight reads. */
export async function imageInk(ctx: PDFContext, stream: PDFStream, src: ImageSource): Promise<ImageInk | undefined> {
  const { width, height, space } = src;
  if (!space.ink || width <= 0 || height <= 0) return undefined;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new PdfLimitError(`image ${src.ref} declares ${width} × ${height} pixels, more than preflight measures (${MAX_IMAGE_PIXELS / 1e6} M)`);
  }
  const bpc = src.bitsPerComponent;
  const n = space.n;
  const rowBytes = Math.ceil((width * n * bpc) / 8);
  const expected = rowBytes * height;
  if (expected > MAX_IMAGE_BYTES) throw new PdfLimitError(`image ${src.ref} declares ${expected >> 20} MB of samples, more than preflight reads (${MAX_IMAGE_BYTES >> 20} MB)`);
  const decoded = decodeStream(ctx, stream, expected + 4096);
  if (!decoded) return undefined;
  if (decoded.remaining.length === 0) {
    if (decoded.bytes.length < expected) {
      throw new PdfLimitError(`image ${src.ref} declares ${width} × ${height} pixels (${expected} bytes) but holds ${decoded.bytes.length} bytes: damaged`);
    }
    return fromSamples(decoded.bytes, src, rowBytes);
  }
  if (decoded.remaining.length === 1 && decoded.remaining[0] === "DCTDecode") return fromJpeg(Buffer.from(decoded.bytes), src);
  return undefined;
}

function fromSamples(bytes: Uint8Array, src: ImageSource, rowBytes: number): ImageInk {
  const { width, height, space } = src;
  const n = space.n;
  const bpc = src.bitsPerComponent;
  const maxSample = (1 << bpc) - 1;
  const grid = new CellGrid(width, height, src.plateCount);
  const decode = src.decode.length >= 2 * n ? src.decode : [];
  const dmin: number[] = [];
  const dscale: number[] = [];
  for (let k = 0; k < n; k++) {
    const lo = decode.length ? decode[2 * k]! : 0;
    const hi = decode.length ? decode[2 * k + 1]! : space.indexed ? maxSample : 1;
    dmin.push(lo);
    dscale.push((hi - lo) / maxSample);
  }
  if (bpc === 8 && (space.family === "DeviceCMYK" || space.family === "DeviceGray") && !decode.length && rowBytes === width * n) {
    grid.addSamples(bytes, width, height, n, n === 4 ? [0, 1, 2, 3] : [3], n === 1);
    return grid.finish();
  }
  if (bpc === 8 && space.family === "DeviceCMYK" && decode.length === 8 && decode[0] === 1 && decode[1] === 0 && decode[2] === 1 && decode[6] === 1 && rowBytes === width * n) {
    grid.addSamples(bytes, width, height, n, [0, 1, 2, 3], true);
    return grid.finish();
  }
  const comps = new Array<number>(n).fill(0);
  // A colour of 8-bit samples repeats a lot (flat areas): cache ink per sample tuple for 1-component spaces.
  const cache = n === 1 && bpc <= 8 ? new Map<number, Ink>() : undefined;
  for (let y = 0; y < height; y++) {
    const row = y * rowBytes;
    for (let x = 0; x < width; x++) {
      let key = 0;
      for (let k = 0; k < n; k++) {
        const i = x * n + k;
        let s: number;
        if (bpc === 8) s = bytes[row + i]!;
        else if (bpc === 16) s = (bytes[row + 2 * i]! << 8) | bytes[row + 2 * i + 1]!;
        else {
          const bit = i * bpc;
          s = (bytes[row + (bit >> 3)]! >> (8 - bpc - (bit & 7))) & maxSample;
        }
        key = s;
        comps[k] = dmin[k]! + s * dscale[k]!;
      }
      let ink: Ink;
      if (cache) {
        ink = cache.get(key) ?? space.ink!(comps);
        cache.set(key, ink);
      } else ink = space.ink!(comps);
      grid.add(x, y, ink);
    }
  }
  return grid.finish();
}

async function fromJpeg(jpeg: Buffer, src: ImageSource): Promise<ImageInk | undefined> {
  // libjpeg hands Adobe CMYK JPEGs back as stored (inverted); the PDF /Decode then says how
  // to read them. Adobe's APP14 segment, not the word anywhere (XMP packets say "Adobe XMP Core").
  const adobe = jpegFrame(jpeg)?.adobe ?? false;
  const { data, info } = await sharp(jpeg, { ignoreIcc: true, limitInputPixels: MAX_IMAGE_PIXELS })
    .pipelineColourspace(src.space.n === 4 ? "cmyk" : "b-w")
    .toColourspace(src.space.n === 4 ? "cmyk" : "b-w")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const n = src.space.n;
  if (info.channels !== n || (n !== 4 && n !== 1)) return undefined;
  const decodeInverted = src.decode.length >= 2 && src.decode[0]! > src.decode[1]!;
  const inverted = n === 4 && (decodeInverted ? !adobe : adobe);
  const grid = new CellGrid(info.width, info.height, src.plateCount);
  if (src.space.family === "DeviceCMYK" || src.space.family === "DeviceGray") {
    // Process colour straight into the cells: no per-pixel objects.
    const plates = n === 4 ? [0, 1, 2, 3] : [3];
    const flip = n === 4 ? inverted : !decodeInverted;
    grid.addSamples(data, info.width, info.height, n, plates, flip);
    return grid.finish();
  }
  const comps = new Array<number>(n).fill(0);
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const at = (y * info.width + x) * n;
      for (let k = 0; k < n; k++) {
        const v = data[at + k]! / 255;
        comps[k] = inverted ? 1 - v : n === 1 && decodeInverted ? 1 - v : v;
      }
      grid.add(x, y, src.space.ink!(comps));
    }
  }
  return grid.finish();
}

/** The most each plate gets from an image over the part of it under `box` (image space mapped by `inverse`). */
export function imageInkUnder(ink: ImageInk, u0: number, v0: number, u1: number, v1: number): Ink {
  // u, v in 0…1 image space (v = 0 at the bottom, the image's last row).
  const cx0 = Math.max(0, Math.floor(Math.min(u0, u1) * ink.cellsX));
  const cx1 = Math.min(ink.cellsX - 1, Math.floor(Math.max(u0, u1) * ink.cellsX));
  const cy0 = Math.max(0, Math.floor((1 - Math.max(v0, v1)) * ink.cellsY));
  const cy1 = Math.min(ink.cellsY - 1, Math.floor((1 - Math.min(v0, v1)) * ink.cellsY));
  const n = ink.plates.length;
  const out: Ink = new Array(n).fill(0);
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const base = (cy * ink.cellsX + cx) * n;
      for (let p = 0; p < n; p++) if (ink.cells[base + p]! > out[p]!) out[p] = ink.cells[base + p]!;
    }
  }
  return out;
}

/**
 * The colours a function of one input can give, as candidate component vectors whose per-
 * component maxima bound the function: exact for types 2 and 0 (linear interpolation), the
 * union of the parts for type 3, /Range for type 4.
 */
function functionExtremes(ctx: PDFContext, fn: PDFObject | undefined, depth = 0): number[][] | undefined {
  const f = resolve(ctx, fn);
  if (f instanceof PDFArray) {
    // One function per component: the per-component maxima of each.
    const parts = arrayOf(ctx, f).map((g) => functionExtremes(ctx, g, depth + 1));
    if (parts.some((p) => !p)) return undefined;
    return [parts.map((p) => Math.max(...p!.map((c) => c[0] ?? 0)))];
  }
  const dict = f instanceof PDFStream ? f.dict : f instanceof PDFDict ? f : undefined;
  if (!dict || depth > 8) return undefined;
  const type = numberAt(ctx, dict, "FunctionType");
  const range = numbersOf(ctx, get(ctx, dict, "Range"));
  const clampToRange = (c: number[]) => (range.length >= 2 * c.length ? c.map((v, i) => Math.max(range[2 * i]!, Math.min(range[2 * i + 1]!, v))) : c);
  if (type === 2) {
    const c0 = numbersOf(ctx, get(ctx, dict, "C0"));
    const c1 = numbersOf(ctx, get(ctx, dict, "C1"));
    return [clampToRange(c0.length ? c0 : [0]), clampToRange(c1.length ? c1 : [1])];
  }
  if (type === 3) {
    const out: number[][] = [];
    for (const g of arrayOf(ctx, get(ctx, dict, "Functions"))) {
      const e = functionExtremes(ctx, g, depth + 1);
      if (!e) return undefined;
      out.push(...e.map(clampToRange));
    }
    return out;
  }
  if (type === 0 && f instanceof PDFStream) {
    const size = numbersOf(ctx, get(ctx, dict, "Size"));
    const bps = numberAt(ctx, dict, "BitsPerSample") ?? 8;
    const outputs = range.length / 2;
    if (!outputs || ![1, 2, 4, 8, 12, 16, 24, 32].includes(bps)) return undefined;
    const samples = size.reduce((a, b) => a * Math.max(1, b), 1);
    if (samples * outputs > 1 << 20) return undefined;
    const bytes = streamBytes(ctx, f, 1 << 24);
    if (!bytes) return undefined;
    const decode = numbersOf(ctx, get(ctx, dict, "Decode"));
    const dec = decode.length >= 2 * outputs ? decode : range;
    const maxS = 2 ** bps - 1;
    const out: number[][] = [];
    let bit = 0;
    for (let s = 0; s < samples; s++) {
      const c: number[] = [];
      for (let k = 0; k < outputs; k++) {
        let v = 0;
        for (let b = 0; b < bps; b++, bit++) v = v * 2 + ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
        c.push(dec[2 * k]! + (v * (dec[2 * k + 1]! - dec[2 * k]!)) / maxS);
      }
      out.push(clampToRange(c));
    }
    return out;
  }
  if (type === 4 && range.length >= 2) {
    // PostScript calculator: not evaluated; the most /Range allows.
    const c: number[] = [];
    for (let i = 0; i < range.length / 2; i++) c.push(range[2 * i + 1]!);
    return [c];
  }
  return undefined;
}

/** Ink candidates of a shading: each is a colour it can paint (per plate), bounding what it puts down. */
export function shadingInks(ctx: PDFContext, shading: PDFDict, space: InkSpace): { inks: Ink[]; exact: boolean } | undefined {
  if (!space.ink) return undefined;
  const type = numberAt(ctx, shading, "ShadingType") ?? 0;
  const fn = get(ctx, shading, "Function");
  let comps: number[][] | undefined;
  let exact = true;
  if (fn) {
    comps = functionExtremes(ctx, fn);
    const f = resolve(ctx, fn);
    const ft = f instanceof PDFStream || f instanceof PDFDict ? numberAt(ctx, f instanceof PDFStream ? f.dict : f, "FunctionType") : undefined;
    if (ft === 4 || f instanceof PDFArray) exact = false;
  } else if (type >= 4) {
    // A mesh's vertex colours: at most the top of /Decode's range for each component.
    const decode = numbersOf(ctx, get(ctx, shading, "Decode"));
    const c: number[] = [];
    for (let i = 2; i + 1 < decode.length; i += 2) c.push(decode[i + 1]!);
    if (c.length) comps = [c];
    exact = false;
  }
  if (!comps) return undefined;
  const bg = numbersOf(ctx, get(ctx, shading, "Background"));
  if (bg.length) comps.push(bg);
  // Separation/DeviceN tints map through each colourant; gray inverts: evaluate the candidates,
  // and for a gray space also the opposite end (0 gray is full black).
  const inks = comps.map((c) => space.ink!(c));
  return { inks, exact };
}

/** The per-plate maximum of some inks. */
export function platewiseMax(inks: Ink[]): Ink {
  const out: Ink = [];
  for (const ink of inks) for (let i = 0; i < ink.length; i++) out[i] = Math.max(out[i] ?? 0, ink[i] ?? 0);
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
}

export const maxTotal = (inks: Ink[]): number => Math.max(0, ...inks.map(totalInk)) * 100;

/** A painted area for build-ups: what it puts on each plate, at most, inside `box`. */
export interface Paint {
  box: Box;
  /** Ink per plate (a flat colour), or per plate under a given box (an image). */
  ink: Ink | ((box: Box) => Ink);
  overprint: boolean;
  /** The painting keeps the plates it leaves at zero (overprint with OPM 1 in DeviceCMYK, or gray as K only). */
  keepsZeroPlates: boolean;
  /** Plates the colour space names (all four process plates for DeviceCMYK and gray; the colourants for Separation/DeviceN). */
  platesNamed: number[];
  what: string;
}

/**
 * Overprinted build-ups on one page: for each overprinting paint, what the plates get where it
 * lies over what was painted before (the per-plate maximum of everything earlier under it —
 * conservative: it ignores knockouts between them).
 */
export class BuildUps {
  private readonly cell = 36;
  private readonly grid = new Map<number, number[]>();
  /** Per cell, the most each plate has got there so far: most paints need no closer look. */
  private readonly cellMax = new Map<number, number[]>();
  private readonly paints: Paint[] = [];
  constructor(
    private readonly bounds: Box,
    /** Build-ups at or under this total (0…1 per plate, summed) are not looked at closely. */
    private readonly limit = 0,
  ) {}

  /** The most a paint over these cells could make, from the cells' plate maxima. */
  private bound(p: Paint, own: Ink, keys: number[]): number {
    let worst = 0;
    for (const k of keys) {
      const under = this.cellMax.get(k);
      if (!under) continue;
      let total = 0;
      const n = Math.max(own.length, under.length);
      for (let plate = 0; plate < n; plate++) {
        const mine = own[plate] ?? 0;
        const keep = !p.platesNamed.includes(plate) || (p.keepsZeroPlates && mine === 0);
        total += keep ? Math.max(mine, under[plate] ?? 0) : mine;
      }
      if (total > worst) worst = total;
    }
    return worst;
  }

  private keys(b: Box): number[] {
    const c = this.cell;
    const x0 = Math.floor(Math.max(b.x0, this.bounds.x0) / c);
    const x1 = Math.floor(Math.min(b.x1, this.bounds.x1) / c);
    const y0 = Math.floor(Math.max(b.y0, this.bounds.y0) / c);
    const y1 = Math.floor(Math.min(b.y1, this.bounds.y1) / c);
    const out: number[] = [];
    for (let y = y0; y <= y1 && out.length < 20_000; y++) for (let x = x0; x <= x1; x++) out.push(y * 100_000 + x);
    return out;
  }

  /** Add a paint; when it overprints, the highest build-up it makes (percent) and where. */
  add(p: Paint): { ink: number; box: Box; under: string } | undefined {
    const keys = this.keys(p.box);
    let result: { ink: number; box: Box; under: string } | undefined;
    const flat = typeof p.ink === "function" ? undefined : p.ink;
    if (p.overprint && (!flat || this.bound(p, flat, keys) * 100 > this.limit)) {
      const seen = new Set<number>();
      for (const k of keys) {
        for (const i of this.grid.get(k) ?? []) {
          if (seen.has(i)) continue;
          seen.add(i);
          const q = this.paints[i]!;
          const overlap = intersection(p.box, q.box);
          if (!overlap) continue;
          const own = typeof p.ink === "function" ? p.ink(overlap) : p.ink;
          const under = typeof q.ink === "function" ? q.ink(overlap) : q.ink;
          let total = 0;
          const n = Math.max(own.length, under.length);
          for (let plate = 0; plate < n; plate++) {
            const mine = own[plate] ?? 0;
            const named = p.platesNamed.includes(plate);
            const keep = !named || (p.keepsZeroPlates && mine === 0);
            total += keep ? Math.max(mine, under[plate] ?? 0) : mine;
          }
          if (!result || total * 100 > result.ink) result = { ink: total * 100, box: overlap, under: q.what };
        }
      }
    }
    const index = this.paints.length;
    this.paints.push(p);
    const most = typeof p.ink === "function" ? p.ink(p.box) : p.ink;
    for (const k of keys) {
      const m = this.cellMax.get(k);
      if (!m) this.cellMax.set(k, [...most]);
      else for (let i = 0; i < most.length; i++) if ((most[i] ?? 0) > (m[i] ?? 0)) m[i] = most[i]!;
      const list = this.grid.get(k);
      if (list) list.push(index);
      else this.grid.set(k, [index]);
    }
    return result;
  }
}

function intersection(a: Box, b: Box): Box | undefined {
  const x0 = Math.max(a.x0, b.x0);
  const y0 = Math.max(a.y0, b.y0);
  const x1 = Math.min(a.x1, b.x1);
  const y1 = Math.min(a.y1, b.y1);
  // Touching edges are no overlap (a rule's edge on a photo's edge).
  return x1 - x0 > 0.01 && y1 - y0 > 0.01 ? { x0, y0, x1, y1 } : undefined;
}

