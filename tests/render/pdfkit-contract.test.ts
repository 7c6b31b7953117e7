/**
 * The pdfkit internals paiban drives (see src/render/pdfkit-internals.ts). If pdfkit changes
 * any of them, this fails loudly — before a page goes out with misplaced or unmapped glyphs.
 */
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import { join } from "node:path";
import sharp from "sharp";
import {
  PdfToken,
  addPage,
  createDocument,
  embedFace,
  finish,
  includeGlyph,
  indirect,
  setCatalogEntry,
  setPageBox,
  useFontOnPage,
  useJpeg,
  writeContent,
} from "../../src/render/pdfkit-internals.js";
import { loadFace } from "../../src/render/fonts.js";
import { FontStore } from "../../src/fonts/store.js";
import { SERIF } from "./helpers.js";

const require = createRequire(import.meta.url);

/** Inflate every FlateDecode stream of a (small) PDF and return all text, for grepping. */
function inflatedText(pdf: Buffer): string {
  const s = pdf.toString("latin1");
  const parts: string[] = [s];
  const re = /stream\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf("\nendstream", start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      /* not deflated */
    }
  }
  return parts.join("\n");
}

describe("pdfkit contract (pinned 0.20.2)", () => {
  it("is exactly the pinned version", () => {
    const main = require.resolve("pdfkit");
    const pkgFile = join(main.slice(0, main.lastIndexOf("/node_modules/pdfkit/") + "/node_modules/pdfkit/".length), "package.json");
    const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { version: string };
    expect(pkg.version).toBe("0.20.2");
  });

  it("starts each page y-down and exposes the page dictionary and resources", () => {
    const doc = createDocument({ info: {} });
    addPage(doc, 300, 400);
    expect(doc._ctm).toEqual([1, 0, 0, -1, 0, 400]);
    expect(doc.page.dictionary.data.MediaBox).toEqual([0, 0, 300, 400]);
    expect(typeof doc.page.fonts).toBe("object");
    expect(typeof doc.page.xobjects).toBe("object");
    expect(typeof doc.page.ext_gstates).toBe("object");
    expect(doc._root.data.Type).toBe("Catalog");
  });

  it("gives an EmbeddedFont whose subset, widths and unicode we can drive", async () => {
    const doc = createDocument({ info: { Trapped: new PdfToken("/False") } });
    addPage(doc, 300, 400);
    const face = loadFace(new FontStore(), SERIF);
    const font = embedFace(doc, face);
    expect(font.id).toMatch(/^F\d+$/);
    expect(typeof font.subset.includeGlyph).toBe("function");
    expect(Array.isArray(font.widths)).toBe(true);
    expect(Array.isArray(font.unicode)).toBe(true);
    expect(font.scale).toBeCloseTo(1000 / face.unitsPerEm, 9);
    expect(font.font).toBe(face);

    const gid = face.layout("报").glyphs[0]!.id;
    const first = includeGlyph(font, gid, "报");
    expect(first.cid).toBe(1); // CID 0 is .notdef
    expect(first.width).toBeCloseTo(face.getGlyph(gid).advanceWidth * font.scale, 6);
    expect(includeGlyph(font, gid, "报").cid).toBe(1);
    expect(font.unicode[1]).toEqual(["报".codePointAt(0)]);

    setPageBox(doc, "TrimBox", [10, 10, 290, 390]);
    setCatalogEntry(doc, "OutputIntents", [indirect(doc, { Type: "OutputIntent", S: "GTS_PDFX" })]);
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .toColourspace("cmyk")
      .jpeg()
      .toBuffer();
    const image = useJpeg(doc, jpeg);
    expect(image).toMatchObject({ width: 8, height: 8 });
    const name = useFontOnPage(doc, font);
    writeContent(doc, `BT /${name} 10 Tf 1 0 0 -1 20 30 Tm [<0001>] TJ ET`);
    const pdf = await finish(doc);
    const text = inflatedText(pdf);
    expect(text).toMatch(/\/Subtype \/Type0/);
    expect(text).toMatch(/\/Encoding \/Identity-H/);
    expect(text).toMatch(/\/CIDToGIDMap \/Identity/);
    expect(text).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifSC-Regular/);
    expect(text).toMatch(new RegExp(`/W \\[0 \\[\\d+(\\.\\d+)? ${Math.round(first.width)}\\]\\]`));
    expect(text).toMatch(/<0001> <0001> \[<62a5>\]|<0000> <0001> \[<0000> <62a5>\]/); // ToUnicode: CID 1 → 报
    expect(text).toMatch(/\/Trapped \d+ 0 R/);
    expect(text).toMatch(/obj\n\/False\nendobj/);
    expect(text).toMatch(/\/TrimBox \[10 10 290 390\]/);
    expect(text).toMatch(/\/Decode \[1 0 1 0 1 0 1 0\]/);
    expect(text).toMatch(/\/ColorSpace \/DeviceCMYK/);
    expect(text).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(text).toMatch(/\/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });
});

describe("pdfkit compresses through zlib.deflateSync (withDeflateLevel)", () => {
  it("writes every stream at the level asked for, and puts zlib back", async () => {
    const zlib = await import("node:zlib");
    const { withDeflateLevel } = await import("../../src/pipeline/fast-paths.js");
    const original = zlib.deflateSync;
    const streamHeaders = async (level: number) => {
      const pdf = await withDeflateLevel(level, async () => {
        const doc = createDocument({ info: { Title: "deflate" } });
        addPage(doc, 200, 200);
        writeContent(doc, "0 0 0 1 k 10 10 100 100 re f ".repeat(200));
        return finish(doc);
      });
      const s = pdf.toString("latin1");
      const heads: string[] = [];
      for (const m of s.matchAll(/stream\n/g)) heads.push(pdf.subarray(m.index! + 7, m.index! + 9).toString("hex"));
      return heads;
    };
    // The zlib header's second byte names the level: 01 fastest, 9c default.
    expect(await streamHeaders(1)).toContain("7801");
    expect(await streamHeaders(6)).toContain("789c");
    expect(zlib.deflateSync).toBe(original);
  });
});
