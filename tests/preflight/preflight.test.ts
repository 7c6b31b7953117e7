import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync, writeFileSync, createWriteStream } from "node:fs";
import { join } from "node:path";
import PDFKit from "pdfkit";
import { PDFDocument, PDFName, rgb, cmyk } from "pdf-lib";
import { writePdf } from "../../src/render/pdf.js";
import { preflight } from "../../src/preflight/preflight.js";
import { PaibanError } from "../../src/common/diagnostics.js";
import { makeAlphaPng, makePhoto, sampleDocument, tempDir } from "../render/helpers.js";
import { HOSTILE } from "./minimal-pdf.js";

let dir: string;
let printFile: string;
let proofFile: string;

const codes = (r: { problems: { code: string }[] }) => [...new Set(r.problems.map((p) => p.code))].sort();

beforeAll(async () => {
  dir = tempDir("paiban-preflight-");
  const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
  printFile = join(dir, "print.pdf");
  proofFile = join(dir, "proof.pdf");
  await writePdf(doc, { out: printFile, mode: "print", cacheDir: join(dir, "cache") });
  await writePdf(doc, { out: proofFile, mode: "proof", proofTime: "2024-11-27 18:05", cacheDir: join(dir, "cache") });
}, 60_000);

describe("preflight of our own PDFs", () => {
  it("passes the print PDF and reports its facts", async () => {
    const r = await preflight(printFile);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.facts.pages).toBe(1);
    expect(r.facts.pdfx).toEqual({ version: "PDF/X-1:2001", conformance: "PDF/X-1a:2001", standard: "PDF/X-1a:2001", trapped: "False", outputIntent: "FOGRA39" });
    expect(r.facts.boxes[0]!.trim).toBeDefined();
    expect(r.facts.boxes[0]!.bleed).toBeDefined();
    expect(r.facts.images.every((i) => i.ppi! >= 200)).toBe(true);
  });

  it("fails the proof PDF and names why", async () => {
    const r = await preflight(proofFile);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(["image-resolution", "pdfx-output-intent", "pdfx-trapped", "pdfx-version", "rgb-colour", "transparency"]);
    const rgbProblem = r.problems.find((p) => p.code === "rgb-colour")!;
    expect(rgbProblem.page).toBe(1);
    expect(rgbProblem.message).toMatch(/RGB/);
  });
});

describe("preflight of other PDFs", () => {
  it("flags a plain office PDF: standard font not embedded, RGB, no boxes, no PDF/X", async () => {
    const file = join(dir, "office.pdf");
    await new Promise<void>((resolve) => {
      const doc = new PDFKit({ size: "A4" });
      const stream = createWriteStream(file);
      stream.on("finish", () => resolve());
      doc.pipe(stream);
      doc.fillColor("#336699").fontSize(14).text("Hello newsroom", 72, 72);
      doc.end();
    });
    const r = await preflight(file);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(
      expect.arrayContaining(["font-not-embedded", "rgb-colour", "box-missing", "pdfx-version", "pdfx-output-intent", "pdfx-trapped"]),
    );
    expect(r.facts.fonts[0]).toMatchObject({ name: "Helvetica", embedded: false, subset: false });
  });

  it("flags inconsistent boxes and over-limit ink inside the trim", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 400]);
    page.setTrimBox(10, 10, 380, 380);
    page.setBleedBox(20, 20, 370, 370); // smaller than the trim: wrong
    page.drawRectangle({ x: 50, y: 50, width: 100, height: 100, color: cmyk(1, 1, 1, 1) });
    page.drawRectangle({ x: 200, y: 50, width: 100, height: 100, color: cmyk(0.6, 0.5, 0.5, 0.9) });
    const file = join(dir, "boxes.pdf");
    writeFileSync(file, await pdf.save());
    const r = await preflight(file);
    expect(codes(r)).toEqual(expect.arrayContaining(["box-inconsistent", "ink-limit"]));
    expect(r.facts.maxInk).toBe(400);
  });

  it("ignores registration-colour marks outside the trim", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 400]);
    page.setTrimBox(40, 40, 360, 360);
    page.setBleedBox(30, 30, 370, 370);
    page.drawLine({ start: { x: 0, y: 40 }, end: { x: 25, y: 40 }, color: cmyk(1, 1, 1, 1) });
    page.drawRectangle({ x: 100, y: 100, width: 50, height: 50, color: cmyk(0, 0, 0, 1) });
    const file = join(dir, "marks.pdf");
    writeFileSync(file, await pdf.save());
    const r = await preflight(file);
    expect(codes(r)).not.toContain("ink-limit");
    expect(r.facts.maxInk).toBe(100);
  });

  it("flags RGB drawn by another producer", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([200, 200]);
    page.drawRectangle({ x: 10, y: 10, width: 50, height: 50, color: rgb(1, 0, 0) });
    const file = join(dir, "rgb.pdf");
    writeFileSync(file, await pdf.save());
    const r = await preflight(file);
    expect(codes(r)).toContain("rgb-colour");
    expect(r.facts.colorSpaces).toContain("DeviceRGB");
  });

  it("flags an inline image in RGB written with the abbreviation /RGB", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([200, 200]);
    const content = pdf.context.stream("q 10 0 0 10 50 50 cm BI /W 2 /H 1 /CS /RGB /BPC 8 ID \xff\x00\x00\x00\xff\x00 EI Q");
    page.node.set(PDFName.of("Contents"), pdf.context.register(content));
    const file = join(dir, "inline-rgb.pdf");
    writeFileSync(file, await pdf.save());
    const r = await preflight(file);
    expect(r.problems.filter((p) => p.code === "rgb-colour")).toEqual([{ code: "rgb-colour", message: "RGB colour (DeviceRGB); print needs CMYK in an inline image", page: 1 }]);
    expect(r.facts.colorSpaces).toContain("DeviceRGB");
  });

  it("catches a print PDF whose Trapped key was removed", async () => {
    const pdf = await PDFDocument.load(readFileSync(printFile), { updateMetadata: false });
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info) as import("pdf-lib").PDFDict;
    info.delete(PDFName.of("Trapped"));
    const file = join(dir, "untrapped.pdf");
    writeFileSync(file, await pdf.save({ useObjectStreams: false }));
    const r = await preflight(file);
    // pdf-lib also rewrote the header as PDF 1.7, which X-1a:2001 does not allow.
    expect(codes(r)).toEqual(["pdfx-trapped", "pdfx-version"]);
    expect(r.problems.find((p) => p.code === "pdfx-version")!.message).toMatch(/PDF 1\.7/);
  });

  it("flags a link inside the bleed, not a printer's mark nor a link out on the slug", async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 400]);
    page.setTrimBox(40, 40, 360, 360);
    page.setBleedBox(30, 30, 370, 370);
    const annotation = (subtype: string, rect: number[]) =>
      pdf.context.register(pdf.context.obj({ Type: "Annot", Subtype: subtype, Rect: rect }));
    page.node.set(
      PDFName.of("Annots"),
      pdf.context.obj([annotation("Link", [100, 100, 200, 120]), annotation("PrinterMark", [50, 50, 80, 80]), annotation("Text", [0, 380, 20, 400])]),
    );
    const file = join(dir, "annotations.pdf");
    writeFileSync(file, await pdf.save());
    const r = await preflight(file);
    const found = r.problems.filter((p) => p.code === "annotation");
    expect(found).toEqual([{ code: "annotation", page: 1, object: 5, message: "Link annotation inside the printed area; PDF/X-1a allows only printer's marks and trap networks there" }]);
    // Our own print PDF has none.
    expect(codes(await preflight(printFile))).not.toContain("annotation");
  });

  it("refuses what is not a PDF with a PaibanError", async () => {
    const file = join(dir, "not.pdf");
    writeFileSync(file, "hello");
    await expect(preflight(file)).rejects.toBeInstanceOf(PaibanError);
    await expect(preflight(join(dir, "missing.pdf"))).rejects.toThrow(/cannot read/);
  });
});

describe("hostile PDFs (issue 13 item 8): one clean error, in bounded time", () => {
  for (const h of HOSTILE) {
    it(`answers ${h.name} with a PaibanError naming the file within a few seconds`, { timeout: 30_000 }, async () => {
      const file = join(dir, `hostile-${h.name.replace(/\W+/g, "-")}.pdf`);
      writeFileSync(file, await h.file());
      const started = performance.now();
      const err = await preflight(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaibanError);
      expect((err as PaibanError).file).toBe(file);
      expect((err as PaibanError).message).toMatch(h.message);
      // Seconds of CPU on an idle machine (README, Print); the bound leaves room for a loaded one.
      expect(performance.now() - started).toBeLessThan(15_000);
    });
  }
});
