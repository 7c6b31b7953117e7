/**
 * The PDF writer: draws a display list, and nothing else, as a print PDF (PDF/X-1a:2001,
 * CMYK, marks, black overprint) or a proof PDF (watermark, proof marks, light images).
 *
 * The file is built in memory, stamped with a content-hash ID and only then written, through
 * a temp file renamed over `out`: a failure anywhere leaves the previous file as it was.
 */
import { join } from "node:path";
import type {
  CmykColor,
  DisplayDocument,
  DisplayItem,
  DisplayPage,
  FontFace,
  GlyphRun,
  ImageItem,
} from "../display/types.js";
import { DEFAULT_INK_LIMIT } from "../common/print.js";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import { fastPaths } from "../common/fast-paths.js";
import { FontStore } from "../fonts/store.js";
import { ContentStream, isPureBlack, totalInk } from "./content.js";
import { loadFace } from "./fonts.js";
import { showGlyphRun, type GlyphEncoder } from "./glyphs.js";
import { drawBorder, drawRect, drawRule, PLAIN_INKING, type Inking } from "./vector-pdf.js";
import { drawMarks, marksMargin, slugRun } from "./marks.js";
import { drawProofMark, proofLabelInk, watermark, watermarkInk } from "./proof.js";
import { checkSeparationProfile, photoWarnings, preparePhoto, separationProfileFor, type PreparedPhoto, type SeparationProfile } from "../photo/image.js";
import type { OutputProfile } from "../common/icc.js";
import { addOutputIntent, infoDictionary, pdfxPageDictionary, stampFileId } from "./pdfx.js";
import { writeFileAtomically } from "./atomic.js";
import {
  addPage,
  createDocument,
  embedFace,
  finish,
  formXObject,
  useXObject,
  includeGlyph,
  indirect,
  setPageBox,
  useFontOnPage,
  useGraphicsState,
  useJpeg,
  writeContent,
  type PdfkitDocument,
  type PdfkitEmbeddedFont,
  type PdfkitImage,
  type PdfkitRef,
} from "./pdfkit-internals.js";

export interface PdfOptions {
  out: string;
  mode: "print" | "proof";
  /** Text for the proof watermark, e.g. "2024-11-27 18:05". */
  proofTime?: string;
  /** Total ink limit in percent; default 240 (newsprint). */
  inkLimit?: number;
  /** Processed-image cache; default <cwd>/.cache/paiban. */
  cacheDir?: string;
  /** The run's font store; default: one of this document's own, closed when it is written. */
  fonts?: FontStore;
  /**
   * Print: the plant's press profile (checked, src/pipeline/output-profile.ts): photos are
   * separated with it and it is embedded as the OutputIntent's DestOutputProfile. Default: the
   * shipped profile and its registered condition. The proof ignores it.
   */
  outputProfile?: OutputProfile;
}

export interface PdfImageFact {
  itemId?: string;
  src: string;
  /** Effective resolution of the embedded pixels in their frame. */
  ppi: number;
  /** Embedded pixel size. */
  width: number;
  height: number;
}

export interface PdfResult {
  bytes: number;
  warnings: Warning[];
  images: PdfImageFact[];
}

/** Deflate level of the PDF's streams with the fast paths (src/pipeline/fast-paths.ts withDeflateLevel). */
const DEFLATE_LEVEL = 1;
/** Name of the overprint graphics state on every print page. */
const OVERPRINT = "GSop";
/** Name of the translucent state for the proof watermark. */
const TRANSLUCENT = "GSwm";

function faceKey(face: FontFace): string {
  return `${face.file}#${face.postscriptName}`;
}

/** Fonts of one document: one pdfkit font object (and subset) per face. */
class FontTable {
  private readonly fonts = new Map<string, PdfkitEmbeddedFont>();
  constructor(
    private readonly doc: PdfkitDocument,
    /** Where the faces come from: the run's font store. */
    readonly store: FontStore,
  ) {}

  encoder(face: FontFace): GlyphEncoder {
    const key = faceKey(face);
    let font = this.fonts.get(key);
    if (!font) {
      font = embedFace(this.doc, loadFace(this.store, face));
      this.fonts.set(key, font);
    }
    const embedded = font;
    const numGlyphs = embedded.font.numGlyphs;
    return {
      resource: useFontOnPage(this.doc, embedded),
      encode: (glyphId, text) => {
        if (!Number.isInteger(glyphId) || glyphId < 0 || glyphId >= numGlyphs) {
          throw new PaibanError(`glyph id ${glyphId} is not in ${face.postscriptName} (${numGlyphs} glyphs)`, {
            file: face.file,
          });
        }
        return includeGlyph(embedded, glyphId, text);
      },
    };
  }
}

interface Sheet {
  /** Space added outside the trim on every side. */
  margin: number;
  mediaWidth: number;
  mediaHeight: number;
}

function sheetFor(page: DisplayPage, mode: PdfOptions["mode"]): Sheet {
  const margin = mode === "print" ? marksMargin(page.bleed) : page.bleed;
  return { margin, mediaWidth: page.trimWidth + 2 * margin, mediaHeight: page.trimHeight + 2 * margin };
}

interface PageContext {
  doc: PdfkitDocument;
  cs: ContentStream;
  mode: PdfOptions["mode"];
  fonts: FontTable;
  photos: Map<ImageItem, PreparedPhoto>;
  /** JPEGs already embedded in this document (the same photo on several pages is one object). */
  images: Map<Buffer, PdfkitImage>;
  inking: Inking;
}

/** Print: pure black (0/0/0/100) overprints; the caller's q/Q scopes the state. */
function printInking(): Inking {
  return {
    fill(cs, color) {
      if (isPureBlack(color)) cs.graphicsState(OVERPRINT);
      cs.fillCmyk(color);
    },
    stroke(cs, color) {
      if (isPureBlack(color)) cs.graphicsState(OVERPRINT);
      cs.strokeCmyk(color);
    },
  };
}

function drawGlyphRun(ctx: PageContext, run: GlyphRun, setInk?: (cs: ContentStream) => void): void {
  if (run.glyphs.length === 0) return;
  if (!(run.size > 0)) throw new PaibanError(`glyph run with font size ${run.size}`, { where: run.itemId });
  const enc = ctx.fonts.encoder(run.face);
  ctx.cs.save();
  if (setInk) setInk(ctx.cs);
  else ctx.inking.fill(ctx.cs, run.color);
  showGlyphRun(ctx.cs, run, enc);
  ctx.cs.restore();
}

function drawImage(ctx: PageContext, item: ImageItem): void {
  const photo = ctx.photos.get(item);
  if (!photo) throw new Error("photo was not prepared");
  const xobject = useJpeg(ctx.doc, photo.jpeg, ctx.images);
  const p = photo.placement;
  const x = item.x + p.x;
  const y = item.y + p.y;
  const { cs } = ctx;
  cs.save();
  cs.rect(item.x, item.y, item.width, item.height).clip();
  // The image's unit square, bottom-up, onto the placement in our y-down space.
  cs.concat(p.width, 0, 0, -p.height, x, y + p.height);
  cs.paintXObject(xobject.name);
  cs.restore();
}

function drawItem(ctx: PageContext, item: DisplayItem): void {
  switch (item.kind) {
    case "glyphs":
      return drawGlyphRun(ctx, item);
    case "rule":
      return drawRule(ctx.cs, item, ctx.inking);
    case "rect":
      return drawRect(ctx.cs, item, ctx.inking);
    case "border":
      return drawBorder(ctx.cs, item, ctx.inking);
    case "image":
      return drawImage(ctx, item);
    case "proof-mark":
      if (ctx.mode === "proof") {
        const label = drawProofMark(ctx.cs, item, ctx.fonts.store);
        if (label) drawGlyphRun(ctx, label, proofLabelInk);
      }
      return;
  }
}

function drawWatermark(ctx: PageContext, page: DisplayPage, proofTime: string | undefined): void {
  const mark = watermark(page, proofTime, ctx.fonts.store);
  ctx.cs.save();
  ctx.cs.concat(...mark.transform);
  drawGlyphRun(ctx, mark.run, (cs) => watermarkInk(cs, TRANSLUCENT));
  ctx.cs.restore();
}

interface DocumentStates {
  overprint?: PdfkitRef;
  translucent?: PdfkitRef;
  /** Motif forms (花边) made so far, by name: one object per document, shared by its pages. */
  forms: Map<string, PdfkitRef>;
}

/** What every page of one document is drawn with. */
interface DocumentContext {
  doc: PdfkitDocument;
  /** The display document (its title, paper and date go into the slug line). */
  docInfo: DisplayDocument;
  opts: PdfOptions;
  fonts: FontTable;
  photos: Map<ImageItem, PreparedPhoto>;
  states: DocumentStates;
  /** JPEGs already embedded in this document (the same photo on several pages is one object). */
  images: Map<Buffer, PdfkitImage>;
}

function drawPage(page: DisplayPage, { doc, docInfo, opts, fonts, photos, states, images }: DocumentContext): void {
  const sheet = sheetFor(page, opts.mode);
  addPage(doc, sheet.mediaWidth, sheet.mediaHeight);
  pdfxPageDictionary(doc.page.dictionary.data);
  const m = sheet.margin;
  const b = page.bleed;
  setPageBox(doc, "TrimBox", [m, m, m + page.trimWidth, m + page.trimHeight]);
  setPageBox(doc, "BleedBox", [m - b, m - b, m + page.trimWidth + b, m + page.trimHeight + b]);
  if (states.overprint) useGraphicsState(doc, OVERPRINT, states.overprint);
  if (states.translucent) useGraphicsState(doc, TRANSLUCENT, states.translucent);

  const cs = new ContentStream({ forms: true });
  const ctx: PageContext = {
    doc,
    cs,
    mode: opts.mode,
    fonts,
    photos,
    images,
    inking: opts.mode === "print" ? printInking() : PLAIN_INKING,
  };
  cs.save().translate(m, m); // origin at the trim's top-left, y down (pdfkit flipped the page)
  cs.save();
  cs.rect(-b, -b, page.trimWidth + 2 * b, page.trimHeight + 2 * b).clip(); // nothing beyond the bleed
  for (const item of page.items) drawItem(ctx, item);
  cs.restore();
  if (opts.mode === "print") {
    drawMarks(cs, page);
    drawGlyphRun(ctx, slugRun(docInfo, page, fonts.store));
  } else {
    drawWatermark(ctx, page, opts.proofTime);
  }
  cs.restore();
  for (const [name, form] of cs.forms) {
    let ref = states.forms.get(name);
    if (!ref) states.forms.set(name, (ref = formXObject(doc, form.bbox, form.content)));
    useXObject(doc, name, ref);
  }
  writeContent(doc, cs.toString());
}

function checkNumber(v: unknown, where: string, min = 0): void {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
    throw new PaibanError(`${where} must be a number ≥ ${min}, got ${String(v)}`, { where });
  }
}

function validate(doc: DisplayDocument, opts: PdfOptions): void {
  if (!opts.out) throw new PaibanError("no output file given");
  if (opts.mode !== "print" && opts.mode !== "proof") {
    throw new PaibanError(`mode must be "print" or "proof", got "${String(opts.mode)}"`);
  }
  if (opts.inkLimit !== undefined && !(opts.inkLimit >= 100 && opts.inkLimit <= 400)) {
    throw new PaibanError(`ink limit must be 100..400 %, got ${opts.inkLimit}`);
  }
  if (!doc.pages || doc.pages.length === 0) throw new PaibanError("the document has no pages");
  doc.pages.forEach((p, i) => {
    checkNumber(p.trimWidth, `pages[${i}].trimWidth`, 1);
    checkNumber(p.trimHeight, `pages[${i}].trimHeight`, 1);
    checkNumber(p.bleed, `pages[${i}].bleed`, 0);
  });
}

function colourWarnings(doc: DisplayDocument, inkLimit: number): Warning[] {
  const warnings: Warning[] = [];
  const check = (color: CmykColor | undefined, itemId: string | undefined, what: string) => {
    if (color && totalInk(color) > inkLimit) {
      warnings.push({
        code: "ink-limit",
        message: `${what} colour ${color.c}/${color.m}/${color.y}/${color.k} has ${totalInk(color)} % total ink, over ${inkLimit} %`,
        itemId,
      });
    }
  };
  for (const page of doc.pages) {
    for (const item of page.items) {
      if (item.kind === "glyphs" || item.kind === "rule" || item.kind === "border") check(item.color, item.itemId, item.kind);
      if (item.kind === "rect") {
        check(item.fill, item.itemId, "rect fill");
        check(item.stroke, item.itemId, "rect stroke");
      }
    }
  }
  return warnings;
}

function photoCacheDir(opts: PdfOptions): string {
  return opts.cacheDir ?? join(process.cwd(), ".cache", "paiban");
}

async function preparePhotos(
  doc: DisplayDocument,
  opts: PdfOptions,
  inkLimit: number,
  warnings: Warning[],
): Promise<{ photos: Map<ImageItem, PreparedPhoto>; facts: PdfImageFact[] }> {
  const photos = new Map<ImageItem, PreparedPhoto>();
  const facts: PdfImageFact[] = [];
  const cacheDir = photoCacheDir(opts);
  // A plant's profile is checked by making its separation table first, photos or none.
  let profile: SeparationProfile | undefined;
  if (opts.mode === "print" && opts.outputProfile) {
    profile = await separationProfileFor(opts.outputProfile, cacheDir);
    await checkSeparationProfile(profile, cacheDir);
  }
  const items = doc.pages.flatMap((p) => p.items.filter((i): i is ImageItem => i.kind === "image"));
  // The same photo in the same frame size on several pages (an edition) is prepared once and,
  // being the same buffer, embedded once (useJpeg).
  const same = new Map<string, Awaited<ReturnType<typeof preparePhoto>>>();
  // Sequential on purpose: sharp is multi-threaded inside, and the order of warnings stays fixed.
  for (const item of items) {
    if (!(item.width > 0 && item.height > 0)) {
      throw new PaibanError(`image frame is ${item.width}×${item.height} pt`, { file: item.src, where: item.itemId });
    }
    const key = JSON.stringify([item.src, item.width, item.height, item.fit, item.focus ?? null]);
    let prepared = same.get(key);
    if (prepared) prepared = { photo: prepared.photo, warnings: photoWarnings(item, prepared.photo, { mode: opts.mode, inkLimit }) };
    else same.set(key, (prepared = await preparePhoto({ item, mode: opts.mode, inkLimit, cacheDir, ...(profile && { profile }) })));
    const { photo, warnings: w } = prepared;
    photos.set(item, photo);
    warnings.push(...w);
    facts.push({ itemId: item.itemId, src: item.src, ppi: photo.ppi, width: photo.pixelWidth, height: photo.pixelHeight });
  }
  return { photos, facts };
}

/** Build the whole PDF in memory. */
async function renderPdf(doc: DisplayDocument, opts: PdfOptions, photos: Map<ImageItem, PreparedPhoto>, store: FontStore): Promise<Buffer> {
  const pdf = createDocument({ info: infoDictionary(doc, opts.mode) });
  const states: DocumentStates = { forms: new Map() };
  if (opts.mode === "print") {
    states.overprint = indirect(pdf, { Type: "ExtGState", OP: true, op: true, OPM: 1 });
    addOutputIntent(pdf, opts.outputProfile);
  } else {
    states.translucent = indirect(pdf, { Type: "ExtGState", ca: 0.2, CA: 0.2 });
  }
  const fonts = new FontTable(pdf, store);
  const images = new Map<Buffer, PdfkitImage>();
  const context: DocumentContext = { doc: pdf, docInfo: doc, opts, fonts, photos, states, images };
  return fastPaths.deflate(DEFLATE_LEVEL, async () => {
    for (const page of doc.pages) drawPage(page, context);
    return stampFileId(await finish(pdf));
  });
}

/** The whole PDF in memory, with the warnings and image facts of writing it (nothing written to disk). */
export async function renderPdfBytes(doc: DisplayDocument, opts: PdfOptions): Promise<PdfResult & { pdf: Buffer }> {
  validate(doc, opts);
  const inkLimit = opts.inkLimit ?? DEFAULT_INK_LIMIT;
  const warnings: Warning[] = opts.mode === "print" ? colourWarnings(doc, inkLimit) : [];
  const { photos, facts } = await preparePhotos(doc, opts, inkLimit, warnings);
  const store = opts.fonts ?? new FontStore();
  try {
    const pdf = await renderPdf(doc, opts, photos, store);
    return { pdf, bytes: pdf.length, warnings, images: facts };
  } finally {
    if (!opts.fonts) store.close();
  }
}

/** Draw a display list into a PDF file, atomically. */
export async function writePdf(doc: DisplayDocument, opts: PdfOptions): Promise<PdfResult> {
  const { pdf, ...result } = await renderPdfBytes(doc, opts);
  await writeFileAtomically(opts.out, pdf);
  return result;
}
