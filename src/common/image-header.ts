/**
 * An image's pixel size from its header bytes alone (no decoder): shared by the layout stage,
 * which refuses a huge image where the layout names it, and the renderer, which checks again.
 */

/** Images over this many megapixels are refused before any decoder sees them. */
export const MAX_MEGAPIXELS = 100;

/** What a JPEG's header says, up to its first scan: the frame's size and components, and whether it carries Adobe's APP14 segment. */
export interface JpegFrame {
  width: number;
  height: number;
  components: number;
  /** Adobe's APP14 segment, anywhere before the scan: its CMYK samples are stored inverted. */
  adobe: boolean;
}

/**
 * Walk a JPEG's marker segments from SOI to the first scan (SOS) or the end, reading the frame
 * header (SOF) and noting an Adobe APP14 segment. Null when the bytes are not a JPEG or hold
 * no readable frame header before a break in the marker chain.
 */
export function jpegFrame(bytes: Uint8Array): JpegFrame | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let frame: Omit<JpegFrame, "adobe"> | null = null;
  let adobe = false;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // a fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break;
    if (marker === 0xee && latin1(bytes, at + 4, at + 9) === "Adobe") adobe = true;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && !frame && at + 9 < bytes.length) {
      frame = { height: data.getUint16(at + 5), width: data.getUint16(at + 7), components: bytes[at + 9]! };
    }
    at += 2 + data.getUint16(at + 2);
  }
  return frame ? { ...frame, adobe } : null;
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}

/**
 * Width and height from a PNG IHDR or a JPEG SOF marker, read straight from the bytes: a
 * huge image is refused before any decoder (or a truncated file's error) gets a say.
 */
export function headerSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString("latin1", 12, 16) === "IHDR") {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  const frame = jpegFrame(bytes);
  return frame ? { width: frame.width, height: frame.height } : null;
}
