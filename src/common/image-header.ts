/**
 * An image's pixel size from its header bytes alone (no decoder): shared by the layout stage,
 * which refuses a huge image where the layout names it, and the renderer, which checks again.
 */

/** Images over this many megapixels are refused before any decoder sees them. */
export const MAX_MEGAPIXELS = 100;

/**
 * Width and height from a PNG IHDR or a JPEG SOF marker, read straight from the bytes: a
 * huge image is refused before any decoder (or a truncated file's error) gets a say.
 */
export function headerSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString("latin1", 12, 16) === "IHDR") {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at++;
        continue;
      }
      const length = bytes.readUInt16BE(at + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
      at += 2 + length;
    }
  }
  return null;
}

