/**
 * Bytes of a copy file → text. Editors hand over copy from many tools: UTF-8 with or without
 * a BOM, Windows line ends, and still often GBK / GB18030 from older Chinese software.
 */

export type CopyEncoding = "UTF-8" | "GB18030" | "UTF-16LE" | "UTF-16BE";

export type Decoded =
  | { ok: true; text: string; encoding: CopyEncoding }
  | { ok: false; badByteOffset: number; badByte: number; why: string; almostUtf8: boolean };

function strictDecode(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** What a scan of the bytes as UTF-8 (Unicode's Table 3-7 of well-formed sequences) found. */
export interface Utf8Scan {
  /** Well-formed sequences of two to four bytes. */
  multibyte: number;
  /** Places where ill-formed bytes start (a run of bad bytes counts once). */
  defects: number;
  /** Offset of the first ill-formed byte, -1 if there is none. */
  first: number;
  /** Why the first ill-formed byte is not UTF-8, in words. */
  why: string;
}

/**
 * Scan the bytes as UTF-8. Beside a lead byte's range, the second byte's range is checked as
 * the standard gives it: E0 needs A0–BF (shorter forms are overlong), ED needs 80–9F (A0–BF
 * would encode a surrogate), F0 needs 90–BF, F4 needs 80–8F (beyond U+10FFFF otherwise).
 */
export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let multibyte = 0;
  let defects = 0;
  let first = -1;
  let why = "";
  let inDefect = false;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      inDefect = false;
      continue;
    }
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    let problem = "";
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      problem = b === 0xc0 || b === 0xc1 ? "an overlong encoding" : b <= 0xbf ? "a continuation byte with no lead byte" : "a byte UTF-8 never uses";
    }
    let len = 1;
    if (!problem) {
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k];
        const [l, h] = k === 1 ? [lo, hi] : [0x80, 0xbf];
        if (c === undefined) {
          problem = "a sequence cut short by the end of the file";
          break;
        }
        if (c < l || c > h) {
          problem =
            k === 1 && c >= 0x80 && c <= 0xbf
              ? b === 0xed
                ? "an encoded surrogate (U+D800–U+DFFF), which UTF-8 forbids"
                : b === 0xf4
                  ? "a code point beyond U+10FFFF"
                  : "an overlong encoding"
              : "a sequence cut short";
          break;
        }
        len = k + 1;
      }
    }
    if (problem) {
      if (first < 0) {
        first = i;
        why = problem;
      }
      if (!inDefect) defects++;
      inDefect = true;
      i += problem.startsWith("a sequence cut short") ? len : 1;
      continue;
    }
    multibyte++;
    inDefect = false;
    i += need + 1;
  }
  return { multibyte, defects, first, why };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  return scanUtf8(bytes).first;
}

/**
 * Text that is UTF-8 but for a few damaged places: most of its non-ASCII bytes form well-formed
 * UTF-8 sequences. GBK and GB18030 text forms such sequences only by chance, here and there, and
 * breaks UTF-8 at nearly every character; a file damaged in a few places must be refused with the
 * place, not read as GB18030 into mojibake (正文 as 姝ｆ枃).
 */
export function isAlmostUtf8(scan: Utf8Scan): boolean {
  return scan.defects > 0 && scan.multibyte >= 4 * scan.defects;
}

/**
 * Decode, trying in turn: UTF-8 (BOM stripped), UTF-16 with a BOM, then GB18030 (which
 * includes GBK and GB2312) unless the bytes are almost UTF-8. Each decoder is fatal, so a
 * result is never silently garbled.
 */
export function decodeCopyBytes(bytes: Uint8Array): Decoded {
  const refuse = (body: Uint8Array, skip: number, almostUtf8: boolean): Decoded => {
    const scan = scanUtf8(body);
    const at = Math.max(0, scan.first) + skip;
    return { ok: false, badByteOffset: at, badByte: bytes[at] ?? 0, why: scan.why, almostUtf8 };
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strictDecode("utf-8", bytes.subarray(3));
    if (text !== undefined) return { ok: true, text, encoding: "UTF-8" };
    return refuse(bytes.subarray(3), 3, true);
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
  if (isAlmostUtf8(scanUtf8(bytes))) return refuse(bytes, 0, true);
  const gb = strictDecode("gb18030", bytes);
  if (gb !== undefined) return { ok: true, text: gb, encoding: "GB18030" };
  return refuse(bytes, 0, false);
}

/** 1-based line of a byte offset (counting LF bytes, which no supported encoding reuses). */
export function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
