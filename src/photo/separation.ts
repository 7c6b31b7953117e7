/**
 * Colour separation of a photo's sRGB pixels to the press's CMYK through the output profile,
 * as a lookup table.
 *
 * sharp (libvips with Little CMS) converts through the profile in floating point for every
 * pixel: ~1 s for the seed page's 3.4-megapixel photo, the largest single cost of placing a
 * new photo. Here the same conversion is done once for a 65 × 65 × 65 grid of sRGB values
 * (sharp, the same profile, the same rendering intent), and each pixel is interpolated between
 * the four grid points of the tetrahedron around it, as colour-management engines do for
 * 8-bit transforms: ~90 ms for that photo. Grid colours come out exactly as sharp gives them;
 * between them, the seed photo's channels differ from the per-pixel conversion by 0.3 of 255
 * on average and 6 at most, and a 64-step cube of all colours by 0.2 on average and 11 at
 * most (tests/photo/separation.test.ts) — far below what JPEG and the press do to a dot.
 *
 * The table (1.1 MB) is made once per profile per process, and kept in the processed-image
 * cache folder so a new process reads it instead of making it.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type sharpType from "sharp";
import { writeCacheFile } from "./cache-file.js";

/** Grid points per axis: 0, 255/64, …, 255. */
export const GRID = 65;
const NODES = GRID * GRID * GRID;
const TABLE_BYTES = NODES * 4;

/** The table for a profile: GRID³ CMYK entries, red slowest, blue fastest. */
export type SeparationTable = Uint8Array;

const made = new Map<string, Promise<SeparationTable>>();

/** The 8-bit value of each grid point along an axis. */
const NODE_VALUE = Array.from({ length: GRID }, (_, i) => Math.round((i * 255) / (GRID - 1)));

/** sRGB values of every grid point, in table order. */
function gridPixels(): Buffer {
  const rgb = Buffer.alloc(NODES * 3);
  let k = 0;
  for (let r = 0; r < GRID; r++) {
    for (let g = 0; g < GRID; g++) {
      for (let b = 0; b < GRID; b++) {
        rgb[k++] = NODE_VALUE[r]!;
        rgb[k++] = NODE_VALUE[g]!;
        rgb[k++] = NODE_VALUE[b]!;
      }
    }
  }
  return rgb;
}

/** A profile Little CMS (inside sharp) cannot separate with. */
export class UnusableProfileError extends Error {}

/** A path no profile is at: what sharp falls back to when a profile cannot be used. */
const NO_PROFILE = "/dev/null/no-profile.icc";

/**
 * sharp separates without any profile, and says nothing, when Little CMS cannot open the one
 * it was given (damaged tables): a profile whose separation of a few colours is that plain
 * conversion's is not being used.
 */
async function refuseFallback(sharp: typeof sharpType, profile: string): Promise<void> {
  const probe = Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 10, 10, 200, 180, 160, 128, 128, 128]);
  const through = (icc: string) =>
    sharp(probe, { raw: { width: probe.length / 3, height: 1, channels: 3 } })
      .toColourspace("cmyk")
      .withIccProfile(icc)
      .raw()
      .toBuffer();
  const [given, plain] = await Promise.all([through(profile), through(NO_PROFILE)]);
  if (given.equals(plain)) throw new UnusableProfileError("Little CMS cannot separate with this profile (damaged tables?)");
}

/** Convert the grid through the profile with sharp: the exact per-pixel conversion. */
async function convertGrid(sharp: typeof sharpType, profile: string): Promise<SeparationTable> {
  await refuseFallback(sharp, profile);
  let cmyk: Buffer;
  try {
    cmyk = await sharp(gridPixels(), { raw: { width: GRID * GRID, height: GRID, channels: 3 } })
      .toColourspace("cmyk")
      .withIccProfile(profile)
      .raw()
      .toBuffer();
  } catch (err) {
    throw new UnusableProfileError(`Little CMS cannot separate with this profile: ${(err as Error).message.split("\n")[0]}`);
  }
  if (cmyk.length !== TABLE_BYTES) throw new UnusableProfileError(`the separation grid came back with ${cmyk.length} bytes, not ${TABLE_BYTES}`);
  return new Uint8Array(cmyk.buffer, cmyk.byteOffset, cmyk.length);
}

async function readCached(file: string): Promise<SeparationTable | undefined> {
  try {
    const bytes = await readFile(file);
    return bytes.length === TABLE_BYTES ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The separation table for `profile` (its bytes' digest names it), from this process, the
 * cache folder, or made now.
 */
export function separationTable(sharp: typeof sharpType, profile: string, profileDigest: string, cacheDir: string, sharpVersion: string): Promise<SeparationTable> {
  const name = createHash("sha256").update(`${profileDigest} ${sharpVersion} ${GRID}`).digest("hex").slice(0, 24);
  let table = made.get(name);
  if (!table) {
    const file = join(cacheDir, `separation-${name}.bin`);
    table = readCached(file).then(async (cached) => {
      if (cached) return cached;
      const fresh = await convertGrid(sharp, profile);
      await writeCacheFile(file, fresh);
      return fresh;
    });
    table.catch(() => made.delete(name));
    made.set(name, table);
  }
  return table;
}

/**
 * Where each 8-bit value falls on the grid: the cell below it and the way into it (1/65536),
 * measured between the cell's two grid values, so a grid value itself is exactly its point.
 */
const CELL = new Int32Array(256);
const FRACTION = new Int32Array(256);
for (let v = 0, cell = 0; v < 256; v++) {
  while (cell < GRID - 2 && v >= NODE_VALUE[cell + 1]!) cell++;
  CELL[v] = cell;
  FRACTION[v] = Math.round(((v - NODE_VALUE[cell]!) / (NODE_VALUE[cell + 1]! - NODE_VALUE[cell]!)) * 65536);
}

/**
 * CMYK for every pixel of an 8-bit sRGB buffer (3 bytes a pixel), by tetrahedral
 * interpolation in the table: the cube around the colour is cut into six tetrahedra by the
 * order of the three fractions, and the colour is the weighted sum of its tetrahedron's corners.
 */
export function separatePixels(rgb: Uint8Array, table: SeparationTable): Uint8Array {
  const out = new Uint8Array((rgb.length / 3) * 4);
  const R = GRID * GRID * 4;
  const G = GRID * 4;
  const B = 4;
  for (let p = 0, q = 0; p + 2 < rgb.length; p += 3, q += 4) {
    const r = rgb[p]!;
    const g = rgb[p + 1]!;
    const b = rgb[p + 2]!;
    const fr = FRACTION[r]!;
    const fg = FRACTION[g]!;
    const fb = FRACTION[b]!;
    const c0 = CELL[r]! * R + CELL[g]! * G + CELL[b]! * B;
    // The tetrahedron: from the cell's low corner c0 along the axis of the largest fraction,
    // then the middle one, to the high corner c3. Rows: hi, mid, lo fractions and the two steps.
    let hi: number, mid: number, lo: number, first: number, second: number;
    if (fr >= fg) {
      if (fg >= fb) [hi, mid, lo, first, second] = [fr, fg, fb, R, G];
      else if (fr >= fb) [hi, mid, lo, first, second] = [fr, fb, fg, R, B];
      else [hi, mid, lo, first, second] = [fb, fr, fg, B, R];
    } else if (fb >= fg) [hi, mid, lo, first, second] = [fb, fg, fr, B, G];
    else if (fb >= fr) [hi, mid, lo, first, second] = [fg, fb, fr, G, B];
    else [hi, mid, lo, first, second] = [fg, fr, fb, G, R];
    const c1 = c0 + first;
    const c2 = c1 + second;
    const c3 = c0 + R + G + B;
    const w0 = 65536 - hi;
    const w1 = hi - mid;
    const w2 = mid - lo;
    for (let ch = 0; ch < 4; ch++) {
      out[q + ch] = (table[c0 + ch]! * w0 + table[c1 + ch]! * w1 + table[c2 + ch]! * w2 + table[c3 + ch]! * lo + 32768) >>> 16;
    }
  }
  return out;
}
