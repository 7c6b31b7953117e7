/**
 * Photos for the screen: read, cropped and converted exactly as the proof PDF's are
 * (photo/image.ts photoSource, cropAndPlace, srgbJpeg),
 * scaled to the output resolution and embedded as JPEG data URIs. Cached per process by file,
 * modification time and pixel size, so a re-render after a copy edit reuses them.
 */
import { stat, readFile } from "node:fs/promises";
import { PaibanError } from "../common/diagnostics.js";
import type { ImageItem } from "../display/types.js";
import { cropAndPlace, photoSource, srgbJpeg, type Placement } from "../photo/image.js";

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

/** The photo of an image item at `dpi`, as a data URI and its placement. */
export async function screenPhoto(item: ImageItem, dpi: number): Promise<ScreenPhoto> {
  const { bytes, mtime } = await sourceBytes(item.src);
  const key = [item.src, mtime, bytes.length, item.width, item.height, item.fit, item.focus.x, item.focus.y, dpi].join("|");
  const hit = cache.get(key);
  if (hit) return hit;
  // The same source, crop and sRGB conversion as the proof PDF's photos (photo/image.ts).
  const source = await photoSource(bytes, item.src);
  const { crop, placement } = cropAndPlace(source, item);
  const width = Math.max(1, Math.round((placement.width * dpi) / 72));
  const height = Math.max(1, Math.round((placement.height * dpi) / 72));
  const jpeg = await srgbJpeg(source.bytes, crop, { width, height }, QUALITY, item.src);
  const photo = { href: `data:image/jpeg;base64,${jpeg.toString("base64")}`, placement };
  cache.set(key, photo);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return photo;
}
