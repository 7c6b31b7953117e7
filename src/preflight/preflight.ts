/**
 * Preflight: is a PDF — any PDF, not only ours — fit to go to a newspaper plate-setter?
 *
 * Checks (PDF/X-1a:2001 and newsprint practice): fonts embedded; only device CMYK/gray (no
 * RGB, ICC-based or Lab) in content and images; no transparency; TrimBox (or ArtBox) on every
 * page with TrimBox ⊆ BleedBox ⊆ MediaBox; images ≥ 200 ppi effective; total ink ≤ the limit
 * inside the trim, for fill colours and CMYK images; PDF/X identification (version,
 * OutputIntent, Trapped, title, dates, file ID); no encryption; no annotations inside the
 * printed area but printer's marks and trap networks.
 */
import { readFile } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import sharp from "sharp";
import { PDFDict, PDFDocument, PDFName, PDFStream, type PDFContext } from "pdf-lib";
import { PaibanError } from "../common/diagnostics.js";
import { jpegFrame } from "../common/image-header.js";
import { DEFAULT_INK_LIMIT, PRINT_MIN_PPI } from "../common/print.js";
import { scanContent, multiply, apply, type Box, type Colour, type Matrix, type Operand, type ScanHost, isName } from "./content-scan.js";
import { arrayOf, dictAt, get, nameAt, nameOf, numbersOf, rawContents, rectOf, resolve, streamBytes, textOf } from "./pdf-objects.js";
import {
  colourSpaceFamily,
  colourSpaceProblem,
  fontFact,
  graphicsStateTransparency,
  imageInfo,
  isStandard14,
  scanFont,
  type FontFact,
  type ImageInfo,
} from "./resources.js";

export type Rect = [number, number, number, number];

export interface PreflightProblem {
  code: string;
  message: string;
  page?: number;
}

export interface PreflightImage {
  page: number;
  width: number;
  height: number;
  /** Effective resolution where placed (the lower of the two axes). */
  ppi?: number;
  colorSpace: string;
  /** Highest total ink (percent) over 3×3-pixel areas, for CMYK images. */
  maxInk?: number;
}

export interface PreflightFacts {
  pdfVersion?: string;
  pages: number;
  fonts: FontFact[];
  images: PreflightImage[];
  boxes: { page: number; media: Rect; crop?: Rect; bleed?: Rect; trim?: Rect; art?: Rect }[];
  pdfx: { version?: string; conformance?: string; outputIntent?: string; trapped?: string };
  colorSpaces: string[];
  /** Highest total ink inside the trim, percent (fill colours and CMYK images). */
  maxInk?: number;
  transparency: boolean;
  encrypted: boolean;
}

export interface PreflightResult {
  ok: boolean;
  problems: PreflightProblem[];
  facts: PreflightFacts;
}

export interface PreflightOptions {
  /** Total ink limit, percent; default 240 (newsprint). */
  inkLimit?: number;
  /** Lowest acceptable effective image resolution; default 200 ppi. */
  minPpi?: number;
}

/** Accumulates problems once per (code, page, message). */
class Findings {
  readonly problems: PreflightProblem[] = [];
  private readonly seen = new Set<string>();
  add(code: string, message: string, page?: number): void {
    const key = `${code}|${page ?? ""}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(page === undefined ? { code, message } : { code, message, page });
  }
}

function intersects(a: Box, r: Rect | undefined): boolean {
  if (!r) return true;
  return a.x1 >= r[0] && a.x0 <= r[2] && a.y1 >= r[1] && a.y0 <= r[3];
}

function contains(outer: Rect, inner: Rect, tolerance = 0.01): boolean {
  return (
    inner[0] >= outer[0] - tolerance &&
    inner[1] >= outer[1] - tolerance &&
    inner[2] <= outer[2] + tolerance &&
    inner[3] <= outer[3] + tolerance
  );
}

const fmtRect = (r: Rect) => `[${r.map((n) => Math.round(n * 100) / 100).join(" ")}]`;

/** Highest total ink of 8-bit CMYK samples, averaged over 3×3-pixel cells (JPEG noise is not ink). */
export function maxInkOfPixels(cmyk: Uint8Array, width: number, height: number, inverted: boolean): number {
  const cell = 3;
  let max = 0;
  for (let cy = 0; cy < height; cy += cell) {
    for (let cx = 0; cx < width; cx += cell) {
      let sum = 0;
      let count = 0;
      for (let y = cy; y < Math.min(height, cy + cell); y++) {
        for (let x = cx; x < Math.min(width, cx + cell); x++) {
          const i = (y * width + x) * 4;
          const s = cmyk[i]! + cmyk[i + 1]! + cmyk[i + 2]! + cmyk[i + 3]!;
          sum += inverted ? 1020 - s : s;
          count++;
        }
      }
      if (count > 0) max = Math.max(max, sum / count);
    }
  }
  return (max * 100) / 255;
}

/** Total ink of a CMYK JPEG or Flate image, or undefined when it cannot be read. */
async function imageInk(stream: PDFStream, info: ImageInfo): Promise<number | undefined> {
  if (info.colourSpace !== "DeviceCMYK" || info.bitsPerComponent !== 8) return undefined;
  const raw = rawContents(stream);
  if (!raw) return undefined;
  try {
    if (info.filters.length === 1 && info.filters[0] === "DCTDecode") {
      const jpeg = Buffer.from(raw);
      // libjpeg/libvips hand back Adobe JPEGs un-inverted (samples = 255 − stored); the PDF
      // /Decode then says how to read them. Adobe's APP14 segment, not the word anywhere (XMP
      // packets say "Adobe XMP Core").
      const adobe = jpegFrame(jpeg)?.adobe ?? false;
      const { data, info: px } = await sharp(jpeg, { ignoreIcc: true })
        .pipelineColourspace("cmyk")
        .toColourspace("cmyk")
        .raw()
        .toBuffer({ resolveWithObject: true });
      const inverted = info.decodeInverted ? !adobe : adobe;
      return maxInkOfPixels(data, px.width, px.height, inverted);
    }
    if (info.filters.length === 1 && info.filters[0] === "FlateDecode") {
      const data = inflateSync(raw);
      return maxInkOfPixels(data, info.width, info.height, info.decodeInverted);
    }
    if (info.filters.length === 0) return maxInkOfPixels(raw, info.width, info.height, info.decodeInverted);
  } catch {
    return undefined;
  }
  return undefined;
}

/** The effective resolution of an image drawn through `ctm` (unit square → page). */
function placedPpi(width: number, height: number, ctm: Matrix): number | undefined {
  const w = Math.hypot(ctm[0], ctm[1]);
  const h = Math.hypot(ctm[2], ctm[3]);
  if (w <= 0 || h <= 0) return undefined;
  return Math.min(width / (w / 72), height / (h / 72));
}

function unitSquareBox(ctm: Matrix): Box {
  const pts = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
  return {
    x0: Math.min(...pts.map((p) => p.x)),
    y0: Math.min(...pts.map((p) => p.y)),
    x1: Math.max(...pts.map((p) => p.x)),
    y1: Math.max(...pts.map((p) => p.y)),
  };
}

interface PageScan {
  ctx: PDFContext;
  page: number;
  trim?: Rect;
  findings: Findings;
  facts: PreflightFacts;
  fonts: Map<string, FontFact>;
  spaces: Set<string>;
  pendingImages: Promise<void>[];
  maxInk: { value: number };
  opts: Required<PreflightOptions>;
  glyph?: ScanHost["glyph"];
  depth: number;
  bleed?: Rect;
  /** Form XObjects decoded so far, and resource dictionaries whose fonts are collected: a 花边 places one form hundreds of times. */
  formBytes: WeakMap<PDFStream, Uint8Array | null>;
  fontsCollected: WeakSet<PDFDict>;
}

function noteSpace(scan: PageScan, family: string, where: string): void {
  scan.spaces.add(family);
  const problem = colourSpaceProblem(family);
  if (problem) scan.findings.add(problem.code, `${problem.message} in ${where}`, scan.page);
}

function noteInk(scan: PageScan, ink: number, where: string): void {
  if (ink > scan.maxInk.value) scan.maxInk.value = ink;
  if (ink > scan.opts.inkLimit + 0.5) {
    scan.findings.add("ink-limit", `total ink ${ink.toFixed(0)} % in ${where}, over ${scan.opts.inkLimit} %`, scan.page);
  }
}

function colourInk(colour: Colour): number | undefined {
  if (colour.space !== "DeviceCMYK" || colour.components.length !== 4) return undefined;
  return colour.components.reduce((a, b) => a + b, 0) * 100;
}

function paintImage(scan: PageScan, stream: PDFStream, resources: PDFDict | undefined, ctm: Matrix): void {
  const info = imageInfo(scan.ctx, stream.dict, resources);
  if (info.isMask) return;
  noteSpace(scan, info.colourSpace, "an image");
  if (info.hasSoftMask) {
    scan.findings.add("transparency", "an image has a soft mask (transparency)", scan.page);
  }
  const ppi = placedPpi(info.width, info.height, ctm);
  const fact: PreflightImage = { page: scan.page, width: info.width, height: info.height, colorSpace: info.colourSpace };
  if (ppi !== undefined) fact.ppi = Math.round(ppi * 10) / 10;
  scan.facts.images.push(fact);
  if (ppi !== undefined && ppi < scan.opts.minPpi - 0.5) {
    scan.findings.add("image-resolution", `image ${info.width}×${info.height} px at ${ppi.toFixed(0)} ppi, below ${scan.opts.minPpi} ppi`, scan.page);
  }
  if (!intersects(unitSquareBox(ctm), scan.trim)) return;
  scan.pendingImages.push(
    imageInk(stream, info).then((ink) => {
      if (ink === undefined) return;
      fact.maxInk = Math.round(ink * 10) / 10;
      noteInk(scan, ink, "an image");
    }),
  );
}

function scanStream(scan: PageScan, content: Uint8Array, resources: PDFDict | undefined, ctm: Matrix): void {
  const { ctx } = scan;
  const fontCache = new Map<string, ReturnType<typeof scanFont> | null>();
  const host: ScanHost = {
    // Device names and inline-image abbreviations (/RGB) are spelled out, resources looked up:
    // the one place that knows colour space names (resources.ts colourSpaceFamily).
    colourSpace: (name) => colourSpaceFamily(ctx, PDFName.of(name), resources),
    font: (name) => {
      if (!fontCache.has(name)) {
        const dict = dictAt(ctx, dictAt(ctx, resources, "Font"), name);
        fontCache.set(name, dict ? scanFont(ctx, dict) : null);
      }
      return fontCache.get(name) ?? null;
    },
    xobject: (name, at) => {
      const x = get(ctx, dictAt(ctx, resources, "XObject"), name);
      if (!(x instanceof PDFStream)) return;
      const subtype = nameAt(ctx, x.dict, "Subtype");
      if (subtype === "Image") paintImage(scan, x, resources, at);
      else if (subtype === "Form" && scan.depth < 12) {
        const matrix = numbersOf(ctx, get(ctx, x.dict, "Matrix"));
        const m: Matrix = matrix.length === 6 ? (matrix as Matrix) : [1, 0, 0, 1, 0, 0];
        const formResources = dictAt(ctx, x.dict, "Resources") ?? resources;
        collectFonts(scan, formResources);
        if (isTransparencyGroup(ctx, x.dict)) scan.findings.add("transparency", "a form XObject is a transparency group", scan.page);
        let bytes = scan.formBytes.get(x);
        if (bytes === undefined) scan.formBytes.set(x, (bytes = streamBytes(x)));
        if (bytes) scanStream({ ...scan, depth: scan.depth + 1 }, bytes, formResources, multiply(m, at));
      }
    },
    graphicsState: (name) => {
      const gs = dictAt(ctx, dictAt(ctx, resources, "ExtGState"), name);
      const why = graphicsStateTransparency(ctx, gs);
      if (why) scan.findings.add("transparency", `transparency (${why}); PDF/X-1a needs it flattened`, scan.page);
    },
    shading: (name) => {
      const sh = dictAt(ctx, dictAt(ctx, resources, "Shading"), name);
      if (sh) noteSpace(scan, colourSpaceFamily(ctx, get(ctx, sh, "ColorSpace"), resources), "a shading");
    },
    colourSet: (colour) => noteSpace(scan, colour.space, "page content"),
    painted: (colour, box, what) => {
      const ink = colourInk(colour);
      if (ink !== undefined && intersects(box, scan.trim)) noteInk(scan, ink, `a ${what} colour`);
    },
    inlineImage: (params: Map<string, Operand>, at) => {
      const cs = params.get("CS") ?? params.get("ColorSpace");
      const isMask = params.get("IM") === "true" || params.get("ImageMask") === "true";
      const space = isName(cs) ? host.colourSpace(cs.name) : undefined;
      if (!isMask && space) noteSpace(scan, space, "an inline image");
      const w = params.get("W") ?? params.get("Width");
      const h = params.get("H") ?? params.get("Height");
      if (typeof w === "number" && typeof h === "number") {
        const ppi = placedPpi(w, h, at);
        const colourSpace = space ?? (isMask ? "ImageMask" : "unknown");
        scan.facts.images.push({ page: scan.page, width: w, height: h, colorSpace: colourSpace, ppi });
        if (!isMask && ppi !== undefined && ppi < scan.opts.minPpi - 0.5 && w * h > 64) {
          scan.findings.add("image-resolution", `inline image ${w}×${h} px at ${ppi.toFixed(0)} ppi`, scan.page);
        }
      }
    },
  };
  if (scan.glyph) host.glyph = scan.glyph;
  scanContent(content, host, ctm);
}

function collectFonts(scan: PageScan, resources: PDFDict | undefined): void {
  if (!resources || scan.fontsCollected.has(resources)) return;
  scan.fontsCollected.add(resources);
  const fonts = dictAt(scan.ctx, resources, "Font");
  if (!fonts) return;
  for (const [, value] of fonts.entries()) {
    const dict = resolve(scan.ctx, value);
    if (!(dict instanceof PDFDict)) continue;
    const fact = fontFact(scan.ctx, dict);
    const id = `${fact.name}|${fact.type}`;
    if (!scan.fonts.has(id)) {
      scan.fonts.set(id, fact);
      if (!fact.embedded) {
        const std = isStandard14(fact.name) ? " (a standard-14 font: still must be embedded)" : "";
        scan.findings.add("font-not-embedded", `font ${fact.name} is not embedded${std}`, scan.page);
      }
    }
  }
}

function pageContent(ctx: PDFContext, page: PDFDict): Uint8Array {
  const contents = get(ctx, page, "Contents");
  const streams = contents instanceof PDFStream ? [contents] : arrayOf(ctx, contents);
  const parts = streams.map((s) => streamBytes(s)).filter((b): b is Uint8Array => !!b);
  const total = parts.reduce((n, p) => n + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a; // streams join as if separated by white-space
    at += p.length + 1;
  }
  return out;
}

function checkBoxes(scan: PageScan, pageDict: PDFDict, media: Rect): { trim?: Rect; bleed?: Rect } {
  const { ctx, findings, page } = scan;
  const box = (key: string): Rect | undefined => rectOf(ctx, get(ctx, pageDict, key));
  const crop = box("CropBox");
  const bleed = box("BleedBox");
  const trim = box("TrimBox");
  const art = box("ArtBox");
  scan.facts.boxes.push({ page, media, ...(crop && { crop }), ...(bleed && { bleed }), ...(trim && { trim }), ...(art && { art }) });
  if (!trim && !art) findings.add("box-missing", "no TrimBox (nor ArtBox)", page);
  if (trim && art) findings.add("box-inconsistent", "both TrimBox and ArtBox; PDF/X wants one", page);
  const finished = trim ?? art;
  if (finished && !contains(media, finished)) findings.add("box-inconsistent", `TrimBox ${fmtRect(finished)} is not inside MediaBox ${fmtRect(media)}`, page);
  if (bleed && finished && !contains(bleed, finished)) findings.add("box-inconsistent", `TrimBox ${fmtRect(finished)} is not inside BleedBox ${fmtRect(bleed)}`, page);
  if (bleed && !contains(media, bleed)) findings.add("box-inconsistent", `BleedBox ${fmtRect(bleed)} is not inside MediaBox ${fmtRect(media)}`, page);
  return { ...(finished && { trim: finished }), ...(bleed && { bleed }) };
}

/**
 * Annotations the press may find inside the printed area. PDF/X-1a (ISO 15930-1) allows only
 * printer's marks and trap networks inside the BleedBox (the TrimBox where there is none): a
 * link, a note, a form field or a stamp there is no part of the page, and one RIP prints it
 * while another ignores it.
 */
const PRINTING_ANNOTATIONS = new Set(["PrinterMark", "TrapNet"]);

function checkAnnotations(scan: PageScan, pageDict: PDFDict, media: Rect | undefined): void {
  const { ctx, findings, page } = scan;
  const area = scan.bleed ?? scan.trim ?? media;
  for (const entry of arrayOf(ctx, get(ctx, pageDict, "Annots"))) {
    const annotation = resolve(ctx, entry);
    if (!(annotation instanceof PDFDict)) continue;
    const subtype = nameAt(ctx, annotation, "Subtype") ?? "untyped";
    if (PRINTING_ANNOTATIONS.has(subtype)) continue;
    const rect = rectOf(ctx, get(ctx, annotation, "Rect"));
    if (!rect || intersects({ x0: rect[0], y0: rect[1], x1: rect[2], y1: rect[3] }, area)) findings.add("annotation", `${subtype} annotation inside the printed area; PDF/X-1a allows only printer's marks and trap networks there`, page);
  }
}

/** A page or form whose /Group is a transparency group. */
function isTransparencyGroup(ctx: PDFContext, dict: PDFDict): boolean {
  return nameAt(ctx, dictAt(ctx, dict, "Group"), "S") === "Transparency";
}

function inheritedMediaBox(ctx: PDFContext, page: PDFDict): Rect | undefined {
  let node: PDFDict | undefined = page;
  for (let i = 0; node && i < 32; i++) {
    const r = rectOf(ctx, get(ctx, node, "MediaBox"));
    if (r) return r;
    node = dictAt(ctx, node, "Parent");
  }
  return undefined;
}

function checkPdfx(ctx: PDFContext, doc: PDFDocument, findings: Findings, facts: PreflightFacts): void {
  const trailer = ctx.trailerInfo;
  const info = trailer.Info ? (ctx.lookup(trailer.Info) as PDFDict | undefined) : undefined;
  const infoText = (key: string) => (info instanceof PDFDict ? textOf(get(ctx, info, key)) : undefined);
  const version = infoText("GTS_PDFXVersion");
  const conformance = infoText("GTS_PDFXConformance");
  const trappedObj = info instanceof PDFDict ? get(ctx, info, "Trapped") : undefined;
  const trapped = nameOf(trappedObj) ?? textOf(trappedObj);
  if (version) facts.pdfx.version = version;
  if (conformance) facts.pdfx.conformance = conformance;
  if (trapped) facts.pdfx.trapped = trapped;
  if (!version || !/^PDF\/X-/.test(version)) findings.add("pdfx-version", "no GTS_PDFXVersion in the document info: not identified as PDF/X");
  else if (/^PDF\/X-1a:2001/.test(version) && facts.pdfVersion && Number(facts.pdfVersion) > 1.3) {
    findings.add("pdfx-version", `PDF/X-1a:2001 must be PDF 1.3, file is PDF ${facts.pdfVersion}`);
  }
  if (version && /^PDF\/X-1a:2001/.test(version) && !conformance) findings.add("pdfx-version", "PDF/X-1a:2001 needs GTS_PDFXConformance");
  if (!(trappedObj && nameOf(trappedObj) && ["True", "False"].includes(nameOf(trappedObj)!))) {
    findings.add("pdfx-trapped", "Trapped must be the name /True or /False");
  }
  if (!infoText("Title")) findings.add("pdfx-info", "no Title in the document info");
  if (!infoText("CreationDate") || !infoText("ModDate")) findings.add("pdfx-info", "CreationDate and ModDate are required");
  if (!trailer.ID) findings.add("pdfx-id", "no file identifier (/ID) in the trailer");

  const intents = arrayOf(ctx, doc.catalog.get(PDFName.of("OutputIntents"))).filter(
    (o): o is PDFDict => o instanceof PDFDict && nameAt(ctx, o, "S") === "GTS_PDFX",
  );
  if (intents.length !== 1) {
    findings.add("pdfx-output-intent", intents.length === 0 ? "no GTS_PDFX OutputIntent" : "more than one GTS_PDFX OutputIntent");
  }
  const intent = intents[0];
  if (intent) {
    const id = textOf(get(ctx, intent, "OutputConditionIdentifier"));
    if (id) facts.pdfx.outputIntent = id;
    else findings.add("pdfx-output-intent", "the OutputIntent has no OutputConditionIdentifier");
    const profile = get(ctx, intent, "DestOutputProfile");
    const registry = textOf(get(ctx, intent, "RegistryName"));
    if (!profile && !registry) findings.add("pdfx-output-intent", "OutputIntent has neither an embedded profile nor a RegistryName for its condition");
  }
}

function pdfHeaderVersion(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return /%PDF-(\d\.\d)/.exec(head)?.[1];
}

async function load(file: string): Promise<{ bytes: Uint8Array; doc: PDFDocument }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new PaibanError("cannot read the PDF", { file });
  }
  if (!pdfHeaderVersion(bytes)) throw new PaibanError("not a PDF file (no %PDF- header)", { file });
  try {
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    return { bytes, doc };
  } catch {
    throw new PaibanError("the PDF could not be parsed (damaged?)", { file });
  }
}

/** Positions of every glyph shown, per page, in default user space (for tests and reports). */
export interface ShownGlyph {
  page: number;
  font: string;
  code: number;
  x: number;
  y: number;
  size: number;
}

async function run(file: string, options: PreflightOptions, onGlyph?: (g: ShownGlyph) => void): Promise<PreflightResult> {
  const opts: Required<PreflightOptions> = { inkLimit: options.inkLimit ?? DEFAULT_INK_LIMIT, minPpi: options.minPpi ?? PRINT_MIN_PPI };
  const { bytes, doc } = await load(file);
  const ctx = doc.context;
  const findings = new Findings();
  const facts: PreflightFacts = {
    pages: doc.getPageCount(),
    fonts: [],
    images: [],
    boxes: [],
    pdfx: {},
    colorSpaces: [],
    transparency: false,
    encrypted: !!ctx.trailerInfo.Encrypt,
  };
  const version = pdfHeaderVersion(bytes);
  if (version) facts.pdfVersion = version;
  if (facts.encrypted) findings.add("encrypted", "the PDF is encrypted");
  checkPdfx(ctx, doc, findings, facts);

  const fonts = new Map<string, FontFact>();
  const formBytes = new WeakMap<PDFStream, Uint8Array | null>();
  const fontsCollected = new WeakSet<PDFDict>();
  const spaces = new Set<string>();
  const maxInk = { value: 0 };
  const pending: Promise<void>[] = [];
  doc.getPages().forEach((p, i) => {
    const pageDict = p.node as unknown as PDFDict;
    const page = i + 1;
    const media = inheritedMediaBox(ctx, pageDict);
    const scan: PageScan = { ctx, page, findings, facts, fonts, spaces, pendingImages: pending, maxInk, opts, depth: 0, formBytes, fontsCollected };
    if (!media) findings.add("box-missing", "no MediaBox", page);
    else Object.assign(scan, checkBoxes(scan, pageDict, media));
    checkAnnotations(scan, pageDict, media);
    if (isTransparencyGroup(ctx, pageDict)) findings.add("transparency", "the page is a transparency group", page);
    const resources = p.node.Resources();
    collectFonts(scan, resources);
    if (onGlyph) scan.glyph = (g) => onGlyph({ page, ...g });
    scanStream(scan, pageContent(ctx, pageDict), resources, [1, 0, 0, 1, 0, 0]);
  });
  await Promise.all(pending);
  facts.fonts = [...fonts.values()];
  facts.colorSpaces = [...spaces].sort();
  if (maxInk.value > 0) facts.maxInk = Math.round(maxInk.value * 10) / 10;
  facts.transparency = findings.problems.some((p) => p.code === "transparency");
  return { ok: findings.problems.length === 0, problems: findings.problems, facts };
}

/** Preflight a PDF for newspaper print. */
export async function preflight(file: string, options: PreflightOptions = {}): Promise<PreflightResult> {
  return run(file, options);
}

/** Every glyph a PDF shows, with its origin in PDF user space (y up), in content order. */
export async function shownGlyphs(file: string): Promise<ShownGlyph[]> {
  const glyphs: ShownGlyph[] = [];
  await run(file, {}, (g) => glyphs.push(g));
  return glyphs;
}
