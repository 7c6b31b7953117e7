/**
 * The one place that touches pdfkit's private fields. pdfkit 0.20.2 is pinned exactly and
 * tests/render/pdfkit-contract.test.ts fails loudly when any of these change.
 *
 * What we drive, and why:
 * - `doc.font(fontkitFont)` then `doc._font`: pdfkit's EmbeddedFont for a face, which
 *   subsets, embeds (CIDFontType2, Identity-H) and writes ToUnicode when the document ends.
 *   We feed it glyph ids directly: `subset.includeGlyph(gid)` returns the CID we write in the
 *   content stream; `widths[cid]` (1/1000 em) becomes the /W array; `unicode[cid]`
 *   (code points) becomes the ToUnicode CMap. pdfkit has no public glyph-placement API.
 * - `font.ref()`: the font dictionary reference, put in the page's /Font resources.
 * - `doc.page.dictionary.data`: TrimBox / BleedBox on the page dictionary.
 * - `doc.page.xobjects`, `doc.page.ext_gstates`: the page's resource dictionaries.
 * - `doc.openImage(buffer)` + `image.embed(doc)`: a DCTDecode image XObject (CMYK JPEGs get
 *   /Decode [1 0 1 0 1 0 1 0], right for the Adobe-inverted JPEGs sharp writes).
 * - `doc._root.data`: the catalog, for /OutputIntents.
 * - `doc.ref(data)`: an indirect object of our own.
 * - `doc._ctm` right after `addPage`: pdfkit starts each page with `1 0 0 -1 0 H cm` (y down),
 *   which our content relies on.
 * - Values in dictionaries: a JS string is written as a PDF name, `new String(s)` as a PDF
 *   string, and any other object whose Object.prototype.toString is not `[object Object]` is
 *   written through its own `toString()` (our `PdfToken`).
 */
import PDFDocument from "pdfkit";
import type { FontkitFont } from "./fonts.js";
import { glyphAdvance, type SfntFont } from "../fonts/sfnt.js";
import { fastPaths } from "../common/fast-paths.js";
import { subsetTag } from "./subset-tag.js";

/** A literal PDF token (e.g. the name `/False`) written verbatim by pdfkit's serializer. */
export class PdfToken {
  constructor(private readonly token: string) {}
  get [Symbol.toStringTag](): string {
    return "PdfToken";
  }
  toString(): string {
    return this.token;
  }
  valueOf(): string {
    return this.token;
  }
}

/** A reference to an indirect object, as pdfkit hands it out. */
export interface PdfkitRef {
  data: Record<string, unknown>;
  end(chunk?: Buffer | string): void;
  toString(): string;
}

/** pdfkit's EmbeddedFont, the fields we read and write. */
export interface PdfkitEmbeddedFont {
  /** Resource name, e.g. "F1". */
  id: string;
  font: FontkitFont;
  subset: { includeGlyph(glyphId: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  /** 1000 / unitsPerEm. */
  scale: number;
  ref(): PdfkitRef;
}

export interface PdfkitImage {
  label: string;
  width: number;
  height: number;
  obj: PdfkitRef | null;
  embed(doc: unknown): void;
}

interface PdfkitPage {
  dictionary: PdfkitRef;
  fonts: Record<string, unknown>;
  xobjects: Record<string, unknown>;
  ext_gstates: Record<string, unknown>;
}

/** The PDFDocument surface we use, public and private. */
export interface PdfkitDocument {
  page: PdfkitPage;
  _font: PdfkitEmbeddedFont;
  _ctm: number[];
  _root: PdfkitRef;
  _id: Uint8Array;
  info: Record<string, unknown>;
  font(src: unknown): unknown;
  addPage(opts: { size: [number, number]; margin: number }): unknown;
  addContent(data: string): unknown;
  ref(data?: unknown): PdfkitRef;
  openImage(src: Buffer): PdfkitImage;
  on(event: "data", fn: (chunk: Buffer) => void): unknown;
  on(event: "end" | "error", fn: (err?: unknown) => void): unknown;
  end(): void;
}

export interface DocumentOptions {
  info: Record<string, unknown>;
}

/** A pdfkit document for PDF 1.3 (the PDF/X-1a:2001 base), compressed, with no default font. */
export function createDocument(opts: DocumentOptions): PdfkitDocument {
  const ctorOptions = {
    autoFirstPage: false,
    compress: true,
    pdfVersion: "1.3",
    // null skips pdfkit's default Helvetica: nothing we draw uses a standard font.
    font: null,
    info: opts.info,
  } as unknown as ConstructorParameters<typeof PDFDocument>[0];
  return new PDFDocument(ctorOptions) as unknown as PdfkitDocument;
}

/** Start a page of the given MediaBox size; our content starts in a y-down space. */
export function addPage(doc: PdfkitDocument, width: number, height: number): void {
  doc.addPage({ size: [width, height], margin: 0 });
  const ctm = doc._ctm;
  if (!(ctm[0] === 1 && ctm[1] === 0 && ctm[2] === 0 && ctm[3] === -1 && ctm[4] === 0 && ctm[5] === height)) {
    throw new Error(`pdfkit changed its page set-up (ctm ${JSON.stringify(ctm)}): see pdfkit-internals.ts`);
  }
}

/** Put a box (in PDF user space, y up) on the current page dictionary. */
export function setPageBox(doc: PdfkitDocument, box: "TrimBox" | "BleedBox", rect: number[]): void {
  doc.page.dictionary.data[box] = rect;
}

/** The pdfkit font object for a face in this document (one per face per document). */
export function embedFace(doc: PdfkitDocument, font: FontkitFont): PdfkitEmbeddedFont {
  doc.font(font);
  const embedded = doc._font;
  if (!embedded || typeof embedded.subset?.includeGlyph !== "function" || !Array.isArray(embedded.widths)) {
    throw new Error("pdfkit changed its EmbeddedFont (no subset.includeGlyph / widths): see pdfkit-internals.ts");
  }
  fastPaths.subset(embedded.subset); // with the fast paths, simple glyphs by their bytes
  tagFromContent(doc, embedded);
  return embedded;
}

/** Subset tags already given in each document. */
const tagsOf = new WeakMap<PdfkitDocument, Set<string>>();

/**
 * Make pdfkit name the subset by its content (subsetTag) instead of by the resource name.
 * pdfkit's EmbeddedFont.embed() writes the font program (subset.encode()) and then builds the
 * tag from characters 1–6 of `this.id`, each plus 17. So when the program is encoded, its
 * digest gives the tag, and `id` is set for the rest of embed() to a string whose characters
 * spell that tag ('A' − 17 = '0' … 'Z' − 17 = 'I'); the resource name is put back afterwards
 * (the page resources were written with it already). tests/render/pdfkit-contract.test.ts
 * fails if pdfkit's naming changes.
 */
function tagFromContent(doc: PdfkitDocument, font: PdfkitEmbeddedFont): void {
  const f = font as unknown as { id: string; embed(): unknown; subset: { encode(): Uint8Array } };
  if (typeof f.embed !== "function" || typeof f.subset.encode !== "function") {
    throw new Error("pdfkit changed its EmbeddedFont (no embed / subset.encode): see pdfkit-internals.ts");
  }
  const embed = f.embed;
  const encode = f.subset.encode;
  const resourceName = f.id;
  let taken = tagsOf.get(doc);
  if (!taken) tagsOf.set(doc, (taken = new Set()));
  const tags = taken;
  f.subset.encode = function encodeAndTag(this: unknown) {
    const program = encode.call(this);
    const tag = subsetTag(program, font.font.postscriptName, tags);
    f.id = resourceName[0] + [...tag].map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join("");
    return program;
  };
  f.embed = function embedTagged(this: unknown) {
    try {
      return embed.call(this);
    } finally {
      f.id = resourceName;
    }
  };
}

/**
 * Include a glyph in the font's subset; returns the CID to write (Identity-H, 2 bytes) and the
 * advance the viewer will apply after it (1/1000 em, the /W entry).
 */
export function includeGlyph(font: PdfkitEmbeddedFont, glyphId: number, text: string): { cid: number; width: number } {
  const cid = font.subset.includeGlyph(glyphId);
  let width = font.widths[cid];
  if (width == null) {
    width = glyphAdvance(font.font as unknown as SfntFont & FontkitFont, glyphId) * font.scale;
    font.widths[cid] = width;
  }
  if (font.unicode[cid] == null) {
    const cps = [...text].map((ch) => ch.codePointAt(0)!);
    // A glyph that sets no characters of its own (second glyph of a cluster) maps to
    // U+200B so the CMap stays well-formed and copying adds nothing visible.
    font.unicode[cid] = cps.length > 0 ? cps : [0x200b];
  }
  return { cid, width };
}

/** Make the font usable on the current page; returns its resource name. */
export function useFontOnPage(doc: PdfkitDocument, font: PdfkitEmbeddedFont): string {
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  return font.id;
}

/** Register an ExtGState (made once per document) on the current page. */
export function useGraphicsState(doc: PdfkitDocument, name: string, ref: PdfkitRef): void {
  doc.page.ext_gstates[name] = ref;
}

/** An indirect object of our own, with no stream, ended at once. */
export function indirect(doc: PdfkitDocument, data: Record<string, unknown>): PdfkitRef {
  const ref = doc.ref(data);
  ref.end();
  return ref;
}

/** A stream object of our own: `data` its dictionary, `bytes` its content (compressed by pdfkit). */
export function streamObject(doc: PdfkitDocument, data: Record<string, unknown>, bytes: Buffer): PdfkitRef {
  const ref = doc.ref(data);
  ref.end(bytes);
  return ref;
}

/** A form XObject of our own (content already written), made once per document. */
export function formXObject(doc: PdfkitDocument, bbox: number[], content: string): PdfkitRef {
  const ref = doc.ref({ Type: "XObject", Subtype: "Form", BBox: bbox, Resources: {} });
  ref.end(content);
  return ref;
}

/** Make an XObject usable on the current page under `name`. */
export function useXObject(doc: PdfkitDocument, name: string, ref: PdfkitRef): void {
  doc.page.xobjects[name] = ref;
}

/** Embed a JPEG (RGB, gray or Adobe CMYK) and make it usable on the current page. */
export function useJpeg(doc: PdfkitDocument, jpeg: Buffer, opened?: Map<Buffer, PdfkitImage>): { name: string; width: number; height: number } {
  // pdfkit keeps opened images only for file paths; `opened` (one per document) lets the same
  // JPEG buffer, drawn on several pages, be one image object.
  let image = opened?.get(jpeg);
  if (!image) {
    image = doc.openImage(jpeg);
    opened?.set(jpeg, image);
  }
  if (!image.obj) image.embed(doc);
  if (!image.obj) throw new Error("pdfkit changed its image embedding: see pdfkit-internals.ts");
  doc.page.xobjects[image.label] = image.obj;
  return { name: image.label, width: image.width, height: image.height };
}

/** Set an entry of the document catalog. */
export function setCatalogEntry(doc: PdfkitDocument, key: string, value: unknown): void {
  doc._root.data[key] = value;
}

/** Write raw operators to the current page's content stream. */
export function writeContent(doc: PdfkitDocument, content: string): void {
  doc.addContent(content);
}

/** Run pdfkit to completion and collect the file in memory. */
export function finish(doc: PdfkitDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", (e) => reject(e));
    doc.end();
  });
}
