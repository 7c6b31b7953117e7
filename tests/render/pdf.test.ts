import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync, readdirSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, PDFDict, PDFName, PDFArray } from "pdf-lib";
import { writePdf, type PdfResult } from "../../src/render/pdf.js";
import { marksMargin } from "../../src/render/marks.js";
import { shownGlyphs, preflight } from "../../src/preflight/preflight.js";
import { PaibanError } from "../../src/common/diagnostics.js";
import type { DisplayDocument, GlyphRun } from "../../src/display/types.js";
import { BLEED, TRIM_H, TRIM_W, makeAlphaPng, makePhoto, sampleDocument, tempDir, textRun, SERIF } from "./helpers.js";

/** Text of a PDF through pdfjs-dist (an independent reader), whitespace removed. */
async function pdfjsText(file: string): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false });
  const pdf = await task.promise;
  let text = "";
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const content = await page.getTextContent();
    for (const item of content.items) if ("str" in item) text += item.str;
  }
  await pdf.destroy();
  return text.replace(/\s+/g, "");
}

function runsOf(doc: DisplayDocument): GlyphRun[] {
  return doc.pages[0]!.items.filter((i): i is GlyphRun => i.kind === "glyphs");
}

let dir: string;
let doc: DisplayDocument;
let printFile: string;
let proofFile: string;
let printResult: PdfResult;
let proofResult: PdfResult;

beforeAll(async () => {
  dir = tempDir();
  const photo = await makePhoto(dir);
  const png = await makeAlphaPng(dir);
  doc = sampleDocument(photo, png);
  // A run with per-glyph baseline offsets (superscript-like) must be placed too.
  const raised = textRun(SERIF, 9, "上标２０２４", 250, 575);
  raised.glyphs.forEach((g, i) => (g.y = i % 2 === 0 ? 0 : -2.5));
  doc.pages[0]!.items.push(raised);
  printFile = join(dir, "print.pdf");
  proofFile = join(dir, "proof.pdf");
  printResult = await writePdf(doc, { out: printFile, mode: "print", cacheDir: join(dir, "cache") });
  proofResult = await writePdf(doc, { out: proofFile, mode: "proof", proofTime: "2024-11-27 18:05", cacheDir: join(dir, "cache") });
}, 60_000);

describe("glyph placement", () => {
  it("puts every glyph at its display-list position within 0.01 pt (print)", async () => {
    const shown = await shownGlyphs(printFile);
    const m = marksMargin(BLEED);
    const mediaH = TRIM_H + 2 * m;
    const expected = runsOf(doc).flatMap((run) =>
      run.glyphs.map((g) => ({ x: m + run.x + g.x, y: mediaH - (m + run.y + g.y), size: run.size })),
    );
    expect(shown.length).toBeGreaterThan(expected.length); // + the slug line
    let worst = 0;
    expected.forEach((e, i) => {
      const s = shown[i]!;
      worst = Math.max(worst, Math.abs(s.x - e.x), Math.abs(s.y - e.y));
      expect(s.size).toBe(e.size);
    });
    expect(worst).toBeLessThan(0.01);
  });

  it("places glyphs the same way in the proof (trim + bleed media box)", async () => {
    const shown = await shownGlyphs(proofFile);
    const mediaH = TRIM_H + 2 * BLEED;
    const expected = runsOf(doc).flatMap((run) => run.glyphs.map((g) => ({ x: BLEED + run.x + g.x, y: mediaH - (BLEED + run.y + g.y) })));
    let worst = 0;
    // The proof adds the proof-mark label (7 pt) between items and the watermark after them.
    const seq = shown.filter((s) => s.size !== 7);
    expected.forEach((e, i) => (worst = Math.max(worst, Math.abs(seq[i]!.x - e.x), Math.abs(seq[i]!.y - e.y))));
    expect(worst).toBeLessThan(0.01);
  });

  it("copies out the glyphs' text in order (pdfjs-dist)", async () => {
    const text = await pdfjsText(printFile);
    const expected = runsOf(doc)
      .map((r) => r.glyphs.map((g) => g.text).join(""))
      .join("")
      .replace(/\s+/g, "");
    expect(text.startsWith(expected)).toBe(true);
    expect(text).toContain("重庆政协报第4版区县2024-11-27"); // the slug line
    expect(text).not.toContain("校样");
    expect(text).not.toContain("溢出");
  });
});

describe("print PDF", () => {
  it("has MediaBox with room for marks, BleedBox = trim + bleed, TrimBox on every page", async () => {
    const pdf = await PDFDocument.load(readFileSync(printFile));
    const m = marksMargin(BLEED);
    const page = pdf.getPage(0);
    const box = (name: string) => (page.node.get(PDFName.of(name)) as PDFArray).asArray().map((n) => Number(n.toString()));
    expect(box("MediaBox")).toEqual([0, 0, TRIM_W + 2 * m, TRIM_H + 2 * m]);
    expect(box("TrimBox")).toEqual([m, m, m + TRIM_W, m + TRIM_H]);
    expect(box("BleedBox")).toEqual([m - BLEED, m - BLEED, m + TRIM_W + BLEED, m + TRIM_H + BLEED]);
  });

  it("is identified as PDF/X-1a:2001 with a registered newspaper OutputIntent", async () => {
    const pdf = await PDFDocument.load(readFileSync(printFile), { updateMetadata: false });
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info) as PDFDict;
    const val = (k: string) => pdf.context.lookup(info.get(PDFName.of(k)));
    expect(val("GTS_PDFXVersion")?.toString()).toBe("(PDF/X-1:2001)");
    expect(val("GTS_PDFXConformance")?.toString()).toBe("(PDF/X-1a:2001)");
    expect(val("Trapped")).toBe(PDFName.of("False"));
    expect(val("CreationDate")?.toString()).toBe("(D:20241127000000Z)");
    expect(val("ModDate")?.toString()).toBe("(D:20241127000000Z)");
    const intents = pdf.catalog.lookup(PDFName.of("OutputIntents"), PDFArray);
    const intent = pdf.context.lookup(intents.get(0)) as PDFDict;
    expect(intent.get(PDFName.of("S"))).toBe(PDFName.of("GTS_PDFX"));
    expect(intent.get(PDFName.of("OutputConditionIdentifier"))?.toString()).toBe("(FOGRA39)");
    expect(readFileSync(printFile, "latin1").startsWith("%PDF-1.3")).toBe(true);
  });

  it("uses only CMYK, embeds and subsets every font, keeps ink within the limit", async () => {
    const r = await preflight(printFile);
    expect(r.facts.colorSpaces).toEqual(["DeviceCMYK"]);
    expect(r.facts.images.map((i) => i.colorSpace)).toEqual(["DeviceCMYK", "DeviceCMYK"]);
    expect(r.facts.fonts.length).toBeGreaterThanOrEqual(2);
    for (const f of r.facts.fonts) expect(f).toMatchObject({ embedded: true, subset: true });
    expect(r.facts.maxInk!).toBeLessThanOrEqual(240);
    expect(r.facts.transparency).toBe(false);
  });

  it("sets pure-black text to overprint and nothing else", () => {
    const raw = readFileSync(printFile, "latin1");
    expect(raw).toMatch(/\/Type \/ExtGState\n\/OP true\n\/op true\n\/OPM 1/);
  });

  it("reports images at ≤ 300 ppi and flattens PNG alpha on white", async () => {
    const [photo, logo] = printResult.images;
    expect(photo!.ppi).toBeLessThanOrEqual(300.5);
    expect(photo!.ppi).toBeGreaterThan(290);
    expect(logo!.ppi).toBeLessThanOrEqual(300.5);
    expect(printResult.warnings).toEqual([]);
  });
});

describe("proof PDF", () => {
  it("carries the watermark and proof-mark label, light images, trim + bleed media", async () => {
    const text = await pdfjsText(proofFile);
    expect(text).toContain("校样2024-11-2718:05");
    expect(text).toContain("溢出12字");
    for (const image of proofResult.images) expect(image.ppi).toBeLessThanOrEqual(100.5);
    const pdf = await PDFDocument.load(readFileSync(proofFile));
    expect(pdf.getPage(0).getMediaBox()).toMatchObject({ width: TRIM_W + 2 * BLEED, height: TRIM_H + 2 * BLEED });
  });
});

describe("deterministic and safe output", () => {
  it("gives byte-identical PDFs for the same input, cached or not", async () => {
    const again = join(dir, "again.pdf");
    await writePdf(doc, { out: again, mode: "print", cacheDir: join(dir, "cache") });
    const fresh = join(dir, "fresh.pdf");
    await writePdf(doc, { out: fresh, mode: "print", cacheDir: join(dir, "cache-fresh") });
    const a = readFileSync(printFile);
    expect(readFileSync(again).equals(a)).toBe(true);
    expect(readFileSync(fresh).equals(a)).toBe(true);
    const proofAgain = join(dir, "proof-again.pdf");
    await writePdf(doc, { out: proofAgain, mode: "proof", proofTime: "2024-11-27 18:05", cacheDir: join(dir, "cache") });
    expect(readFileSync(proofAgain).equals(readFileSync(proofFile))).toBe(true);
  }, 30_000);

  it("derives the file ID from the content", async () => {
    const other = structuredClone(doc);
    other.title = "另一个标题";
    const out = join(dir, "other.pdf");
    await writePdf(other, { out, mode: "print", cacheDir: join(dir, "cache") });
    const id = (f: string) => /\/ID \[<([0-9a-f]+)>/.exec(readFileSync(f, "latin1"))![1];
    expect(id(out)).not.toBe(id(printFile));
  });

  it("leaves the previous PDF untouched and no temp file when a write fails midway", async () => {
    const out = join(dir, "safe.pdf");
    copyFileSync(printFile, out);
    const before = readFileSync(out);
    const broken = structuredClone(doc);
    const bad = join(dir, "broken.jpg");
    writeFileSync(bad, Buffer.from("this is not a jpeg at all"));
    broken.pages[0]!.items.push({ kind: "image", x: 0, y: 0, width: 50, height: 50, src: bad, fit: "fill", focus: { x: 0.5, y: 0.5 } });
    await expect(writePdf(broken, { out, mode: "print", cacheDir: join(dir, "cache") })).rejects.toBeInstanceOf(PaibanError);
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("leaves one complete PDF when two writes race to one path", async () => {
    const out = join(dir, "race.pdf");
    const other = structuredClone(doc);
    other.title = "竞争写入";
    await Promise.all([
      writePdf(doc, { out, mode: "print", cacheDir: join(dir, "cache") }),
      writePdf(other, { out, mode: "print", cacheDir: join(dir, "cache") }),
    ]);
    const result = readFileSync(out);
    const otherFile = join(dir, "race-other.pdf");
    await writePdf(other, { out: otherFile, mode: "print", cacheDir: join(dir, "cache") });
    const candidates = [readFileSync(printFile), readFileSync(otherFile)];
    expect(candidates.some((c) => c.equals(result))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 30_000);

  it("refuses bad documents with a PaibanError", async () => {
    const out = join(dir, "bad.pdf");
    await expect(writePdf({ ...doc, date: "27/11/2024" }, { out, mode: "print" })).rejects.toThrow(/yyyy-mm-dd/);
    await expect(writePdf({ ...doc, pages: [] }, { out, mode: "print" })).rejects.toBeInstanceOf(PaibanError);
    const badGlyph = structuredClone(doc);
    (badGlyph.pages[0]!.items.find((i) => i.kind === "glyphs") as GlyphRun).glyphs[0]!.id = 999_999;
    await expect(writePdf(badGlyph, { out, mode: "print", cacheDir: join(dir, "cache") })).rejects.toThrow(/glyph id 999999/);
  });
});
