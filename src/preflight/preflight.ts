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
import { PDFDict, PDFName, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { PaibanError } from "../common/diagnostics.js";
import { DEFAULT_INK_LIMIT, PRINT_MIN_PPI } from "../common/print.js";
import { scanContent, multiply, apply, type Box, type Budget, type Colour, type Matrix, type Operand, type Overprint, type PaintState, type ScanHost, isName } from "./content-scan.js";
import { ColourSpaces, Plates, totalInk, type Ink, type InkSpace } from "./colour.js";
import { checkForbidden, checkIdentification, checkOutputIntent, loadPdf, type LoadedPdf } from "./document.js";
import { BuildUps, imageInk, imageInkUnder, maxTotal, platewiseMax, shadingInks, type ImageInk, type Paint } from "./ink.js";
import { PdfLimitError, arrayOf, dictAt, get, nameAt, nameOf, numberAt, numbersOf, rectOf, resolve, streamBytes, textOf } from "./pdf-objects.js";
import { fontFact, graphicsStateTransparency, isStandard14, scanFont, type FontFact } from "./resources.js";

export type Rect = [number, number, number, number];

export interface PreflightProblem {
  code: string;
  message: string;
  page?: number;
  /** Object number of the PDF object the finding is about (image, form, font, annotation, …). */
  object?: number;
}

export interface PreflightImage {
  page: number;
  width: number;
  height: number;
  /** Effective resolution where placed (the lower of the two axes). */
  ppi?: number;
  colorSpace: string;
  /** Highest total ink (percent) over 3×3-pixel areas. */
  maxInk?: number;
  bitsPerComponent?: number;
  object?: number;
}

export interface PreflightFacts {
  pdfVersion?: string;
  pages: number;
  fonts: FontFact[];
  images: PreflightImage[];
  boxes: { page: number; media: Rect; crop?: Rect; bleed?: Rect; trim?: Rect; art?: Rect }[];
  pdfx: { version?: string; conformance?: string; outputIntent?: string; trapped?: string; standard?: string };
  colorSpaces: string[];
  /** Highest total ink inside the trim, percent (colours, images, shadings, overprinted build-ups). */
  maxInk?: number;
  transparency: boolean;
  encrypted: boolean;
  /** Spot plates the document inks, besides the four process plates. */
  spotColours: string[];
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

/** Accumulates problems once per (code, page, object, message). */
class Findings {
  readonly problems: PreflightProblem[] = [];
  private readonly seen = new Set<string>();
  add(code: string, message: string, page?: number, object?: number): void {
    const key = `${code}|${page ?? ""}|${object ?? ""}|${message}`;
    if (this.seen.has(key) || this.problems.length >= 10_000) return;
    this.seen.add(key);
    this.problems.push({ code, message, ...(page !== undefined && { page }), ...(object !== undefined && { object }) });
  }
}

function intersects(a: Box, r: Rect | undefined): boolean {
  if (!r) return true;
  return a.x1 >= r[0] && a.x0 <= r[2] && a.y1 >= r[1] && a.y0 <= r[3];
}

function contains(outer: Rect, inner: Rect, tolerance = 0.01): boolean {
  return inner[0] >= outer[0] - tolerance && inner[1] >= outer[1] - tolerance && inner[2] <= outer[2] + tolerance && inner[3] <= outer[3] + tolerance;
}

const fmtRect = (r: Rect) => `[${r.map((n) => Math.round(n * 100) / 100).join(" ")}]`;
const fmtBox = (b: Box) => fmtRect([b.x0, b.y0, b.x1, b.y1]);

/** The effective resolution of an image drawn through `ctm` (unit square → page). */
function placedPpi(width: number, height: number, ctm: Matrix): number | undefined {
  const w = Math.hypot(ctm[0], ctm[1]);
  const h = Math.hypot(ctm[2], ctm[3]);
  if (w <= 0 || h <= 0) return undefined;
  return Math.min(width / (w / 72), height / (h / 72));
}

function unitSquareBox(ctm: Matrix): Box {
  const pts = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
  return { x0: Math.min(...pts.map((p) => p.x)), y0: Math.min(...pts.map((p) => p.y)), x1: Math.max(...pts.map((p) => p.x)), y1: Math.max(...pts.map((p) => p.y)) };
}

function invert(m: Matrix): Matrix | undefined {
  const det = m[0] * m[3] - m[1] * m[2];
  if (!det) return undefined;
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

/**
 * Operators (and shown glyphs) preflight interprets in one document, forms and patterns
 * included: 2 million plus 100,000 a page (the 16-page sample edition needs under 500,000).
 */
export const operatorBudget = (pages: number) => 2_000_000 + 100_000 * pages;
/** Form XObjects and pattern cells drawn in one document: 20,000 plus 5,000 a page (the seed page draws about 700). */
export const formBudget = (pages: number) => 20_000 + 5_000 * pages;

/** Shared by every page of one run. */
interface Run {
  ctx: PDFContext;
  findings: Findings;
  facts: PreflightFacts;
  opts: Required<PreflightOptions>;
  spaces: ColourSpaces;
  familiesSeen: Set<string>;
  objectNumber: Map<PDFObject, number>;
  fonts: Map<PDFDict, { fact: FontFact; used: number | undefined }>;
  formBytes: Map<PDFStream, Uint8Array | null>;
  images: Map<PDFStream, Promise<ImageInk | undefined>>;
  budget: Budget;
  forms: { left: number };
  maxInk: { value: number };
  pending: Promise<void>[];
}

/** One page being scanned (or a pattern cell inside it). */
interface PageScan {
  run: Run;
  page: number;
  trim?: Rect;
  bleed?: Rect;
  /** Paints in order, for build-ups (evaluated when the images are measured). */
  paints: Paint[];
  /** Forms on the way down from the page: a form that draws itself is a cycle. */
  forms: PDFStream[];
  glyph?: ScanHost["glyph"];
  /** Where the paints go: the page, or (for a pattern cell) a box that stands for the whole painted area. */
  clampTo?: Box;
}

const objectOf = (run: Run, o: PDFObject | undefined) => (o ? run.objectNumber.get(o) : undefined);

function noteSpace(scan: PageScan, space: InkSpace, where: string, object?: number): void {
  const { run } = scan;
  run.familiesSeen.add(space.family);
  for (const f of space.forbidden) {
    run.familiesSeen.add(f.family);
    const what = f.where ? ` as ${f.where}` : "";
    if (/RGB/.test(f.family)) run.findings.add("rgb-colour", `RGB colour (${f.family})${what}; print needs CMYK in ${where}`, scan.page, object);
    else if (/ICCBased/.test(f.family)) run.findings.add("icc-colour", `ICC-based colour (${f.family})${what}; PDF/X-1a allows only device CMYK/gray and spot in ${where}`, scan.page, object);
    else if (/Lab/.test(f.family)) run.findings.add("lab-colour", `Lab colour${what}; PDF/X-1a allows only device CMYK/gray and spot in ${where}`, scan.page, object);
    else run.findings.add("colour-space", `colour space ${f.family}${what} is not allowed in PDF/X-1a, in ${where}`, scan.page, object);
  }
}

function noteInk(scan: PageScan, ink: number, where: string, object?: number): void {
  const { run } = scan;
  if (ink > run.maxInk.value) run.maxInk.value = ink;
  if (ink > run.opts.inkLimit + 0.5) run.findings.add("ink-limit", `total ink ${ink.toFixed(0)} % in ${where}, over ${run.opts.inkLimit} %`, scan.page, object);
}

/** Which plates a space's colours name: a DeviceCMYK or gray colour sets all four process plates; a spot its own. */
function platesNamed(space: InkSpace, ink: Ink): number[] {
  if (space.family === "DeviceCMYK" || space.family === "DeviceGray" || space.family.startsWith("Indexed")) return [0, 1, 2, 3];
  const out: number[] = [];
  ink.forEach((v, i) => {
    if (v !== undefined) out.push(i);
  });
  return out;
}

function clampBox(scan: PageScan, box: Box): Box {
  return scan.clampTo ?? box;
}

/** Record a flat-colour paint: its ink against the limit, and for build-ups. */
function paintColour(scan: PageScan, space: InkSpace, ink: Ink, box: Box, what: string, state: PaintState | undefined, object?: number): void {
  const b = clampBox(scan, box);
  if (!intersects(b, scan.trim)) return;
  noteInk(scan, totalInk(ink) * 100, what, object);
  const overprint = !!state?.overprint;
  scan.paints.push({
    box: b,
    ink,
    overprint,
    // Nonzero overprint mode (OPM 1) keeps the plates a DeviceCMYK colour leaves at 0; a gray
    // colour overprints as black alone on many RIPs: counted so here (the larger build-up).
    keepsZeroPlates: overprint && ((space.cmyk && (state?.mode ?? 0) === 1) || space.family === "DeviceGray"),
    platesNamed: platesNamed(space, ink),
    what,
  });
}

function paintImage(scan: PageScan, stream: PDFStream, resources: PDFDict | undefined, ctm: Matrix, state: Overprint | undefined): void {
  const { run } = scan;
  const { ctx } = run;
  const dict = stream.dict;
  const object = objectOf(run, stream);
  const isMask = get(ctx, dict, "ImageMask")?.toString() === "true";
  const width = numberAt(ctx, dict, "Width") ?? 0;
  const height = numberAt(ctx, dict, "Height") ?? 0;
  if (get(ctx, dict, "SMask") !== undefined) run.findings.add("transparency", "an image has a soft mask (transparency)", scan.page, object);
  if (isMask) return;
  const space = run.spaces.of(get(ctx, dict, "ColorSpace"), resources);
  noteSpace(scan, space, "an image", object);
  const bpc = numberAt(ctx, dict, "BitsPerComponent") ?? 8;
  const ppi = placedPpi(width, height, ctm);
  const fact: PreflightImage = { page: scan.page, width, height, colorSpace: space.family, bitsPerComponent: bpc, ...(object !== undefined && { object }) };
  if (ppi !== undefined) fact.ppi = Math.round(ppi * 10) / 10;
  run.facts.images.push(fact);
  if (ppi !== undefined && ppi < run.opts.minPpi - 0.5) {
    run.findings.add("image-resolution", `image ${width}×${height} px at ${ppi.toFixed(0)} ppi, below ${run.opts.minPpi} ppi`, scan.page, object);
  }
  const box = clampBox(scan, unitSquareBox(ctm));
  if (!intersects(box, scan.trim) || !space.ink) return;
  let measured = run.images.get(stream);
  if (!measured) {
    measured = imageInk(ctx, stream, {
      ref: object !== undefined ? `${object} 0 R` : "(inline)",
      width,
      height,
      bitsPerComponent: bpc,
      space,
      decode: numbersOf(ctx, get(ctx, dict, "Decode")),
      plateCount: run.spaces.plates.names.length + 4,
    });
    run.images.set(stream, measured);
  }
  const holder: { ink?: ImageInk } = {};
  const inverse = invert(ctm);
  const overprint = !!state?.fill;
  scan.paints.push({
    box,
    ink: (under: Box) => {
      const ink = holder.ink;
      if (!ink) return [];
      if (!inverse || scan.clampTo) return imageInkUnder(ink, 0, 0, 1, 1);
      const corners = [apply(inverse, under.x0, under.y0), apply(inverse, under.x1, under.y0), apply(inverse, under.x0, under.y1), apply(inverse, under.x1, under.y1)];
      const us = corners.map((c) => c.x);
      const vs = corners.map((c) => c.y);
      return imageInkUnder(ink, Math.min(...us), Math.min(...vs), Math.max(...us), Math.max(...vs));
    },
    overprint,
    keepsZeroPlates: false,
    platesNamed: space.family === "DeviceCMYK" || space.family === "DeviceGray" || space.family.startsWith("Indexed") ? [0, 1, 2, 3] : [],
    what: `image ${object ?? ""}`.trim(),
  });
  run.pending.push(
    measured.then((ink) => {
      if (!ink) return;
      holder.ink = ink;
      fact.maxInk = Math.round(ink.max * 10) / 10;
      noteInk(scan, ink.max, "an image", object);
    }),
  );
}

/** Colours, ink and build-ups of a shading painted over `box`. */
function paintShading(scan: PageScan, sh: PDFDict, resources: PDFDict | undefined, box: Box, state: PaintState | undefined, object: number | undefined, where: string): void {
  const { run } = scan;
  const space = run.spaces.of(get(run.ctx, sh, "ColorSpace"), resources);
  noteSpace(scan, space, where, object);
  const inks = shadingInks(run.ctx, sh, space);
  if (!inks) return;
  const b = clampBox(scan, box);
  if (!intersects(b, scan.trim)) return;
  noteInk(scan, maxTotal(inks.inks), where, object);
  const ink = platewiseMax(inks.inks);
  const overprint = !!state?.overprint;
  scan.paints.push({ box: b, ink, overprint, keepsZeroPlates: overprint && space.cmyk && state?.mode === 1, platesNamed: platesNamed(space, ink), what: where });
}

function scanForm(scan: PageScan, x: PDFStream, resources: PDFDict | undefined, at: Matrix, overprint: Overprint | undefined, where: string): void {
  const { run } = scan;
  const { ctx } = run;
  const object = objectOf(run, x);
  if (scan.forms.includes(x)) throw new PdfLimitError(`form XObject ${object ?? "?"} draws itself (a cycle)`);
  if (scan.forms.length >= 32) throw new PdfLimitError("form XObjects nested deeper than 32");
  if (--run.forms.left < 0) throw new PdfLimitError("too many form XObjects drawn (more than the form budget): forms drawing each other over and over");
  const matrix = numbersOf(ctx, get(ctx, x.dict, "Matrix"));
  const m: Matrix = matrix.length === 6 ? (matrix as Matrix) : [1, 0, 0, 1, 0, 0];
  const formResources = dictAt(ctx, x.dict, "Resources") ?? resources;
  if (nameAt(ctx, dictAt(ctx, x.dict, "Group"), "S") === "Transparency") run.findings.add("transparency", `${where} is a transparency group`, scan.page, object);
  let bytes = run.formBytes.get(x);
  if (bytes === undefined) run.formBytes.set(x, (bytes = streamBytes(ctx, x)));
  if (bytes) scanStream({ ...scan, forms: [...scan.forms, x] }, bytes, formResources, multiply(m, at), overprint);
}

/** A pattern used as a fill or stroke: its colours, and its ink over the painted box. */
function paintPattern(scan: PageScan, colour: Colour, resources: PDFDict | undefined, box: Box, state: PaintState | undefined, what: string): void {
  const { run } = scan;
  const { ctx } = run;
  if (!colour.pattern) return;
  const raw = dictAt(ctx, resources, "Pattern")?.get(PDFName.of(colour.pattern));
  const pattern = resolve(ctx, raw);
  const dict = pattern instanceof PDFStream ? pattern.dict : pattern instanceof PDFDict ? pattern : undefined;
  if (!dict) return;
  const object = objectOf(run, pattern);
  const type = numberAt(ctx, dict, "PatternType");
  if (type === 2) {
    const sh = dictAt(ctx, dict, "Shading");
    const gs = dictAt(ctx, dict, "ExtGState");
    if (gs && graphicsStateTransparency(ctx, gs)) run.findings.add("transparency", "a shading pattern's graphics state asks for transparency", scan.page, object);
    if (sh) paintShading(scan, sh, resources, box, state, object, `a shading pattern (${what})`);
    return;
  }
  if (type === 1 && pattern instanceof PDFStream) {
    const paintType = numberAt(ctx, dict, "PaintType");
    if (paintType === 2) {
      // Uncoloured: the colour comes from scn in the pattern space's base.
      const space = run.spaces.named("Pattern", resources);
      void space;
      return;
    }
    if (scan.forms.includes(pattern)) throw new PdfLimitError(`pattern ${object ?? "?"} paints itself (a cycle)`);
    const cellResources = dictAt(ctx, dict, "Resources");
    let bytes = run.formBytes.get(pattern);
    if (bytes === undefined) run.formBytes.set(pattern, (bytes = streamBytes(ctx, pattern)));
    // Cells repeat anywhere over the painted area: every paint of the cell counts over all of it.
    if (bytes) scanStream({ ...scan, forms: [...scan.forms, pattern], clampTo: box }, bytes, cellResources, [1, 0, 0, 1, 0, 0], { fill: !!state?.overprint, stroke: !!state?.overprint, mode: state?.mode ?? 0 });
  }
}

function scanStream(scan: PageScan, content: Uint8Array, resources: PDFDict | undefined, ctm: Matrix, overprint?: Overprint): void {
  const { run } = scan;
  const { ctx } = run;
  const fontCache = new Map<string, ReturnType<typeof scanFont> | null>();
  const fontDict = (name: string) => dictAt(ctx, dictAt(ctx, resources, "Font"), name);
  const spaceCache = new Map<string, InkSpace>();
  const spaceOf = (name: string) => {
    let s = spaceCache.get(name);
    if (!s) spaceCache.set(name, (s = run.spaces.named(name, resources)));
    return s;
  };
  const host: ScanHost = {
    colourSpace: (name) => spaceOf(name).family,
    font: (name) => {
      if (!fontCache.has(name)) {
        const dict = fontDict(name);
        fontCache.set(name, dict ? scanFont(ctx, dict) : null);
      }
      return fontCache.get(name) ?? null;
    },
    fontUsed: (name) => {
      const dict = fontDict(name);
      if (!dict) return;
      const entry = run.fonts.get(dict) ?? { fact: fontFact(ctx, dict), used: undefined };
      if (entry.used === undefined) entry.used = scan.page;
      run.fonts.set(dict, entry);
    },
    xobject: (name, at, op) => {
      const raw = dictAt(ctx, resources, "XObject")?.get(PDFName.of(name));
      const x = resolve(ctx, raw);
      if (!(x instanceof PDFStream)) return;
      const subtype = nameAt(ctx, x.dict, "Subtype");
      if (subtype === "Image") paintImage(scan, x, resources, at, op);
      else if (subtype === "Form") scanForm(scan, x, resources, at, op, "a form XObject");
    },
    graphicsState: (name) => {
      const gs = dictAt(ctx, dictAt(ctx, resources, "ExtGState"), name);
      if (!gs) return;
      const why = graphicsStateTransparency(ctx, gs);
      if (why) run.findings.add("transparency", `transparency (${why}); PDF/X-1a needs it flattened`, scan.page, objectOf(run, gs));
      const OP = get(ctx, gs, "OP")?.toString();
      const op = get(ctx, gs, "op")?.toString();
      const OPM = numberAt(ctx, gs, "OPM");
      return { ...(OP !== undefined && { OP: OP === "true" }), ...(op !== undefined && { op: op === "true" }), ...(OPM !== undefined && { OPM }) };
    },
    shading: (name, at, state) => {
      const raw = dictAt(ctx, resources, "Shading")?.get(PDFName.of(name));
      const sh = resolve(ctx, raw);
      const dict = sh instanceof PDFStream ? sh.dict : sh instanceof PDFDict ? sh : undefined;
      if (!dict) return;
      // sh paints the clip; preflight does not follow clipping: the shading's BBox, or the whole trim.
      const bbox = rectOf(ctx, get(ctx, dict, "BBox"));
      const box = bbox ? unitSquareBox(multiply([bbox[2] - bbox[0], 0, 0, bbox[3] - bbox[1], bbox[0], bbox[1]], at)) : scan.trim ? { x0: scan.trim[0], y0: scan.trim[1], x1: scan.trim[2], y1: scan.trim[3] } : { x0: -1e6, y0: -1e6, x1: 1e6, y1: 1e6 };
      paintShading(scan, dict, resources, box, state, objectOf(run, sh), "a shading");
    },
    colourSet: (colour) => {
      const space = colour.space === "DeviceCMYK" || colour.space === "DeviceGray" || colour.space === "DeviceRGB" ? undefined : colour.space;
      if (!space) {
        run.familiesSeen.add(colour.space);
        if (colour.space === "DeviceRGB") run.findings.add("rgb-colour", "RGB colour (DeviceRGB); print needs CMYK in page content", scan.page);
      }
    },
    painted: (colour, path, what, state) => {
      const hw = state?.halfWidth ?? 0;
      const box = hw ? { x0: path.x0 - hw, y0: path.y0 - hw, x1: path.x1 + hw, y1: path.y1 + hw } : path;
      const space = spaceForColour(colour);
      if (!space) return;
      if (space.family === "Pattern") {
        if (space.base) noteSpace(scan, space.base, "an uncoloured pattern");
        paintPattern(scan, colour, resources, box, state, what);
        return;
      }
      if (!space.ink) return;
      const ink = space.ink(colour.components);
      paintColour(scan, space, ink, box, `a ${what} colour`, state);
    },
    inlineImage: (params: Map<string, Operand>, at) => {
      const cs = params.get("CS") ?? params.get("ColorSpace");
      const isMask = params.get("IM") === "true" || params.get("ImageMask") === "true";
      const space = isName(cs) ? spaceOf(cs.name) : Array.isArray(cs) ? undefined : undefined;
      if (!isMask && space) noteSpace(scan, space, "an inline image");
      const w = params.get("W") ?? params.get("Width");
      const h = params.get("H") ?? params.get("Height");
      if (typeof w === "number" && typeof h === "number") {
        const ppi = placedPpi(w, h, at);
        const colourSpace = space?.family ?? (isMask ? "ImageMask" : "unknown");
        run.facts.images.push({ page: scan.page, width: w, height: h, colorSpace: colourSpace, ...(ppi !== undefined && { ppi }) });
        if (!isMask && ppi !== undefined && ppi < run.opts.minPpi - 0.5 && w * h > 64) {
          run.findings.add("image-resolution", `inline image ${w}×${h} px at ${ppi.toFixed(0)} ppi`, scan.page);
        }
        // Ink of an inline image: the most its space can put down (its samples are not decoded).
        if (!isMask && space?.ink) {
          const full = space.ink(new Array(space.n).fill(space.family === "DeviceGray" ? 0 : 1));
          paintColour(scan, space, full, unitSquareBox(at), "an inline image (at most)", undefined);
        }
      }
    },
  };
  function spaceForColour(colour: Colour): InkSpace | undefined {
    if (colour.space === "DeviceCMYK" || colour.space === "DeviceGray" || colour.space === "DeviceRGB") return run.spaces.named(colour.space, undefined);
    return spaceByFamily.get(colour.space);
  }
  // cs/CS hand the scanner a family name; keep the space behind it by that name for painting.
  const spaceByFamily = new Map<string, InkSpace>();
  const originalColourSpace = host.colourSpace;
  host.colourSpace = (name) => {
    const space = spaceOf(name);
    noteSpace(scan, space, "page content");
    const key = `${space.family}#${name}`;
    spaceByFamily.set(key, space);
    void originalColourSpace;
    return key;
  };
  if (scan.glyph) host.glyph = scan.glyph;
  scanContent(content, host, ctm, run.budget, overprint);
}

function collectFonts(run: Run, resources: PDFDict | undefined, seen: WeakSet<PDFDict>): void {
  if (!resources || seen.has(resources)) return;
  seen.add(resources);
  const fonts = dictAt(run.ctx, resources, "Font");
  if (!fonts) return;
  for (const [, value] of fonts.entries()) {
    const dict = resolve(run.ctx, value);
    if (!(dict instanceof PDFDict) || run.fonts.has(dict)) continue;
    run.fonts.set(dict, { fact: fontFact(run.ctx, dict), used: undefined });
  }
}

function pageContent(run: Run, page: PDFDict): Uint8Array {
  const { ctx } = run;
  const contents = get(ctx, page, "Contents");
  const streams = contents instanceof PDFStream ? [contents] : arrayOf(ctx, contents);
  const parts = streams.map((s) => streamBytes(ctx, s)).filter((b): b is Uint8Array => !!b);
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
  const { run, page } = scan;
  const { ctx, findings } = run;
  const box = (key: string): Rect | undefined => rectOf(ctx, get(ctx, pageDict, key));
  const crop = box("CropBox");
  const bleed = box("BleedBox");
  const trim = box("TrimBox");
  const art = box("ArtBox");
  run.facts.boxes.push({ page, media, ...(crop && { crop }), ...(bleed && { bleed }), ...(trim && { trim }), ...(art && { art }) });
  if (!trim && !art) findings.add("box-missing", "no TrimBox (nor ArtBox)", page);
  if (trim && art) findings.add("box-inconsistent", "both TrimBox and ArtBox; PDF/X wants one", page);
  const finished = trim ?? art;
  if (finished && !contains(media, finished)) findings.add("box-inconsistent", `TrimBox ${fmtRect(finished)} is not inside MediaBox ${fmtRect(media)}`, page);
  if (bleed && finished && !contains(bleed, finished)) findings.add("box-inconsistent", `TrimBox ${fmtRect(finished)} is not inside BleedBox ${fmtRect(bleed)}`, page);
  if (bleed && !contains(media, bleed)) findings.add("box-inconsistent", `BleedBox ${fmtRect(bleed)} is not inside MediaBox ${fmtRect(media)}`, page);
  if (get(ctx, pageDict, "UserUnit") !== undefined) findings.add("forbidden-key", "/UserUnit is a PDF 1.6 key; PDF/X-1a does not allow it", page);
  return { ...(finished && { trim: finished }), ...(bleed && { bleed }) };
}

/**
 * Annotations the press may find inside the printed area. PDF/X-1a (ISO 15930-1) allows only
 * printer's marks and trap networks inside the BleedBox (the TrimBox where there is none): a
 * link, a note, a form field or a stamp there is no part of the page, and one RIP prints it
 * while another ignores it. Every annotation's appearance streams are scanned for colour.
 */
const PRINTING_ANNOTATIONS = new Set(["PrinterMark", "TrapNet"]);

function checkAnnotations(scan: PageScan, pageDict: PDFDict, media: Rect | undefined, resources: PDFDict | undefined): void {
  const { run, page } = scan;
  const { ctx, findings } = run;
  const area = scan.bleed ?? scan.trim ?? media;
  const annots = arrayOf(ctx, get(ctx, pageDict, "Annots"));
  for (const entry of annots.slice(0, 10_000)) {
    const annotation = resolve(ctx, entry);
    if (!(annotation instanceof PDFDict)) continue;
    const object = objectOf(run, annotation);
    const subtype = nameAt(ctx, annotation, "Subtype") ?? "untyped";
    const rect = rectOf(ctx, get(ctx, annotation, "Rect"));
    if (!PRINTING_ANNOTATIONS.has(subtype) && (!rect || intersects({ x0: rect[0], y0: rect[1], x1: rect[2], y1: rect[3] }, area))) {
      findings.add("annotation", `${subtype} annotation inside the printed area; PDF/X-1a allows only printer's marks and trap networks there`, page, object);
    }
    // Appearance streams (normal, rollover, down; each a form or a dictionary of states).
    const ap = dictAt(ctx, annotation, "AP");
    if (!ap) continue;
    for (const key of ["N", "R", "D"]) {
      const v = get(ctx, ap, key);
      const forms: PDFStream[] = v instanceof PDFStream ? [v] : v instanceof PDFDict ? [...v.values()].map((x) => resolve(ctx, x)).filter((x): x is PDFStream => x instanceof PDFStream) : [];
      for (const form of forms.slice(0, 64)) {
        const at: Matrix = rect ? [1, 0, 0, 1, rect[0], rect[1]] : [1, 0, 0, 1, 0, 0];
        // Only what prints counts for ink (a printer's mark outside the trim is ignored there anyway).
        scanForm({ ...scan }, form, resources, at, undefined, `an annotation's appearance (${subtype})`);
      }
    }
  }
}

function checkPdfx(loaded: LoadedPdf, findings: Findings, facts: PreflightFacts): void {
  const { ctx, catalog, objectNumber } = loaded;
  const trailer = ctx.trailerInfo;
  const info = resolve(ctx, trailer.Info);
  const infoDict = info instanceof PDFDict ? info : undefined;
  const infoText = (key: string) => textOf(get(ctx, infoDict, key));
  const version = infoText("GTS_PDFXVersion");
  const conformance = infoText("GTS_PDFXConformance");
  const trappedObj = get(ctx, infoDict, "Trapped");
  const trapped = nameOf(trappedObj) ?? textOf(trappedObj);
  // The catalog's /Version overrides the header's when higher.
  const catalogVersion = nameAt(ctx, catalog, "Version");
  const pdfVersion = Math.max(Number(loaded.version ?? 0), Number(catalogVersion ?? 0)) || undefined;
  const { identity, findings: idFindings } = checkIdentification(version, conformance, pdfVersion);
  if (identity.version) facts.pdfx.version = identity.version;
  if (identity.conformance) facts.pdfx.conformance = identity.conformance;
  if (identity.standard) facts.pdfx.standard = identity.standard;
  if (trapped) facts.pdfx.trapped = trapped;
  for (const f of idFindings) findings.add(f.code, f.message);
  if (catalogVersion && Number(catalogVersion) > Number(loaded.version ?? 0)) facts.pdfVersion = catalogVersion;
  if (loaded.compressedXref) findings.add("pdfx-version", "the file uses cross-reference or object streams, a PDF 1.5 feature PDF/X-1a does not allow");
  if (!(trappedObj && nameOf(trappedObj) && ["True", "False"].includes(nameOf(trappedObj)!))) findings.add("pdfx-trapped", "Trapped must be the name /True or /False");
  if (!infoText("Title")) findings.add("pdfx-info", "no Title in the document info");
  if (!infoText("CreationDate") || !infoText("ModDate")) findings.add("pdfx-info", "CreationDate and ModDate are required");
  if (!trailer.ID) findings.add("pdfx-id", "no file identifier (/ID) in the trailer");
  const intent = checkOutputIntent(ctx, catalog, objectNumber);
  if (intent.identifier) facts.pdfx.outputIntent = intent.identifier;
  for (const f of intent.findings) findings.add(f.code, f.message, undefined, f.object);
  for (const f of checkForbidden(ctx, catalog, objectNumber)) findings.add(f.code, f.message, undefined, f.object);
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
  const loaded = await loadPdf(file);
  const { ctx } = loaded;
  const findings = new Findings();
  const facts: PreflightFacts = {
    pages: loaded.pages.length,
    fonts: [],
    images: [],
    boxes: [],
    pdfx: {},
    colorSpaces: [],
    transparency: false,
    encrypted: !!ctx.trailerInfo.Encrypt,
    spotColours: [],
  };
  if (loaded.version) facts.pdfVersion = loaded.version;
  if (facts.encrypted) findings.add("encrypted", "the PDF is encrypted");
  checkPdfx(loaded, findings, facts);

  const plates = new Plates();
  const runState: Run = {
    ctx,
    findings,
    facts,
    opts,
    spaces: new ColourSpaces(ctx, plates),
    familiesSeen: new Set(),
    objectNumber: loaded.objectNumber,
    fonts: new Map(),
    formBytes: new Map(),
    images: new Map(),
    budget: { operators: operatorBudget(loaded.pages.length) },
    forms: { left: formBudget(loaded.pages.length) },
    maxInk: { value: 0 },
    pending: [],
  };
  const fontResources = new WeakSet<PDFDict>();
  const pageScans: PageScan[] = [];
  loaded.pages.forEach((p, i) => {
    const pageDict = p.dict;
    const page = i + 1;
    const media = rectOf(ctx, p.mediaBox);
    const scan: PageScan = { run: runState, page, paints: [], forms: [] };
    if (!media) findings.add("box-missing", "no MediaBox", page);
    else Object.assign(scan, checkBoxes(scan, pageDict, media));
    if (nameAt(ctx, dictAt(ctx, pageDict, "Group"), "S") === "Transparency") findings.add("transparency", "the page is a transparency group", page);
    if (pageDict.has(PDFName.of("AA"))) findings.add("action", "additional actions (/AA) on the page; PDF/X-1a allows none", page);
    collectFonts(runState, p.resources, fontResources);
    if (onGlyph) scan.glyph = (g) => onGlyph({ page, ...g });
    scanStream(scan, pageContent(runState, pageDict), p.resources, [1, 0, 0, 1, 0, 0]);
    checkAnnotations(scan, pageDict, media, p.resources);
    pageScans.push(scan);
  });
  await Promise.all(runState.pending);
  // Overprinted build-ups, page by page, now that every image is measured.
  for (const scan of pageScans) {
    if (!scan.trim) continue;
    const t = scan.trim;
    const ups = new BuildUps({ x0: t[0], y0: t[1], x1: t[2], y1: t[3] }, runState.opts.inkLimit + 0.5);
    // The worst place of each kind (what over what), and how many places are over the limit.
    const worst = new Map<string, { ink: number; box: Box; over: number }>();
    for (const paint of scan.paints) {
      const up = ups.add(paint);
      if (!up) continue;
      const key = `${paint.what} over ${up.under}`;
      const w = worst.get(key) ?? { ink: 0, box: up.box, over: 0 };
      if (up.ink > runState.opts.inkLimit + 0.5) w.over++;
      if (up.ink > w.ink) Object.assign(w, { ink: up.ink, box: up.box });
      worst.set(key, w);
    }
    for (const [kind, w] of worst) {
      const more = w.over > 1 ? ` and ${w.over - 1} more place${w.over > 2 ? "s" : ""}` : "";
      noteInk(scan, w.ink, `an overprinted build-up (${kind}) at ${fmtBox(w.box)}${more}`);
    }
  }
  for (const [dict, { fact, used }] of runState.fonts) {
    facts.fonts.push({ ...fact, used: used !== undefined });
    if (used !== undefined && !fact.embedded) {
      const std = isStandard14(fact.name) ? " (a standard-14 font: still must be embedded)" : "";
      findings.add("font-not-embedded", `font ${fact.name} is not embedded${std}`, used, objectOf(runState, dict));
    }
  }
  facts.colorSpaces = [...runState.familiesSeen].sort();
  facts.spotColours = plates.names.slice(4);
  if (runState.maxInk.value > 0) facts.maxInk = Math.round(runState.maxInk.value * 10) / 10;
  facts.transparency = findings.problems.some((p) => p.code === "transparency");
  return { ok: findings.problems.length === 0, problems: findings.problems, facts };
}

/** Any failure inside the reader on a hostile or damaged file becomes one line naming it. */
async function guarded<T>(file: string, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof PaibanError) throw err;
    if (err instanceof PdfLimitError) throw new PaibanError(`the PDF is damaged or hostile: ${err.message}`, { file });
    if (err instanceof RangeError) throw new PaibanError("the PDF is damaged or hostile: nested too deeply or too large to read", { file });
    throw new PaibanError(`the PDF could not be read (damaged?): ${String((err as Error)?.message ?? err).replace(/\s+/g, " ").slice(0, 200)}`, { file });
  }
}

/** Preflight a PDF for newspaper print. */
export async function preflight(file: string, options: PreflightOptions = {}): Promise<PreflightResult> {
  return guarded(file, () => run(file, options));
}

/** Every glyph a PDF shows, with its origin in PDF user space (y up), in content order. */
export async function shownGlyphs(file: string): Promise<ShownGlyph[]> {
  const glyphs: ShownGlyph[] = [];
  await guarded(file, () => run(file, {}, (g) => glyphs.push(g)));
  return glyphs;
}
