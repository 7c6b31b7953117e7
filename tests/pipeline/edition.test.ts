/**
 * The render pipeline over an edition: every page in order in one PDF, the summary, byte-
 * identical output across runs, threads and the warm renderer.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument, PDFName, PDFArray, PDFNumber } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { createRenderer, render } from "../../src/pipeline/render.js";
import { summaryTable } from "../../src/pipeline/progress.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const EDITION = path.join(root, "layouts/edition-16.json");
const SEED = path.join(root, "layouts/quxian.json");
const tmp = mkdtempSync(path.join(os.tmpdir(), "paiban-pipeline-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const out = (name: string) => path.join(tmp, name);
const read = (file: string) => readFileSync(file);

function box(page: ReturnType<PDFDocument["getPages"]>[number], name: string): number[] {
  const arr = page.node.get(PDFName.of(name)) as PDFArray;
  return arr.asArray().map((n) => (n as PDFNumber).asNumber());
}

describe("an edition", () => {
  it("renders every page, in order, into one PDF with trim and bleed boxes", async () => {
    const spec = JSON.parse(readFileSync(EDITION, "utf8")) as { pages: { number: number; name: string }[] };
    const r = await render({ layout: EDITION, mode: "print", out: out("edition.pdf"), workers: 0 });
    expect(r.document.pages.map((p) => p.number)).toEqual(spec.pages.map((p) => p.number));
    expect(r.document.pages.map((p) => p.name)).toEqual(spec.pages.map((p) => p.name));
    expect(r.report.pages.map((p) => p.number)).toEqual(spec.pages.map((p) => p.number));
    const pdf = await PDFDocument.load(read(out("edition.pdf")), { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(16);
    pdf.getPages().forEach((page, i) => {
      const d = r.document.pages[i]!;
      const trim = box(page, "TrimBox");
      const bleed = box(page, "BleedBox");
      expect(trim[2]! - trim[0]!).toBeCloseTo(d.trimWidth, 3);
      expect(trim[3]! - trim[1]!).toBeCloseTo(d.trimHeight, 3);
      expect(bleed[2]! - bleed[0]!).toBeCloseTo(d.trimWidth + 2 * d.bleed, 3);
      const media = page.getMediaBox();
      expect(media.width).toBeGreaterThan(bleed[2]! - bleed[0]!); // marks outside the bleed
    });
    // The pages differ: not one arrangement sixteen times.
    const shapes = new Set(r.document.pages.map((p) => p.items.map((i) => i.itemId ?? i.kind).join(",")));
    expect(shapes.size).toBeGreaterThanOrEqual(5);
  });

  it("lists every page in the summary", async () => {
    const r = await render({ layout: EDITION, mode: "proof", out: out("summary.pdf"), proofTime: "test", workers: 0 });
    expect(r.summary.map((s) => s.number)).toEqual(r.document.pages.map((p) => p.number));
    for (const s of r.summary) {
      expect(s.name).not.toBe("");
      expect(s.oversetStories).toBe(0);
      expect(s.ms).toBeGreaterThanOrEqual(0);
    }
    const table = summaryTable(r.summary, r.timings.pdf).split("\n");
    expect(table[0]).toMatch(/page\s+name\s+overset\s+warnings\s+time/);
    for (const s of r.summary) expect(table.some((l) => l.trimStart().startsWith(`${s.number} `) && l.includes(s.name))).toBe(true);
  });

  it("gives byte-identical PDFs run after run, with and without worker threads", async () => {
    const opts = { layout: EDITION, mode: "proof" as const, proofTime: "test" };
    const a = await render({ ...opts, out: out("a.pdf"), report: out("a.report.json"), workers: 0 });
    const b = await render({ ...opts, out: out("b.pdf"), report: out("b.report.json"), workers: 0 });
    const c = await render({ ...opts, out: out("c.pdf"), report: out("c.report.json"), workers: 2 });
    expect(c.workers).toBe(2);
    expect(read(out("a.pdf")).equals(read(out("b.pdf")))).toBe(true);
    expect(read(out("a.pdf")).equals(read(out("c.pdf")))).toBe(true);
    const report = (f: string) => JSON.parse(readFileSync(out(f), "utf8")) as { pdf: string };
    const strip = (f: string) => ({ ...report(f), pdf: "" });
    expect(strip("c.report.json")).toEqual(strip("a.report.json"));
    expect(a.report.warnings).toEqual(c.report.warnings);
  }, 60_000);
});

describe("the warm renderer", () => {
  it("writes the same bytes as a cold render, render after render", async () => {
    const cold = out("cold.pdf");
    await render({ layout: SEED, mode: "print", out: cold });
    const renderer = createRenderer();
    for (const name of ["warm1.pdf", "warm2.pdf", "warm3.pdf"]) {
      const r = await renderer.render({ layout: SEED, mode: "print", out: out(name) });
      expect(read(out(name)).equals(read(cold))).toBe(true);
      if (name !== "warm1.pdf") expect(r.summary.every((s) => s.cached)).toBe(true);
    }
  });

  it("makes up again what changed, and matches a cold render of the changed input", async () => {
    const dir = mkdtempSync(path.join(tmp, "edit-"));
    cpSync(path.join(root, "layouts"), path.join(dir, "layouts"), { recursive: true });
    cpSync(path.join(root, "samples/quxian"), path.join(dir, "samples/quxian"), { recursive: true });
    const layout = path.join(dir, "layouts/edition-16.json");
    const renderer = createRenderer();
    const opts = { layout, mode: "proof" as const, proofTime: "test", workers: 0 };
    await renderer.render({ ...opts, out: out("w-before.pdf") });
    // An editor cuts the last paragraph of a box item that only some pages carry.
    const copy = path.join(dir, "samples/quxian/pengshui.md");
    const text = readFileSync(copy, "utf8");
    writeFileSync(copy, text.trimEnd().split("\n").slice(0, -2).join("\n") + "\n");
    const warm = await renderer.render({ ...opts, out: out("w-after.pdf") });
    expect(warm.summary.some((s) => s.cached)).toBe(true);
    expect(warm.summary.some((s) => !s.cached)).toBe(true);
    await render({ ...opts, out: out("c-after.pdf") });
    expect(read(out("w-after.pdf")).equals(read(out("c-after.pdf")))).toBe(true);
    expect(read(out("w-after.pdf")).equals(read(out("w-before.pdf")))).toBe(false);
  }, 60_000);
});

describe("worker threads by default", () => {
  it("only for an edition of MIN_PAGES_FOR_WORKERS pages or more, on more than two cores", async () => {
    const { vi } = await import("vitest");
    const { defaultWorkerCount, MIN_PAGES_FOR_WORKERS } = await import("../../src/pipeline/makeup.js");
    expect(MIN_PAGES_FOR_WORKERS).toBe(48);
    const cores = vi.spyOn(os, "availableParallelism");
    try {
      cores.mockReturnValue(8);
      expect(defaultWorkerCount(16)).toBe(0); // the main thread makes 16 pages before a worker starts
      expect(defaultWorkerCount(47)).toBe(0);
      expect(defaultWorkerCount(48)).toBe(8);
      cores.mockReturnValue(2);
      expect(defaultWorkerCount(64)).toBe(0);
    } finally {
      cores.mockRestore();
    }
  });
});
