/**
 * Reading a page's resources for preflight: fonts (embedded? subset? widths for the scanner)
 * and graphics states (transparency). Colour spaces are colour.ts's, images ink.ts's.
 */
import { PDFArray, PDFDict, type PDFContext } from "pdf-lib";
import type { ScanFont } from "./content-scan.js";
import { cidToGid, trueTypeInk, type GlyphInk } from "./glyph-ink.js";
import { arrayOf, dictAt, get, nameAt, nameOf, numberAt, numberOf, numbersOf, streamBytes } from "./pdf-objects.js";

export interface FontFact {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  /** Shows glyphs that render somewhere (text render mode other than 3); only those must be embedded. */
  used?: boolean;
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
      // CIDs are 0…65535: a range past that is cut there (a crafted [0 4294967295 500] would loop for minutes).
      for (let c = Math.max(first, 0); c <= Math.min(last, 0xffff); c++) table.set(c, width);
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
    const ink = descendant instanceof PDFDict && /^Identity-[HV]$/.test(nameAt(ctx, font, "Encoding") ?? "") ? cidInk(ctx, descendant) : undefined;
    return { codeBytes: 2, width: widths, ...(ink && { ink }) };
  }
  const first = numberAt(ctx, font, "FirstChar") ?? 0;
  const widths = numbersOf(ctx, get(ctx, font, "Widths"));
  const missing = numberAt(ctx, dictAt(ctx, font, "FontDescriptor"), "MissingWidth") ?? 0;
  return { codeBytes: 1, width: (code) => widths[code - first] ?? missing };
}

/** The largest embedded font program read for its glyphs' ink boxes. */
const MAX_FONT_PROGRAM = 32 << 20;

/**
 * Ink boxes of a CIDFontType2's glyphs by CID (Identity-H/V: code = CID), from its embedded
 * TrueType program, read when first asked; undefined when there is none this can read (the
 * scanner then takes each glyph's em box).
 */
function cidInk(ctx: PDFContext, cidFont: PDFDict): ((cid: number) => ReturnType<GlyphInk>) | undefined {
  if (nameAt(ctx, cidFont, "Subtype") !== "CIDFontType2") return undefined;
  const program = get(ctx, dictAt(ctx, cidFont, "FontDescriptor"), "FontFile2");
  if (!program) return undefined;
  let glyphs: GlyphInk | null | undefined;
  let toGid: ((cid: number) => number) | undefined;
  return (cid) => {
    if (glyphs === undefined) {
      glyphs = null;
      try {
        const bytes = streamBytes(ctx, program, MAX_FONT_PROGRAM);
        const map = get(ctx, cidFont, "CIDToGIDMap");
        const mapBytes = map === undefined || nameOf(map) === "Identity" ? "Identity" : streamBytes(ctx, map, 1 << 17);
        if (bytes && mapBytes) {
          glyphs = trueTypeInk(bytes);
          toGid = cidToGid(mapBytes);
        }
      } catch {
        glyphs = null; // too large or damaged: em boxes
      }
    }
    return glyphs && toGid ? glyphs(toGid(cid)) : null;
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

