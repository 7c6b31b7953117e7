/**
 * Photos for the page: crop around the focal point (fill) or fit, resample to the output
 * resolution, separate to CMYK within the ink limit (print) or make a light sRGB JPEG (proof).
 * Results are cached on disk by a hash of the source bytes and every parameter.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Metadata } from "sharp";
import { loadSharp, sharpVersion } from "../common/sharp.js";
import { PRINT_MIN_PPI } from "../common/print.js";
import type { ImageItem } from "../display/types.js";
import type { Rect } from "../common/geometry.js";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import { cmykTiff } from "./tiff.js";
import { separatePixels, separationTable, UnusableProfileError } from "./separation.js";
import { writeCacheFile } from "./cache-file.js";
import { headerSize, jpegFrame, MAX_MEGAPIXELS } from "../common/image-header.js";



/** Bump when the processing changes, so old cache entries are not reused. */
const CACHE_VERSION = 5;
export const PRINT_MAX_PPI = 300;
export const PROOF_MAX_PPI = 100;
const PRINT_QUALITY = 90;
const PROOF_QUALITY = 72;
/** JPEG noise can lift a pixel's total ink a little; separate to this much below the limit. */
export const INK_HEADROOM = 4;

/** The CMYK separation profile shipped in assets/icc (see its LICENSE.md). */
export const CMYK_PROFILE = fileURLToPath(new URL("../../assets/icc/paiban-cmyk-tac240.icc", import.meta.url));

export interface PhotoRequest {
  item: ImageItem;
  mode: "print" | "proof";
  /** Total area coverage limit in percent. */
  inkLimit: number;
  cacheDir: string;
  /** The profile to separate with (print); default: the shipped one (CMYK_PROFILE). */
  profile?: SeparationProfile;
}

/** The profile photos are separated with: a file sharp reads, and the digest of its bytes. */
export interface SeparationProfile {
  /** The file sharp reads. */
  path: string;
  /** First 16 hex digits of the SHA-256 of its bytes: names the table and the cache entries. */
  digest: string;
  /** The file as the user gave it (messages). */
  file: string;
}

/** Where the image goes inside its frame, in pt relative to the frame's top-left. */
export type Placement = Rect;

export interface PreparedPhoto {
  jpeg: Buffer;
  colorSpace: "cmyk" | "srgb";
  pixelWidth: number;
  pixelHeight: number;
  /** Effective resolution of the embedded pixels in the frame. */
  ppi: number;
  /** Effective resolution the source allows in this frame (before any down-sampling). */
  sourcePpi: number;
  placement: Placement;
  /** Highest total ink of any pixel after separation, percent (print only). */
  maxInk?: number;
  /** The separation exceeded the limit and ink was taken out. */
  inkReduced: boolean;
  /** Highest total ink before reduction (print only). */
  inkBefore?: number;
}

export interface Crop {
  left: number;
  top: number;
  width: number;
  height: number;
}

let profileDigest: string | undefined;
function profileHash(): string {
  profileDigest ??= createHash("sha256").update(readFileSync(CMYK_PROFILE)).digest("hex").slice(0, 16);
  return profileDigest;
}

/** The shipped profile (assets/icc), what photos are separated with unless a plant gives its own. */
export function defaultSeparationProfile(): SeparationProfile {
  return { path: CMYK_PROFILE, digest: profileHash(), file: CMYK_PROFILE };
}

/**
 * A plant's profile as sharp reads it: its bytes (as read and checked once) kept in the cache
 * folder under their digest, so what separates is exactly what is embedded; the file itself
 * when the cache cannot be written.
 */
export async function separationProfileFor(profile: { file: string; bytes: Uint8Array; digest: string }, cacheDir: string): Promise<SeparationProfile> {
  const kept = join(cacheDir, `profile-${profile.digest}.icc`);
  const size = await stat(kept).then((s) => (s.isFile() ? s.size : -1), () => -1);
  if (size !== profile.bytes.length) await writeCacheFile(kept, profile.bytes);
  const written = await stat(kept).then((s) => s.isFile() && s.size === profile.bytes.length, () => false);
  return { path: written ? kept : resolve(profile.file), digest: profile.digest, file: profile.file };
}

/**
 * Make (or read) the separation table of a profile now: a profile Little CMS cannot use is
 * refused before any page is written, whether or not the pages have photos.
 */
export async function checkSeparationProfile(profile: SeparationProfile, cacheDir: string): Promise<void> {
  await tableFor(await loadSharp(), profile, cacheDir);
}

function tableFor(sharp: Awaited<ReturnType<typeof loadSharp>>, profile: SeparationProfile, cacheDir: string) {
  return separationTable(sharp, profile.path, profile.digest, cacheDir, sharpVersion()).catch((err: unknown) => {
    if (err instanceof UnusableProfileError) throw new PaibanError(err.message, { file: profile.file });
    throw err;
  });
}

async function readSource(src: string): Promise<Buffer> {
  let size: number;
  try {
    size = (await stat(src)).size;
  } catch {
    throw new PaibanError("image file not found or not readable", { file: src });
  }
  if (size === 0) throw new PaibanError("image file is empty (0 bytes)", { file: src });
  try {
    return await readFile(src);
  } catch {
    throw new PaibanError("image file not readable", { file: src });
  }
}

function refuseHuge(width: number, height: number, src: string): void {
  const mp = (width * height) / 1e6;
  if (mp > MAX_MEGAPIXELS) {
    throw new PaibanError(
      `image is ${width}×${height} = ${mp.toFixed(0)} megapixels; more than ${MAX_MEGAPIXELS} is refused`,
      { file: src },
    );
  }
}

/** Header facts without decoding pixels (oriented size, CMYK or not); refuses huge and unreadable images. */
async function orientedSize(bytes: Buffer, src: string): Promise<{ width: number; height: number; cmyk: boolean }> {
  const sniffed = headerSize(bytes);
  if (sniffed) refuseHuge(sniffed.width, sniffed.height, src);
  let meta: Metadata;
  try {
    meta = await (await loadSharp())(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new PaibanError("not a readable image (corrupt or unsupported format)", { file: src });
  }
  const { width, height } = meta;
  if (!width || !height) throw new PaibanError("image has no size in its header (corrupt?)", { file: src });
  refuseHuge(width, height, src);
  const swapped = (meta.orientation ?? 1) >= 5;
  const cmyk = meta.space === "cmyk";
  return swapped ? { width: height, height: width, cmyk } : { width, height, cmyk };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The part of the source to use and where it lands in the frame. */
export function cropAndPlace(
  source: { width: number; height: number },
  item: Pick<ImageItem, "width" | "height" | "fit" | "focus">,
): { crop: Crop; placement: Placement } {
  const frameAspect = item.width / item.height;
  if (item.fit === "fit") {
    const scale = Math.min(item.width / source.width, item.height / source.height);
    const w = source.width * scale;
    const h = source.height * scale;
    return {
      crop: { left: 0, top: 0, width: source.width, height: source.height },
      placement: { x: (item.width - w) / 2, y: (item.height - h) / 2, width: w, height: h },
    };
  }
  let width = source.width;
  let height = source.height;
  if (source.width / source.height > frameAspect) width = Math.max(1, Math.round(source.height * frameAspect));
  else height = Math.max(1, Math.round(source.width / frameAspect));
  const fx = clamp(item.focus?.x ?? 0.5, 0, 1);
  const fy = clamp(item.focus?.y ?? 0.5, 0, 1);
  const left = clamp(Math.round(fx * source.width - width / 2), 0, source.width - width);
  const top = clamp(Math.round(fy * source.height - height / 2), 0, source.height - height);
  return {
    crop: { left, top, width, height },
    placement: { x: 0, y: 0, width: item.width, height: item.height },
  };
}

/** Highest per-pixel C+M+Y+K of interleaved 8-bit CMYK, in percent. */
export function maxTotalInk(cmyk: Uint8Array): number {
  let max = 0;
  for (let i = 0; i + 3 < cmyk.length; i += 4) {
    const s = cmyk[i]! + cmyk[i + 1]! + cmyk[i + 2]! + cmyk[i + 3]!;
    if (s > max) max = s;
  }
  return (max * 100) / 255;
}

/**
 * Take ink out of every pixel above `limit` percent: first grey-component replacement (move
 * the common part of C, M, Y into K, which lowers the total by 2 for each unit moved), then, if
 * still over, scale C, M and Y down. Returns the number of pixels changed.
 */
export function limitInk(cmyk: Uint8Array, limit: number): number {
  const cap = Math.floor((limit * 255) / 100);
  let changed = 0;
  for (let i = 0; i + 3 < cmyk.length; i += 4) {
    let c = cmyk[i]!;
    let m = cmyk[i + 1]!;
    let y = cmyk[i + 2]!;
    let k = cmyk[i + 3]!;
    let total = c + m + y + k;
    if (total <= cap) continue;
    changed++;
    const grey = Math.min(c, m, y, 255 - k);
    const move = Math.min(grey, Math.ceil((total - cap) / 2));
    c -= move;
    m -= move;
    y -= move;
    k += move;
    total = c + m + y + k;
    if (total > cap) {
      const cmy = c + m + y;
      const f = cmy > 0 ? Math.max(0, cap - k) / cmy : 0;
      c = Math.floor(c * f);
      m = Math.floor(m * f);
      y = Math.floor(y * f);
      if (c + m + y + k > cap) k = Math.max(0, cap - c - m - y);
    }
    cmyk[i] = c;
    cmyk[i + 1] = m;
    cmyk[i + 2] = y;
    cmyk[i + 3] = k;
  }
  return changed;
}

function outputPixels(placement: Placement, crop: Crop, maxPpi: number): { width: number; height: number; ppi: number } {
  const inches = placement.width / 72;
  const sourcePpi = crop.width / inches;
  const ppi = Math.min(sourcePpi, maxPpi);
  const width = Math.max(1, Math.round(inches * ppi));
  const height = Math.max(1, Math.round((placement.height / 72) * ppi));
  return { width, height, ppi: width / inches };
}

function decodeFailure(src: string): PaibanError {
  return new PaibanError("image could not be decoded (corrupt or truncated)", { file: src });
}

/** Crop, resample and flatten to an sRGB JPEG: the proof PDF's photos and the screen preview's. */
export async function srgbJpeg(bytes: Buffer, crop: Crop, size: { width: number; height: number }, quality: number, src: string): Promise<Buffer> {
  try {
    return await (await loadSharp())(bytes)
      .rotate()
      .extract(crop)
      .resize(size.width, size.height, { fit: "fill" })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .jpeg({ quality })
      .toBuffer();
  } catch {
    throw decodeFailure(src);
  }
}

/**
 * Crop, resample and separate to CMYK pixels. A photo in RGB or grey is resampled in sRGB (its
 * own embedded profile, if any, converted by sharp) and separated through the table
 * (src/photo/separation.ts); a photo already in CMYK is converted profile to profile by sharp.
 */
async function separate(bytes: Buffer, cmykSource: boolean, crop: Crop, size: { width: number; height: number }, src: string, cacheDir: string, profile: SeparationProfile) {
  const sharp = await loadSharp();
  const resampled = () =>
    sharp(bytes)
      .rotate()
      .extract(crop)
      .resize(size.width, size.height, { fit: "fill", kernel: "lanczos3" })
      .flatten({ background: "#ffffff" });
  if (!cmykSource) {
    const [table, rgb] = await Promise.all([
      tableFor(sharp, profile, cacheDir),
      resampled()
        .toColourspace("srgb")
        .raw({ depth: "uchar" })
        .toBuffer({ resolveWithObject: true })
        .catch(() => {
          throw decodeFailure(src);
        }),
    ]);
    if (rgb.info.channels === 3 && rgb.data.length === size.width * size.height * 3) return separatePixels(rgb.data, table);
  }
  try {
    return await resampled().toColourspace("cmyk").withIccProfile(profile.path).raw().toBuffer();
  } catch {
    throw decodeFailure(src);
  }
}

async function cmykJpeg(pixels: Uint8Array, width: number, height: number): Promise<Buffer> {
  return (await loadSharp())(cmykTiff(pixels, width, height), { ignoreIcc: true })
    .pipelineColourspace("cmyk")
    .toColourspace("cmyk")
    .jpeg({ quality: PRINT_QUALITY, chromaSubsampling: "4:4:4" })
    .toBuffer();
}

/**
 * A photo as every crop of it starts: its oriented size, whether it is CMYK, and its bytes as
 * libvips must read them (a plain CMYK JPEG un-inverted, see isPlainCmykJpeg). Refuses huge and
 * unreadable images.
 */
export async function photoSource(original: Buffer, src: string): Promise<{ bytes: Buffer; width: number; height: number; cmyk: boolean }> {
  const size = await orientedSize(original, src);
  const bytes = isPlainCmykJpeg(original) ? await uninvertedCmyk(original, src) : original;
  return { ...size, bytes };
}

async function processPhoto(original: Buffer, req: PhotoRequest): Promise<PreparedPhoto> {
  const src = req.item.src;
  const source = await photoSource(original, src);
  const bytes = source.bytes;
  const { crop, placement } = cropAndPlace(source, req.item);
  const sourcePpi = crop.width / (placement.width / 72);
  if (req.mode === "proof") {
    const size = outputPixels(placement, crop, PROOF_MAX_PPI);
    const jpeg = await srgbJpeg(bytes, crop, size, PROOF_QUALITY, src);
    return {
      jpeg,
      colorSpace: "srgb",
      pixelWidth: size.width,
      pixelHeight: size.height,
      ppi: size.ppi,
      sourcePpi,
      placement,
      inkReduced: false,
    };
  }
  const size = outputPixels(placement, crop, PRINT_MAX_PPI);
  // A plain CMYK JPEG's uninverted TIFF is CMYK as the original is: the original's header says.
  const pixels = await separate(bytes, source.cmyk, crop, size, src, req.cacheDir, req.profile ?? defaultSeparationProfile());
  const inkBefore = maxTotalInk(pixels);
  const target = req.inkLimit - INK_HEADROOM;
  let inkReduced = false;
  if (inkBefore > target) {
    limitInk(pixels, target);
    inkReduced = inkBefore > req.inkLimit;
  }
  const jpeg = await cmykJpeg(pixels, size.width, size.height);
  return {
    jpeg,
    colorSpace: "cmyk",
    pixelWidth: size.width,
    pixelHeight: size.height,
    ppi: size.ppi,
    sourcePpi,
    placement,
    maxInk: inkBefore > target ? maxTotalInk(pixels) : inkBefore, // unchanged unless limited
    inkReduced,
    inkBefore,
  };
}

function cacheKey(bytes: Buffer, req: PhotoRequest): string {
  const { item } = req;
  const params = {
    v: CACHE_VERSION,
    mode: req.mode,
    ink: req.mode === "print" ? req.inkLimit : 0,
    w: Math.round(item.width * 1000),
    h: Math.round(item.height * 1000),
    fit: item.fit,
    fx: item.focus?.x ?? 0.5,
    fy: item.focus?.y ?? 0.5,
    profile: req.mode === "print" ? (req.profile ?? defaultSeparationProfile()).digest : "",
    sharp: sharpVersion(),
  };
  return createHash("sha256").update(bytes).update(JSON.stringify(params)).digest("hex");
}

type CachedMeta = Omit<PreparedPhoto, "jpeg">;

async function readCache(dir: string, key: string): Promise<PreparedPhoto | null> {
  const jpegPath = join(dir, `${key}.jpg`);
  const metaPath = join(dir, `${key}.json`);
  if (!existsSync(jpegPath) || !existsSync(metaPath)) return null;
  try {
    const meta = JSON.parse(await readFile(metaPath, "utf8")) as CachedMeta;
    const jpeg = await readFile(jpegPath);
    return { ...meta, jpeg };
  } catch {
    return null; // a damaged entry is simply redone
  }
}

async function writeCache(dir: string, key: string, photo: PreparedPhoto): Promise<void> {
  const { jpeg, ...meta } = photo;
  // The JPEG first: a reader needs both files, and finds the metadata only when the JPEG is there.
  await writeCacheFile(join(dir, `${key}.jpg`), jpeg);
  await writeCacheFile(join(dir, `${key}.json`), JSON.stringify(meta));
}

/** Warnings a prepared photo raises (also for a cache hit). */
export function photoWarnings(item: ImageItem, photo: PreparedPhoto, req: Pick<PhotoRequest, "mode" | "inkLimit">): Warning[] {
  const warnings: Warning[] = [];
  if (photo.sourcePpi < PRINT_MIN_PPI) {
    warnings.push({
      code: "image-resolution",
      message: `${item.src}: ${photo.sourcePpi.toFixed(0)} ppi effective in its frame, below ${PRINT_MIN_PPI} ppi for print`,
      itemId: item.itemId,
    });
  }
  if (req.mode === "print" && photo.inkReduced) {
    warnings.push({
      code: "ink-limit",
      message: `${item.src}: total ink reached ${photo.inkBefore?.toFixed(0)} %, reduced to ${req.inkLimit} % (GCR, then CMY scaled)`,
      itemId: item.itemId,
    });
  }
  return warnings;
}

/** Crop, resample and separate one photo, from the cache when it was done before. */
export async function preparePhoto(req: PhotoRequest): Promise<{ photo: PreparedPhoto; warnings: Warning[] }> {
  try {
    const bytes = await readSource(req.item.src);
    const key = cacheKey(bytes, req);
    let photo = await readCache(req.cacheDir, key);
    if (!photo) {
      photo = await processPhoto(bytes, req);
      await writeCache(req.cacheDir, key, photo);
    }
    return { photo, warnings: photoWarnings(req.item, photo, req) };
  } catch (err) {
    // Say which photo of the layout it is: the same file may stand in several places.
    if (err instanceof PaibanError && req.item.itemId && err.file === req.item.src) {
      throw new PaibanError(`${err.message} (photo "${req.item.itemId}")`, { file: err.file, exitCode: err.exitCode });
    }
    throw err;
  }
}

/**
 * A CMYK JPEG without an Adobe (APP14) segment: its values are plain ink, but libvips reads
 * every CMYK JPEG as Adobe-inverted, which turns such a file into a negative. Found with a
 * hand-made file in tests/bad-input; Photoshop's files carry the segment and read right.
 */
export function isPlainCmykJpeg(bytes: Buffer): boolean {
  const frame = jpegFrame(bytes);
  return !!frame && frame.components === 4 && !frame.adobe;
}

/** The pixels of a plain CMYK JPEG as a CMYK TIFF with the values the file means. */
async function uninvertedCmyk(bytes: Buffer, src: string): Promise<Buffer> {
  try {
    const { data, info } = await (await loadSharp())(bytes).rotate().pipelineColourspace("cmyk").toColourspace("cmyk").raw().toBuffer({ resolveWithObject: true });
    for (let i = 0; i < data.length; i++) data[i] = 255 - data[i]!;
    return cmykTiff(data, info.width, info.height);
  } catch {
    throw decodeFailure(src);
  }
}
