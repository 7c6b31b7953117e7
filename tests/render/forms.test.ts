/**
 * Motifs as form XObjects: ContentStream.place (src/render/content.ts), the 花边 drawn with
 * motifs (src/render/vector.ts) and the PDF writer turning `cs.forms` into form XObjects
 * (src/render/pdf.ts, formXObject / useXObject in src/render/pdfkit-internals.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, type PDFPage } from "pdf-lib";
import { ContentStream, type Motif } from "../../src/render/content.js";
import { drawBorder, type Inking } from "../../src/render/vector-pdf.js";
import { renderPdfBytes } from "../../src/render/pdf.js";
import { preflight } from "../../src/preflight/preflight.js";
import type { BorderItem, DisplayDocument } from "../../src/display/types.js";
import { BLACK, BLEED, RED, SERIF, TRIM_H, TRIM_W, tempDir, textRun } from "./helpers.js";

const inking: Inking = { fill: (cs, c) => void cs.fillCmyk(c), stroke: (cs, c) => void cs.strokeCmyk(c) };

/** A small triangle around its origin; counts how often it is drawn. */
function triangle(name = "PbTri"): Motif & { draws: number } {
  const motif = {
    name,
    bbox: [-2, -2, 2, 2] as [number, number, number, number],
    draws: 0,
    draw(cs: ContentStream, x: number, y: number) {
      motif.draws++;
      cs.moveTo(x - 1, y).lineTo(x + 1, y).lineTo(x, y + 1.5).closePath().fill();
    },
  };
  return motif;
}

const PLACEMENT = /^q 1 0 0 1 (\S+) (\S+) cm \/(\w+) Do Q$/;

describe("ContentStream.place", () => {
  it("without forms draws the motif inline at (x, y)", () => {
    const cs = new ContentStream();
    const motif = triangle();
    cs.place(motif, 10.5, 20.25).place(motif, -3, 4);
    expect(cs.toString()).toBe(
      ["9.5 20.25 m", "11.5 20.25 l", "10.5 21.75 l", "h", "f", "-4 4 m", "-2 4 l", "-3 5.5 l", "h", "f"].join("\n"),
    );
    expect(cs.toString()).not.toMatch(/Do/);
    expect(cs.forms.size).toBe(0);
    expect(motif.draws).toBe(2);
  });

  it("with { forms: true } places a form twice and draws the motif once, at the origin", () => {
    const cs = new ContentStream({ forms: true });
    const motif = triangle();
    cs.place(motif, 10.5, 20.25).place(motif, 30, -4.123456);
    expect(cs.toString()).toBe(["q 1 0 0 1 10.5 20.25 cm /PbTri Do Q", "q 1 0 0 1 30 -4.1235 cm /PbTri Do Q"].join("\n"));
    expect([...cs.forms.keys()]).toEqual(["PbTri"]);
    expect(cs.forms.get("PbTri")).toEqual({ bbox: [-2, -2, 2, 2], content: ["-1 0 m", "1 0 l", "0 1.5 l", "h", "f"].join("\n") });
    expect(motif.draws).toBe(1);
  });

  it("gives each motif name its own form", () => {
    const cs = new ContentStream({ forms: true });
    cs.place(triangle("PbA"), 0, 0).place(triangle("PbB"), 1, 1).place(triangle("PbA"), 2, 2);
    expect([...cs.forms.keys()]).toEqual(["PbA", "PbB"]);
    expect(cs.toString().split("\n").map((l) => PLACEMENT.exec(l)![3])).toEqual(["PbA", "PbB", "PbA"]);
  });
});

/** A content stream's lines as operator and numbers. */
function ops(text: string): { op: string; nums: number[]; line: string }[] {
  return text.split("\n").map((line) => {
    const parts = line.split(" ");
    return { op: parts[parts.length - 1]!, nums: parts.slice(0, -1).map(Number), line };
  });
}

function border(x: number, y: number, width: number, height: number, weight: number): BorderItem {
  return { kind: "border", x, y, width, height, style: "flower", weight, color: RED };
}

/** A page-sized 花边: hundreds of motifs. */
const BIG = border(10, 12, 400, 560, 6);

describe("the 花边 in forms mode", () => {
  const inline = new ContentStream();
  drawBorder(inline, BIG, inking);
  const formed = new ContentStream({ forms: true });
  drawBorder(formed, BIG, inking);
  const placements = formed
    .toString()
    .split("\n")
    .map((l) => PLACEMENT.exec(l))
    .filter((m): m is RegExpExecArray => m !== null);

  it("is a few forms placed hundreds of times", () => {
    // The corner flower (0.95 band), the side flower (0.8 band) and the lozenge (band).
    expect([...formed.forms.keys()].sort()).toEqual(["PbFlower4800", "PbFlower5700", "PbLozenge6000"]);
    expect(formed.forms.size).toBeLessThanOrEqual(3);
    expect(placements.length).toBeGreaterThan(300);
    expect(placements.filter((p) => p[3] === "PbFlower5700").length).toBe(4); // the corners
    for (const [, form] of formed.forms) expect(form.content).toMatch(/\nf$/);
    expect(formed.toString().match(/ m$/gm)).toBeNull(); // no motif paths in the page itself
  });

  it("without forms draws hundreds of paths, as many as the placed forms hold", () => {
    const mCount = (s: string) => (s.match(/ m$/gm) ?? []).length;
    const inlineM = mCount(inline.toString());
    expect(inlineM).toBeGreaterThan(1000);
    const expected = placements.reduce((n, p) => n + mCount(formed.forms.get(p[3]!)!.content), 0);
    expect(inlineM).toBe(expected);
  });

  it("draws the same geometry: each inline motif is its form shifted by the placement", () => {
    const a = ops(inline.toString());
    const b = ops(formed.toString());
    const differentLines: string[] = [];
    let worst = 0;
    let i = 0;
    let checked = 0;
    for (const line of b) {
      const placed = PLACEMENT.exec(line.line);
      if (!placed) {
        // Everything that is not a motif (colours, hairlines) is written as it was.
        if (a[i]?.line !== line.line) differentLines.push(`${a[i]?.line} vs ${line.line}`);
        i++;
        continue;
      }
      const dx = Number(placed[1]);
      const dy = Number(placed[2]);
      for (const f of ops(formed.forms.get(placed[3]!)!.content)) {
        const g = a[i++];
        if (!g || g.op !== f.op || g.nums.length !== f.nums.length) {
          differentLines.push(`${g?.line} vs ${f.line} at (${dx}, ${dy})`);
          continue;
        }
        g.nums.forEach((v, k) => (worst = Math.max(worst, Math.abs(v - (f.nums[k]! + (k % 2 === 0 ? dx : dy))))));
      }
      checked++;
    }
    expect(differentLines).toEqual([]);
    expect(i).toBe(a.length);
    expect(checked).toBe(placements.length);
    expect(worst).toBeLessThan(1e-3);
    // Two placements spelled out: the first corner flower and the first side motif.
    const first = placements[0]!;
    expect(first[3]).toBe("PbFlower5700");
    expect([Number(first[1]), Number(first[2])]).toEqual([BIG.x + 3, BIG.y + 3]);
    const firstInline = inline.toString().split("\n").find((l) => l.endsWith(" m"))!;
    const firstForm = formed.forms.get("PbFlower5700")!.content.split("\n")[0]!;
    expect(firstForm).toBe("0 0 m"); // a petal starts at the flower's centre
    expect(firstInline).toBe("13 15 m");
    // After the four corners, the top side starts with a lozenge 1/88 of the way along
    // (394 pt between corner centres, a motif every 0.75 band = 4.5 pt, rounded to 88 steps).
    const side = placements[4]!;
    expect([side[3], Number(side[1]), Number(side[2])]).toEqual(["PbLozenge6000", 17.4773, 15]);
  });

  it("keeps every form's drawing inside its /BBox (a form is clipped to it)", () => {
    for (const [name, form] of formed.forms) {
      const [x0, y0, x1, y1] = form.bbox;
      const outside: string[] = [];
      let extent = 0;
      for (const { nums, line } of ops(form.content)) {
        for (let k = 0; k + 1 < nums.length; k += 2) {
          const x = nums[k]!;
          const y = nums[k + 1]!;
          extent = Math.max(extent, Math.abs(x), Math.abs(y));
          if (x < x0 || x > x1 || y < y0 || y > y1) outside.push(line);
        }
      }
      expect({ name, outside }).toEqual({ name, outside: [] });
      expect(extent).toBeGreaterThan(0); // there is a drawing to keep inside
    }
  });
});

// ---- end to end: the PDF writer ----

const SMALL = border(36, 240, 160, 110, 8);

function document(): DisplayDocument {
  const page = (number: number, items: DisplayDocument["pages"][number]["items"]) => ({
    number,
    name: "区县",
    trimWidth: TRIM_W,
    trimHeight: TRIM_H,
    bleed: BLEED,
    items,
  });
  return {
    title: "花边 forms",
    paper: "重庆政协报",
    date: "2024-11-27",
    pages: [
      page(4, [
        { ...BIG, color: BLACK }, // pure black: overprinted, through the form
        SMALL,
        textRun(SERIF, 9, "专栏框内文字，花边围起。", 52, 300),
      ]),
      page(5, [SMALL]),
    ],
  };
}

/** The forms a page's borders make, by drawing them as the writer does. */
function formsOf(items: DisplayDocument["pages"][number]["items"]): { forms: ContentStream["forms"]; placements: number } {
  const cs = new ContentStream({ forms: true });
  for (const item of items) if (item.kind === "border") drawBorder(cs, item, inking);
  return { forms: cs.forms, placements: (cs.toString().match(/ Do Q$/gm) ?? []).length };
}

function streamText(stream: PDFRawStream): string {
  const filter = stream.dict.lookup(PDFName.of("Filter"));
  const raw = Buffer.from(stream.contents);
  return (filter === PDFName.of("FlateDecode") ? inflateSync(raw) : raw).toString("latin1");
}

/** An object that must be a raw (as read) stream. */
function rawStream(o: unknown): PDFRawStream {
  if (!(o instanceof PDFRawStream)) throw new Error(`not a stream: ${String(o)}`);
  return o;
}

function pageContent(page: PDFPage): string {
  const contents = page.node.Contents();
  if (contents instanceof PDFArray) {
    return contents
      .asArray()
      .map((r) => streamText(rawStream(page.doc.context.lookup(r))))
      .join("\n");
  }
  return streamText(rawStream(contents));
}

function xobjects(page: PDFPage): PDFDict {
  return page.node.Resources()!.lookup(PDFName.of("XObject"), PDFDict);
}

const names = (d: PDFDict) =>
  d
    .keys()
    .map((k) => k.decodeText())
    .sort();

describe("form XObjects in the PDF", () => {
  let dir: string;
  let pdf: Buffer;
  let parsed: PDFDocument;
  const doc = document();

  beforeAll(async () => {
    dir = tempDir("paiban-forms-");
    const result = await renderPdfBytes(doc, { out: join(dir, "forms.pdf"), mode: "print", cacheDir: join(dir, "cache") });
    pdf = result.pdf;
    expect(result.warnings).toEqual([]);
    parsed = await PDFDocument.load(pdf, { updateMetadata: false });
  }, 60_000);

  it("lists each page's motif forms in its /Resources /XObject, each a /Form with a /BBox and the motif's drawing", () => {
    expect(parsed.getPageCount()).toBe(2);
    doc.pages.forEach((p, i) => {
      const expected = formsOf(p.items);
      const page = parsed.getPage(i);
      const dict = xobjects(page);
      expect(names(dict)).toEqual([...expected.forms.keys()].sort());
      for (const [name, form] of expected.forms) {
        const stream = rawStream(dict.lookup(PDFName.of(name)));
        expect(stream.dict.lookup(PDFName.of("Type"))).toBe(PDFName.of("XObject"));
        expect(stream.dict.lookup(PDFName.of("Subtype"))).toBe(PDFName.of("Form"));
        const bbox = stream.dict.lookup(PDFName.of("BBox"), PDFArray);
        const numbers = bbox.asArray().map((n) => (n as PDFNumber).asNumber());
        expect(numbers.length).toBe(4);
        numbers.forEach((v, k) => expect(v).toBeCloseTo(form.bbox[k]!, 4));
        // pdfkit's PDFReference.write ends a string chunk with a newline.
        expect(streamText(stream)).toBe(`${form.content}\n`);
      }
    });
  });

  it("page 1 has the forms of both borders (three each), page 2 only the small border's", () => {
    const one = names(xobjects(parsed.getPage(0)));
    const two = names(xobjects(parsed.getPage(1)));
    expect(one).toEqual(["PbFlower4800", "PbFlower5700", "PbFlower6400", "PbFlower7600", "PbLozenge6000", "PbLozenge8000"]);
    expect(two).toEqual(["PbFlower6400", "PbFlower7600", "PbLozenge8000"]);
  });

  it("a form used on two pages is one object", () => {
    for (const name of ["PbFlower6400", "PbFlower7600", "PbLozenge8000"]) {
      const a = xobjects(parsed.getPage(0)).get(PDFName.of(name));
      const b = xobjects(parsed.getPage(1)).get(PDFName.of(name));
      expect(a).toBeInstanceOf(PDFRef);
      expect(String(a)).toBe(String(b));
    }
  });

  it("the page content places the forms with Do, and nothing it places is missing from the resources", () => {
    doc.pages.forEach((p, i) => {
      const page = parsed.getPage(i);
      const content = pageContent(page);
      const done = [...content.matchAll(/\/(\w+) Do\b/g)].map((m) => m[1]!);
      expect(done.length).toBe(formsOf(p.items).placements);
      expect(done.length).toBeGreaterThan(i === 0 ? 400 : 80);
      const available = new Set(names(xobjects(page)));
      expect([...new Set(done)].filter((n) => !available.has(n))).toEqual([]);
    });
  });

  it("the raw file has a /Subtype /Form object with a /BBox for every form", () => {
    const text = pdf.toString("latin1");
    const forms = text.match(/\/Type \/XObject\n\/Subtype \/Form\n\/BBox \[[^\]]+\]/g) ?? [];
    expect(forms.length).toBe(6); // one per distinct motif in the document
  });

  it("preflight passes the print PDF", async () => {
    const file = join(dir, "forms.pdf");
    writeFileSync(file, pdf);
    const r = await preflight(file);
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.facts.pages).toBe(2);
    expect(r.facts.pdfx.version).toBe("PDF/X-1:2001");
  });
});
