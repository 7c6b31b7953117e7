/**
 * Reading a PDF for preflight, bounded against hostile files, and the document-level checks
 * of PDF/X-1a (ISO 15930-1:2001, and what ISO 15930-4:2003 changed): identification against
 * the header version, the output intent, and the keys and features the standard forbids.
 */
import { open, stat } from "node:fs/promises";
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFObjectStreamParser,
  PDFParser,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFXRefStreamParser,
  type PDFContext,
  type PDFObject,
} from "pdf-lib";
import { PaibanError } from "../common/diagnostics.js";
import { PdfLimitError, arrayOf, decodeStream, dictAt, filtersOf, get, nameAt, nameOf, numberAt, textOf } from "./pdf-objects.js";

/** The largest PDF preflight reads. */
const MAX_PDF_BYTES = 1 << 30;
/** The most pages, and the deepest page tree. */
const MAX_PAGES = 100_000;
const MAX_TREE_DEPTH = 64;
/** An object stream or cross-reference stream decompresses to at most this. */
const MAX_OBJECT_STREAM = 64 << 20;

export interface PageNode {
  dict: PDFDict;
  ref?: PDFRef;
  /** Inherited attributes, from the page tree. */
  resources?: PDFDict;
  mediaBox?: PDFObject;
}

export interface LoadedPdf {
  bytes: Uint8Array;
  ctx: PDFContext;
  version?: string;
  catalog: PDFDict;
  pages: PageNode[];
  /** Object number of every indirect object (for findings). */
  objectNumber: Map<PDFObject, number>;
  /** The file has cross-reference or object streams (PDF 1.5). */
  compressedXref: boolean;
}

export function pdfHeaderVersion(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  return /%PDF-(\d\.\d)/.exec(head)?.[1];
}

/** Run `f` with console output silenced: pdf-lib reports what it repairs on the console. */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info, debug: console.debug };
  const none = () => {};
  Object.assign(console, { log: none, warn: none, error: none, info: none, debug: none });
  try {
    return await f();
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * pdf-lib decodes object and cross-reference streams while it parses, without a bound: check
 * each one's decoded size first with our bounded decoder, and remember the first that is too big.
 */
let streamBomb: string | undefined;
function guard(parser: { forStream: (s: PDFRawStream, ...rest: never[]) => unknown }): void {
  const original = parser.forStream;
  if ((original as { guarded?: boolean }).guarded) return;
  const guarded = (s: PDFRawStream, ...rest: never[]) => {
    try {
      decodeStream(s.dict.context, s, MAX_OBJECT_STREAM);
    } catch (err) {
      if (err instanceof PdfLimitError) streamBomb ??= `an object stream decompresses to more than ${MAX_OBJECT_STREAM >> 20} MB`;
      throw err;
    }
    return original(s, ...rest);
  };
  (guarded as { guarded?: boolean }).guarded = true;
  parser.forStream = guarded;
}

/** Read and parse a PDF; anything damaged or hostile becomes one PaibanError naming the file. */
export async function loadPdf(file: string): Promise<LoadedPdf> {
  const fail = (message: string) => new PaibanError(message, { file });
  let bytes: Uint8Array;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw fail("not a regular file (a device, FIFO or folder cannot be preflighted)");
    if (s.size > MAX_PDF_BYTES) throw fail(`the PDF is larger than ${MAX_PDF_BYTES >> 30} GB`);
    const handle = await open(file, "r");
    try {
      const buf = Buffer.alloc(s.size);
      const { bytesRead } = await handle.read(buf, 0, s.size, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (err) {
    if (err instanceof PaibanError) throw err;
    throw fail("cannot read the PDF");
  }
  const version = pdfHeaderVersion(bytes);
  if (!version) throw fail("not a PDF file (no %PDF- header)");
  guard(PDFObjectStreamParser as unknown as Parameters<typeof guard>[0]);
  guard(PDFXRefStreamParser as unknown as Parameters<typeof guard>[0]);
  streamBomb = undefined;
  let ctx: PDFContext;
  try {
    ctx = await quietly(() => PDFParser.forBytesWithOptions(bytes, Infinity, false, false).parseDocument());
  } catch (err) {
    if (streamBomb) throw fail(`the PDF is damaged or hostile: ${streamBomb}`);
    if (err instanceof RangeError) throw fail("the PDF is damaged or hostile: nested too deeply to read");
    throw fail(`the PDF could not be parsed (damaged?): ${oneLine((err as Error).message)}`);
  }
  if (streamBomb) throw fail(`the PDF is damaged or hostile: ${streamBomb}`);
  const rootRef = ctx.trailerInfo.Root;
  if (!rootRef || !trailerNamesRoot(bytes)) throw fail("the PDF has no document catalog (no /Root in the trailer)");
  const catalog = rootRef instanceof PDFRef ? ctx.lookup(rootRef) : rootRef;
  if (!(catalog instanceof PDFDict)) throw fail("the PDF's /Root is not a dictionary (damaged)");
  const objectNumber = new Map<PDFObject, number>();
  let compressedXref = false;
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    objectNumber.set(obj, ref.objectNumber);
    if (obj instanceof PDFStream && ["ObjStm", "XRef"].includes(nameAt(ctx, obj.dict, "Type") ?? "")) compressedXref = true;
  }
  if (!compressedXref && /\/Type\s*\/(ObjStm|XRef)\b/.test(Buffer.from(bytes).toString("latin1"))) compressedXref = true;
  const pages = walkPages(ctx, catalog, fail);
  return { bytes, ctx, version, catalog, pages, objectNumber, compressedXref };
}

/**
 * Whether a trailer (or a cross-reference stream) names the catalog: pdf-lib "recovers" a
 * missing /Root by guessing, which a plant's reader does not.
 */
function trailerNamesRoot(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1");
  if (/\/Type\s*\/XRef\b/.test(text)) return true;
  for (let at = text.indexOf("trailer"); at >= 0; at = text.indexOf("trailer", at + 7)) {
    const end = text.indexOf("startxref", at);
    if (/\/Root\b/.test(text.slice(at, end < 0 ? at + 4096 : Math.min(end, at + 65536)))) return true;
  }
  return false;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").slice(0, 200);

/** The pages in order, with inherited Resources and MediaBox, refusing cycles and broken /Parent links. */
function walkPages(ctx: PDFContext, catalog: PDFDict, fail: (m: string) => PaibanError): PageNode[] {
  const rootRef = catalog.get(PDFName.of("Pages"));
  const root = get(ctx, catalog, "Pages");
  if (!(root instanceof PDFDict)) throw fail("the document catalog has no page tree (/Pages is missing or not a dictionary)");
  if (root.get(PDFName.of("Parent"))) throw fail("the page tree's root has a /Parent (a /Parent cycle or a damaged tree)");
  const pages: PageNode[] = [];
  const seen = new Set<PDFDict>();
  interface Visit {
    node: PDFDict;
    ref?: PDFRef;
    parent?: PDFRef;
    resources?: PDFDict;
    mediaBox?: PDFObject;
    depth: number;
  }
  const stack: Visit[] = [{ node: root, ...(rootRef instanceof PDFRef && { ref: rootRef }), depth: 0 }];
  while (stack.length) {
    const v = stack.pop()!;
    const where = v.ref ? `object ${v.ref.objectNumber}` : "a page tree node";
    if (seen.has(v.node)) throw fail(`the page tree has a cycle (/Kids reach ${where} twice)`);
    seen.add(v.node);
    if (v.depth > MAX_TREE_DEPTH) throw fail(`the page tree is deeper than ${MAX_TREE_DEPTH}`);
    if (v.parent) {
      const parent = v.node.get(PDFName.of("Parent"));
      if (parent instanceof PDFRef && parent !== v.parent && ctx.lookup(parent) !== ctx.lookup(v.parent)) {
        throw fail(`the page tree's /Parent links are broken (${where} names object ${parent.objectNumber} as its parent, not ${v.parent.objectNumber})`);
      }
    }
    const resources = dictAt(ctx, v.node, "Resources") ?? v.resources;
    const mediaBox = get(ctx, v.node, "MediaBox") ?? v.mediaBox;
    const kids = get(ctx, v.node, "Kids");
    const type = nameAt(ctx, v.node, "Type");
    if (type === "Pages" || (type !== "Page" && kids instanceof PDFArray)) {
      const list = arrayOf(ctx, kids);
      const refs = kids instanceof PDFArray ? kids.asArray() : [];
      for (let i = list.length - 1; i >= 0; i--) {
        const kid = list[i];
        if (!(kid instanceof PDFDict)) continue;
        const ref = refs[i];
        stack.push({ node: kid, ...(ref instanceof PDFRef && { ref }), ...(v.ref && { parent: v.ref }), ...(resources && { resources }), ...(mediaBox && { mediaBox }), depth: v.depth + 1 });
      }
      continue;
    }
    if (pages.length >= MAX_PAGES) throw fail(`the PDF has more than ${MAX_PAGES} pages`);
    pages.push({ dict: v.node, ...(v.ref && { ref: v.ref }), ...(resources && { resources }), ...(mediaBox && { mediaBox }) });
  }
  return pages;
}

export interface DocFinding {
  code: string;
  message: string;
  object?: number;
}

/** What the GTS_PDFX keys say, and what is wrong with them. */
export interface PdfxIdentity {
  version?: string;
  conformance?: string;
  /** The standard the keys identify, when they identify one of X-1a's. */
  standard?: "PDF/X-1a:2001" | "PDF/X-1a:2003";
}

/** Highest PDF version each standard allows. */
const MAX_VERSION: Record<string, number> = { "PDF/X-1a:2001": 1.3, "PDF/X-1a:2003": 1.4 };

/**
 * GTS_PDFXVersion and GTS_PDFXConformance against ISO 15930-1 (X-1a:2001: version
 * "PDF/X-1:2001" with conformance "PDF/X-1a:2001", PDF ≤ 1.3) and 15930-4 (X-1a:2003: version
 * "PDF/X-1a:2003", PDF ≤ 1.4). Anything else — X-3, X-4, a made-up label — is not PDF/X-1a.
 */
export function checkIdentification(version: string | undefined, conformance: string | undefined, pdfVersion: number | undefined): { identity: PdfxIdentity; findings: DocFinding[] } {
  const findings: DocFinding[] = [];
  const identity: PdfxIdentity = { ...(version && { version }), ...(conformance && { conformance }) };
  const add = (message: string) => findings.push({ code: "pdfx-version", message });
  if (!version || !/^PDF\/X-/.test(version)) {
    add("no GTS_PDFXVersion in the document info: not identified as PDF/X");
    return { identity, findings };
  }
  if (version === "PDF/X-1:2001") {
    if (!conformance) add("GTS_PDFXVersion (PDF/X-1:2001) without GTS_PDFXConformance: PDF/X-1a:2001 needs GTS_PDFXConformance (PDF/X-1a:2001)");
    else if (conformance !== "PDF/X-1a:2001") add(`GTS_PDFXConformance (${conformance}) is not PDF/X-1a:2001`);
    else identity.standard = "PDF/X-1a:2001";
  } else if (version === "PDF/X-1a:2003") {
    if (conformance && conformance !== "PDF/X-1a:2003") add(`GTS_PDFXConformance (${conformance}) does not match GTS_PDFXVersion (PDF/X-1a:2003)`);
    else identity.standard = "PDF/X-1a:2003";
  } else if (version === "PDF/X-1a:2001") {
    add("GTS_PDFXVersion (PDF/X-1a:2001) is not a version ISO 15930-1 defines: PDF/X-1a:2001 is GTS_PDFXVersion (PDF/X-1:2001) with GTS_PDFXConformance (PDF/X-1a:2001)");
  } else {
    add(`GTS_PDFXVersion (${version}) is not PDF/X-1a`);
  }
  const max = identity.standard ? MAX_VERSION[identity.standard] : undefined;
  if (identity.standard && max !== undefined && pdfVersion !== undefined && pdfVersion > max + 1e-9) {
    add(`${identity.standard} allows PDF ${max.toFixed(1)} at most, the file is PDF ${pdfVersion.toFixed(1)}`);
  }
  return { identity, findings };
}

/** The output intent: one GTS_PDFX intent; an unregistered condition embeds a CMYK output profile. */
export function checkOutputIntent(ctx: PDFContext, catalog: PDFDict, objectNumber: Map<PDFObject, number>): { identifier?: string; findings: DocFinding[] } {
  const findings: DocFinding[] = [];
  const add = (message: string, o?: PDFObject) => {
    const object = o ? objectNumber.get(o) : undefined;
    findings.push({ code: "pdfx-output-intent", message, ...(object !== undefined && { object }) });
  };
  const intents = arrayOf(ctx, get(ctx, catalog, "OutputIntents")).filter((o): o is PDFDict => o instanceof PDFDict && nameAt(ctx, o, "S") === "GTS_PDFX");
  if (intents.length !== 1) {
    add(intents.length === 0 ? "no GTS_PDFX OutputIntent" : "more than one GTS_PDFX OutputIntent");
    if (!intents.length) return { findings };
  }
  const intent = intents[0]!;
  const identifier = textOf(get(ctx, intent, "OutputConditionIdentifier"));
  if (!identifier) add("the OutputIntent has no OutputConditionIdentifier", intent);
  const registry = textOf(get(ctx, intent, "RegistryName"));
  const profile = get(ctx, intent, "DestOutputProfile");
  const registered = !!registry && !!identifier && identifier !== "Custom";
  if (!profile && !registered) {
    add(`the output condition ${identifier ? `"${identifier}" ` : ""}is not a registered one (no RegistryName${identifier === "Custom" ? ", or Custom" : ""}) and no DestOutputProfile is embedded`, intent);
  }
  if (profile) {
    if (!(profile instanceof PDFStream)) add("DestOutputProfile is not an ICC profile stream", intent);
    else {
      let header: Uint8Array | undefined;
      try {
        header = decodeStream(ctx, profile, 64 << 20)?.bytes;
      } catch {
        header = undefined;
      }
      const text = header && header.length >= 20 ? Buffer.from(header.subarray(12, 20)).toString("latin1") : "";
      const cls = text.slice(0, 4);
      const space = text.slice(4, 8);
      if (!text) add("DestOutputProfile cannot be read as an ICC profile", profile);
      else if (space !== "CMYK") add(`DestOutputProfile is a ${space.trim() || "?"} profile; PDF/X-1a needs a CMYK output profile`, profile);
      else if (cls !== "prtr") add(`DestOutputProfile is a '${cls}' profile, not an output (prtr) profile`, profile);
      else if (header && (header[8] ?? 0) >= 4) add(`DestOutputProfile is an ICC v${header[8]} profile; PDF/X-1a (PDF 1.3 and 1.4) takes ICC v2 profiles`, profile);
    }
  }
  return { ...(identifier && { identifier }), findings };
}

const ACTION_TYPES = new Set(["GoTo", "JavaScript", "Launch", "URI", "SubmitForm", "ResetForm", "ImportData", "Sound", "Movie", "Hide", "Named", "GoToR", "GoToE", "Rendition", "Thread", "SetOCGState", "Trans", "GoTo3DView"]);

/** Actions PDF/X-1a tolerates: going to a place in the document. */
const HARMLESS_ACTIONS = new Set(["GoTo"]);
const FORBIDDEN_FILTERS: Record<string, string> = {
  LZWDecode: "LZW compression (LZWDecode) is not allowed in PDF/X-1a:2001",
  LZW: "LZW compression (LZWDecode) is not allowed in PDF/X-1a:2001",
  JBIG2Decode: "JBIG2 compression is a PDF 1.4 feature, not allowed in PDF/X-1a:2001",
  JPXDecode: "JPEG 2000 (JPXDecode) is a PDF 1.5 feature, not allowed in PDF/X-1a",
  Crypt: "a Crypt filter (encryption) is not allowed",
};

/**
 * Every indirect object, once: the keys and features PDF/X-1a forbids wherever they are —
 * JavaScript and other actions, transfer functions, OPI, PostScript XObjects, LZW/JBIG2/JPX,
 * alternate images, image interpolation, embedded files, optional content.
 */
export function checkForbidden(ctx: PDFContext, catalog: PDFDict, objectNumber: Map<PDFObject, number>): DocFinding[] {
  const findings: DocFinding[] = [];
  const seen = new Set<string>();
  const add = (code: string, message: string, o: PDFObject | undefined) => {
    const object = o ? objectNumber.get(o) : undefined;
    const key = `${code}|${message}|${object ?? ""}`;
    if (seen.has(key) || findings.length > 500) return;
    seen.add(key);
    findings.push({ code, message, ...(object !== undefined && { object }) });
  };
  const names = dictAt(ctx, catalog, "Names");
  if (names && get(ctx, names, "JavaScript")) add("javascript", "the document has JavaScript (Names /JavaScript)", catalog);
  if (names && get(ctx, names, "EmbeddedFiles")) add("embedded-file", "the document has embedded files; PDF/X-1a allows none", catalog);
  if (get(ctx, catalog, "OCProperties")) add("optional-content", "optional content (layers, /OCProperties) is a PDF 1.5 feature, not allowed in PDF/X-1a", catalog);
  if (get(ctx, catalog, "AcroForm")) {
    const form = dictAt(ctx, catalog, "AcroForm");
    if (form && get(ctx, form, "XFA")) add("forbidden-key", "an XFA form; PDF/X-1a allows none", catalog);
  }

  function checkAction(action: PDFDict, owner: PDFObject = action): void {
    const s = nameAt(ctx, action, "S") ?? "?";
    if (s === "JavaScript" || get(ctx, action, "JS")) add("javascript", "a JavaScript action", owner);
    else if (!HARMLESS_ACTIONS.has(s)) add("action", `a ${s} action; PDF/X-1a allows no actions but going to a page`, owner);
  }

  // Every dictionary: each indirect object and the direct dictionaries inside it (an action or
  // an ExtGState is often written inline), without recursion and to a bounded depth.
  let budget = 2_000_000;
  for (const [, top] of ctx.enumerateIndirectObjects()) {
    const stack: { o: PDFObject; depth: number }[] = [{ o: top, depth: 0 }];
    while (stack.length && budget-- > 0) {
      const { o, depth } = stack.pop()!;
      const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : undefined;
      const children = dict ? dict.values() : o instanceof PDFArray ? o.asArray() : [];
      if (depth < 32) for (const c of children) if (c instanceof PDFDict || c instanceof PDFArray) stack.push({ o: c, depth: depth + 1 });
      if (dict) checkDict(dict, o === top ? top : top, o);
    }
  }
  return findings;

  function checkDict(dict: PDFDict, obj: PDFObject, self: PDFObject): void {
    const type = nameAt(ctx, dict, "Type");
    const subtype = nameAt(ctx, dict, "Subtype");
    if (dict.has(PDFName.of("S")) && (type === "Action" || dict.has(PDFName.of("JS")) || ACTION_TYPES.has(nameAt(ctx, dict, "S") ?? ""))) checkAction(dict, obj);
    if (dict.has(PDFName.of("AA"))) add("action", "additional actions (/AA); PDF/X-1a allows none", obj);
    const a = dict.get(PDFName.of("A"));
    if (a instanceof PDFRef && ctx.lookup(a) instanceof PDFDict) checkAction(ctx.lookup(a) as PDFDict);
    // Transfer functions (ExtGState /TR, /TR2 other than /Default; a halftone's TransferFunction).
    for (const key of ["TR", "TR2"]) {
      const tr = get(ctx, dict, key);
      if (tr && !(key === "TR2" && nameOf(tr) === "Default") && !(nameOf(tr) === "Identity")) add("transfer-function", `a transfer function (/${key}); PDF/X-1a allows none`, obj);
    }
    if (get(ctx, dict, "TransferFunction") && (type === "Halftone" || numberAt(ctx, dict, "HalftoneType") !== undefined)) {
      const tf = get(ctx, dict, "TransferFunction");
      if (nameOf(tf) !== "Identity") add("transfer-function", "a halftone with a TransferFunction; PDF/X-1a allows none", obj);
    }
    if (dict.has(PDFName.of("OPI"))) add("opi", "OPI comments (/OPI): the image or form is a placeholder for one the press does not have", obj);
    if (subtype === "PS" || nameAt(ctx, dict, "Subtype2") === "PS") add("postscript", "a PostScript XObject; PDF/X-1a allows none", obj);
    if (self instanceof PDFStream) {
      for (const f of filtersOf(ctx, dict)) if (FORBIDDEN_FILTERS[f]) add(f.startsWith("LZW") ? "lzw" : "forbidden-filter", FORBIDDEN_FILTERS[f]!, obj);
    }
    if (subtype === "Image") {
      if (get(ctx, dict, "Alternates")) add("forbidden-key", "an image with /Alternates; PDF/X-1a allows none", obj);
      if (get(ctx, dict, "Interpolate")?.toString() === "true") add("forbidden-key", "an image with /Interpolate true; PDF/X-1a requires it false", obj);
    }
    if (type === "Filespec" && get(ctx, dict, "EF")) add("embedded-file", "an embedded file; PDF/X-1a allows none", obj);
    void self;
  }
}
