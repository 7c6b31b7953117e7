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
  decodePDFRawStream,
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

/** Decoded bytes of a stream, or null when a filter is not one pdf-lib decodes (e.g. DCT). */
export function streamBytes(stream: PDFObject | undefined): Uint8Array | null {
  if (!(stream instanceof PDFRawStream)) return null;
  try {
    return decodePDFRawStream(stream).decode();
  } catch {
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

/** Raw (still encoded) stream contents. */
export function rawContents(stream: PDFObject | undefined): Uint8Array | null {
  return stream instanceof PDFRawStream ? stream.contents : null;
}
