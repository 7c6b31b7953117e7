/**
 * Photos for the screen: cropped exactly as the PDF crops them (render/image.ts cropAndPlace),
 * scaled to the output resolution and embedded as JPEG data URIs. Cached per process by file,
 * modification time and pixel size, so a re-render after a copy edit reuses them.
 */
import { stat, readFile } from "node:fs/promises";
import { loadSharp } from "../common/sharp.js";
import { PaibanError } from "../common/diagnostics.js";
import type { ImageItem } from "../display/types.js";
import { cropAndPlace, MAX_MEGAPIXELS, type Placement } from "../render/image.js";

export interface ScreenPhoto {
  /** data:image/jpeg;base64,… */
  href: string;
  /** Where the image lands inside the frame, pt from the frame's top-left. */
  placement: Placement;
}

const cache = new Map<string, ScreenPhoto>();
const QUALITY = 78;
/** Photos kept; the oldest goes first (a long serve session edits many). */
const CACHE_LIMIT = 64;

async function sourceBytes(src: string): Promise<{ bytes: Buffer; mtime: number }> {
  try {
    const s = await stat(src);
    return { bytes: await readFile(src), mtime: s.mtimeMs };
  } catch {
    throw new PaibanError("image not found or unreadable", { file: src });
  }
}

async function orientedSize(bytes: Buffer, src: string): Promise<{ width: number; height: number }> {
  try {
    const meta = await (await loadSharp())(bytes, { limitInputPixels: MAX_MEGAPIXELS * 1e6 }).metadata();
    const swapped = (meta.orientation ?? 1) >= 5;
    const width = meta.width ?? 0;
    const height = meta.height ?? 0;
    if (!width || !height) throw new Error("no size");
    return swapped ? { width: height, height: width } : { width, height };
  } catch {
    throw new PaibanError(`image could not be decoded (corrupt, truncated or over ${MAX_MEGAPIXELS} MP)`, { file: src });
  }
}

/** The photo of an image item at `dpi`, as a data URI and its placement. */
export async function screenPhoto(item: ImageItem, dpi: number): Promise<ScreenPhoto> {
  const { bytes, mtime } = await sourceBytes(item.src);
  const key = [item.src, mtime, bytes.length, item.width, item.height, item.fit, item.focus.x, item.focus.y, dpi].join("|");
  const hit = cache.get(key);
  if (hit) return hit;
  const size = await orientedSize(bytes, item.src);
  const { crop, placement } = cropAndPlace(size, item);
  const width = Math.max(1, Math.round((placement.width * dpi) / 72));
  const height = Math.max(1, Math.round((placement.height * dpi) / 72));
  let jpeg: Buffer;
  try {
    jpeg = await (await loadSharp())(bytes, { limitInputPixels: MAX_MEGAPIXELS * 1e6 })
      .rotate()
      .extract(crop)
      .resize(width, height, { fit: "fill" })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .jpeg({ quality: QUALITY })
      .toBuffer();
  } catch {
    throw new PaibanError("image could not be decoded (corrupt or truncated)", { file: item.src });
  }
  const photo = { href: `data:image/jpeg;base64,${jpeg.toString("base64")}`, placement };
  cache.set(key, photo);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return photo;
}
