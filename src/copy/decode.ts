/**
 * Bytes of a copy file → text. Editors hand over copy from many tools: UTF-8 with or without
 * a BOM, Windows line ends, and still often GBK / GB18030 from older Chinese software.
 */

export type CopyEncoding = "UTF-8" | "GB18030" | "UTF-16LE" | "UTF-16BE";

export type Decoded =
  | { ok: true; text: string; encoding: CopyEncoding }
  | { ok: false; badByteOffset: number; badByte: number };

function strictDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decode, trying in turn: UTF-8 (BOM stripped), UTF-16 with a BOM, then GB18030 (which
 * includes GBK and GB2312). Each decoder is fatal, so a result is never silently garbled.
 */
export function decodeCopyBytes(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strictDecode("utf-8", bytes.subarray(3));
    if (text !== undefined) return { ok: true, text, encoding: "UTF-8" };
    const at = firstInvalidUtf8(bytes.subarray(3)) + 3;
    return { ok: false, badByteOffset: at, badByte: bytes[at]! };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = strictDecode("utf-16le", bytes.subarray(2));
    if (text !== undefined) return { ok: true, text, encoding: "UTF-16LE" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = strictDecode("utf-16be", bytes.subarray(2));
    if (text !== undefined) return { ok: true, text, encoding: "UTF-16BE" };
  }
  const utf8 = strictDecode("utf-8", bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: "UTF-8" };
  const gb = strictDecode("gb18030", bytes);
  if (gb !== undefined) return { ok: true, text: gb, encoding: "GB18030" };
  const at = firstInvalidUtf8(bytes);
  return { ok: false, badByteOffset: at, badByte: bytes[at]! };
}

/** 1-based line of a byte offset (counting LF bytes, which no supported encoding reuses). */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
