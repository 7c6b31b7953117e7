/**
 * Reading a page's resources for preflight: fonts (embedded? subset? widths for the scanner),
 * colour spaces (their family), images (size, colour space, pixels for ink), graphics states
 * (transparency).
 */
import { PDFArray, PDFDict, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import type { ScanFont } from "./content-scan.js";
import { arrayOf, dictAt, filtersOf, get, nameAt, nameOf, numberAt, numberOf, numbersOf, resolve } from "./pdf-objects.js";

export interface FontFact {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

const STANDARD_14 = /^(Courier|Helvetica|Times|Symbol|ZapfDingbats)/;

function descriptorEmbeds(ctx: PDFContext, descriptor: PDFDict | undefined): boolean {
  return !!descriptor && ["FontFile", "FontFile2", "FontFile3"].some((k) => get(ctx, descriptor, k) !== undefined);
}

/** Facts about one font dictionary. */
export function fontFact(ctx: PDFContext, font: PDFDict): FontFact {
  const type = nameAt(ctx, font, "Subtype") ?? "unknown";
  const name = nameAt(ctx, font, "BaseFont") ?? "(unnamed)";
  let embedded: boolean;
  if (type === "Type3") embedded = true;
  else if (type === "Type0") {
    const descendant = arrayOf(ctx, get(ctx, font, "DescendantFonts"))[0];
    embedded = descendant instanceof PDFDict && descriptorEmbeds(ctx, dictAt(ctx, descendant, "FontDescriptor"));
  } else embedded = descriptorEmbeds(ctx, dictAt(ctx, font, "FontDescriptor"));
  return { name, type, embedded, subset: /^[A-Z]{6}\+/.test(name) };
}

export function isStandard14(name: string): boolean {
  return STANDARD_14.test(name);
}

/** Widths of a CIDFont from /W and /DW. */
function cidWidths(ctx: PDFContext, cidFont: PDFDict): (cid: number) => number {
  const dw = numberAt(ctx, cidFont, "DW") ?? 1000;
  const table = new Map<number, number>();
  const w = arrayOf(ctx, get(ctx, cidFont, "W"));
  for (let i = 0; i < w.length; ) {
    const first = numberOf(w[i]);
    const next = w[i + 1];
    if (first === undefined) break;
    if (next instanceof PDFArray) {
      numbersOf(ctx, next).forEach((width, k) => table.set(first + k, width));
      i += 2;
    } else {
      const last = numberOf(next);
      const width = numberOf(w[i + 2]);
      if (last === undefined || width === undefined) break;
      for (let c = first; c <= last; c++) table.set(c, width);
      i += 3;
    }
  }
  return (cid) => table.get(cid) ?? dw;
}

/** What the content scanner needs from a font to advance the pen. */
export function scanFont(ctx: PDFContext, font: PDFDict): ScanFont {
  if (nameAt(ctx, font, "Subtype") === "Type0") {
    const descendant = arrayOf(ctx, get(ctx, font, "DescendantFonts"))[0];
    const widths = descendant instanceof PDFDict ? cidWidths(ctx, descendant) : () => 1000;
    return { codeBytes: 2, width: widths };
  }
  const first = numberAt(ctx, font, "FirstChar") ?? 0;
  const widths = numbersOf(ctx, get(ctx, font, "Widths"));
  const missing = numberAt(ctx, dictAt(ctx, font, "FontDescriptor"), "MissingWidth") ?? 0;
  return { codeBytes: 1, width: (code) => widths[code - first] ?? missing };
}

/** The family of a colour space object: DeviceRGB, ICCBased, Lab, Indexed/DeviceRGB, … */
export function colourSpaceFamily(ctx: PDFContext, cs: PDFObject | undefined, resources?: PDFDict): string {
  const v = resolve(ctx, cs);
  const name = nameOf(v);
  if (name) {
    const abbreviations: Record<string, string> = { G: "DeviceGray", RGB: "DeviceRGB", CMYK: "DeviceCMYK", I: "Indexed" };
    const full = abbreviations[name] ?? name;
    if (/^Device(Gray|RGB|CMYK)$|^Pattern$/.test(full)) return full;
    const named = get(ctx, dictAt(ctx, resources, "ColorSpace"), name);
    return named ? colourSpaceFamily(ctx, named) : full;
  }
  const parts = arrayOf(ctx, v);
  const family = nameOf(parts[0]);
  if (!family) return "unknown";
  if (family === "Indexed" || family === "I") return `Indexed/${colourSpaceFamily(ctx, parts[1], resources)}`;
  if (family === "ICCBased") {
    const n = numberAt(ctx, parts[1] instanceof PDFStream ? parts[1].dict : undefined, "N");
    return n ? `ICCBased(${n})` : "ICCBased";
  }
  if (family === "Separation" || family === "DeviceN") return family;
  return family;
}

/** Colour problems a colour-space family means for PDF/X-1a. */
export function colourSpaceProblem(family: string): { code: string; message: string } | null {
  if (/DeviceRGB|CalRGB/.test(family)) return { code: "rgb-colour", message: `RGB colour (${family}); print needs CMYK` };
  if (/ICCBased/.test(family)) return { code: "icc-colour", message: `ICC-based colour (${family}); PDF/X-1a allows only device CMYK/gray and spot` };
  if (/Lab/.test(family)) return { code: "lab-colour", message: `Lab colour; PDF/X-1a allows only device CMYK/gray and spot` };
  return null;
}

export interface ImageInfo {
  width: number;
  height: number;
  bitsPerComponent: number;
  colourSpace: string;
  filters: string[];
  /** /Decode inverts the samples (e.g. Adobe CMYK JPEGs). */
  decodeInverted: boolean;
  isMask: boolean;
  hasSoftMask: boolean;
}

export function imageInfo(ctx: PDFContext, dict: PDFDict, resources?: PDFDict): ImageInfo {
  const decode = numbersOf(ctx, get(ctx, dict, "Decode"));
  const isMask = get(ctx, dict, "ImageMask")?.toString() === "true";
  return {
    width: numberAt(ctx, dict, "Width") ?? 0,
    height: numberAt(ctx, dict, "Height") ?? 0,
    bitsPerComponent: numberAt(ctx, dict, "BitsPerComponent") ?? 8,
    colourSpace: isMask ? "ImageMask" : colourSpaceFamily(ctx, get(ctx, dict, "ColorSpace"), resources),
    filters: filtersOf(ctx, dict),
    decodeInverted: decode.length >= 2 && decode[0]! > decode[1]!,
    isMask,
    hasSoftMask: get(ctx, dict, "SMask") !== undefined,
  };
}

/** Whether an ExtGState asks for transparency (soft mask, alpha < 1, a blend mode). */
export function graphicsStateTransparency(ctx: PDFContext, gs: PDFDict | undefined): string | null {
  if (!gs) return null;
  const smask = get(ctx, gs, "SMask");
  if (smask && nameOf(smask) !== "None") return "soft mask";
  for (const key of ["ca", "CA"]) {
    const a = numberAt(ctx, gs, key);
    if (a !== undefined && a < 1) return `${key} ${a}`;
  }
  const bm = get(ctx, gs, "BM");
  const blend = nameOf(bm) ?? nameOf(arrayOf(ctx, bm)[0]);
  if (blend && blend !== "Normal" && blend !== "Compatible") return `blend mode ${blend}`;
  return null;
}

