/** Subset tags from the subset's content: src/render/subset-tag.ts, put in by pdfkit-internals.ts. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPdfBytes } from "../../src/render/pdf.js";
import { subsetTag } from "../../src/render/subset-tag.js";
import { SANS, SERIF, tempDir, textRun } from "./helpers.js";

describe("subset tags come from the subset's content (ISO 32000 §9.6.4)", () => {
  async function tags(lines: string[]): Promise<string[]> {
    const doc = {
      title: "tags", paper: "重庆政协报", date: "2024-11-27",
      pages: [{ number: 1, name: "要闻", trimWidth: 400, trimHeight: 400, bleed: 8.5,
        items: [textRun(SERIF, 9, lines[0]!, 30, 40), textRun(SANS, 9, lines[1]!, 30, 80)] }],
    };
    const dir = tempDir("paiban-tags-");
    // Proof mode: print adds a slug line in the sans face, whose text (the date, the page) is the same here.
    const { pdf } = await renderPdfBytes(doc, { out: join(dir, "t.pdf"), mode: "proof", cacheDir: join(dir, "cache") });
    return [...pdf.toString("latin1").matchAll(/\/FontName \/([A-Z]+)\+(\S+)/g)].map((m) => `${m[1]}+${m[2]}`).sort();
  }

  it("two files with different subsets get different tags; the same input the same tags", async () => {
    const a = await tags(["区县快递今日开栏", "重庆政协报"]);
    const again = await tags(["区县快递今日开栏", "重庆政协报"]);
    const b = await tags(["政协委员深入调研", "重庆政协报"]);
    for (const t of a) expect(t).toMatch(/^[A-Z]{6}\+NotoS(erif|ans)SC-(Regular|Bold)$/);
    expect(again).toEqual(a);
    const serif = (list: string[]) => list.find((t) => t.endsWith("+NotoSerifSC-Regular"))!;
    const sans = (list: string[]) => list.find((t) => t.endsWith("+NotoSansSC-Bold"))!;
    // Different serif glyphs: different tag. The same sans line in both: the same tag.
    expect(serif(b)).not.toBe(serif(a));
    expect(sans(b)).toBe(sans(a));
    // Not pdfkit's resource-name tags (BZZZZZ, CZZZZZ …).
    for (const t of [...a, ...b]) expect(t).not.toMatch(/^[A-Z]ZZZZZ\+/);
  });

  it("a clash within one document is hashed again: every subset of a file has its own tag", async () => {
    const taken = new Set<string>();
    const bytes = new Uint8Array([1, 2, 3]);
    const first = subsetTag(bytes, "X", taken);
    const second = subsetTag(bytes, "X", taken);
    expect(first).toMatch(/^[A-Z]{6}$/);
    expect(second).not.toBe(first);
    expect(subsetTag(bytes, "X")).toBe(first);
  });
});
