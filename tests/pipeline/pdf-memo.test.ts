/**
 * The warm path's kept PDF: rendering the same pages again writes the kept bytes instead of
 * running the PDF writer. The render takes the proof's copyfit tags out of the pages first; that
 * must give the same page objects every time, or the writer runs on every re-render.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withoutCopyfitTags, type DisplayDocument, type DisplayPage } from "../../src/display/types.js";
import { FontStore } from "../../src/fonts/store.js";
import { PdfOutput, type PdfWriterModule } from "../../src/pipeline/pdf-output.js";
import { OutputSet } from "../../src/render/atomic.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "paiban-memo-"));

function page(tagged: boolean): DisplayPage {
  const items: DisplayPage["items"] = [{ kind: "rect", x: 10, y: 10, width: 20, height: 20, fill: { c: 0, m: 0, y: 0, k: 100 } }];
  if (tagged) items.push({ kind: "proof-mark", reason: "copyfit", x: 10, y: 10, width: 20, height: 5, label: "撑 +1" } as DisplayPage["items"][number]);
  return { number: 1, name: "测试", trimWidth: 200, trimHeight: 300, bleed: 0, items } as DisplayPage;
}

/** A PDF writer that counts its calls. */
function countingWriter(): { calls: number; module: Promise<PdfWriterModule> } {
  const counter = { calls: 0, module: undefined as unknown as Promise<PdfWriterModule> };
  const renderPdfBytes = async () => {
    counter.calls++;
    return { pdf: Buffer.from(`%PDF-1.3 call ${counter.calls}\n`), warnings: [], images: [] };
  };
  counter.module = Promise.resolve({ renderPdfBytes } as unknown as PdfWriterModule);
  return counter;
}

describe("the kept PDF (warm re-render)", () => {
  it("withoutCopyfitTags gives the same page objects for the same pages, tagged or not", () => {
    const doc: DisplayDocument = { title: "t", paper: "p", date: "2024-11-27", pages: [page(true), page(false)] };
    const a = withoutCopyfitTags(doc);
    const b = withoutCopyfitTags(doc);
    expect(a.pages[0]).toBe(b.pages[0]);
    expect(a.pages[0]!.items.some((i) => i.kind === "proof-mark")).toBe(false);
    expect(a.pages[1]).toBe(doc.pages[1]);
  });

  it("writes once for the same pages with their copyfit tags taken out on every render, again when a page changes", async () => {
    const fonts = new FontStore();
    const doc: DisplayDocument = { title: "t", paper: "p", date: "2024-11-27", pages: [page(true)] };
    const writer = countingWriter();
    const pdf = new PdfOutput();
    const out = path.join(tmp, "memo.pdf");
    for (let i = 0; i < 3; i++) {
      const outputs = new OutputSet();
      await pdf.write(withoutCopyfitTags(doc), { out, mode: "print", fonts }, outputs, writer.module);
      await outputs.commit();
    }
    expect(writer.calls).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("%PDF-1.3 call 1\n");
    const changed: DisplayDocument = { ...doc, pages: [page(true)] };
    const outputs = new OutputSet();
    await pdf.write(withoutCopyfitTags(changed), { out, mode: "print", fonts }, outputs, writer.module);
    await outputs.commit();
    expect(writer.calls).toBe(2);
  });
});
