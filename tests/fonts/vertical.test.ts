/**
 * A face's vertical data read from its tables (vhea/vmtx, VORG, GSUB vert/vrt2/hwid): the
 * numbers the vertical composer sets with. fontkit's layout() is the reference for the
 * substitutions; the vmtx figures are the table's own (checked against a byte dump).
 */
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { verticalFace } from "../../src/fonts/vertical.js";
import { LATIN_REGULAR } from "../bad-input/fonts.js";
import { seedParagraphs } from "../typeset/setup.js";

const store = new FontStore();
const openFace = store.open.bind(store);
const fonts = makeFontMap({}, store);
const FACES = (["song", "hei"] as const).flatMap((role) => (["regular", "bold"] as const).map((weight) => fonts.resolve(role, weight).font));
const MARKS = "。，、：；！？「」『』“”‘’（）《》〈〉【】〔〕〖〗…～—·ー";

describe("vertical forms (vert, vrt2, hwid) read from GSUB", () => {
  for (const font of FACES) {
    const name = font.file.split("/").pop()!;
    it(`${name}: every mark's vert and vrt2 form is the one fontkit's layout gives`, () => {
      const face = openFace(font);
      const v = verticalFace(face);
      const reference = fontkit.create(readFileSync(font.file)) as fontkit.Font;
      for (const ch of MARKS) {
        const gid = face.glyph(ch.codePointAt(0)!).id;
        const vert = reference.layout(ch, ["vert"]).glyphs[0]!.id;
        const vrt2 = reference.layout(ch, ["vrt2"]).glyphs[0]!.id;
        expect(v.substitute("vert", gid) ?? gid, `vert ${ch}`).toBe(vert);
        expect(v.substitute("vrt2", gid) ?? gid, `vrt2 ${ch}`).toBe(vrt2);
        expect(v.vertical(gid), ch).toBe(vert);
      }
      for (const digits of ["12", "075"]) {
        const run = reference.layout(digits, ["hwid"]);
        expect([...digits].map((d) => v.substitute("hwid", face.glyph(d.codePointAt(0)!).id)), digits).toEqual(run.glyphs.map((g) => g.id));
      }
    });
  }

  it("the default faces turn 。，、 to forms at the upper right of the cell and brackets to vertical brackets", () => {
    const face = openFace(FACES[0]!);
    const v = verticalFace(face);
    for (const ch of "。，、") {
      const gid = v.vertical(face.glyph(ch.codePointAt(0)!).id);
      const [bottom, top] = v.inkY(gid);
      const m = v.metrics(gid);
      // Ink in the top half of the cell (origin 0.88 above the baseline, cell 1 em tall)…
      expect(m.originY - top, ch).toBeLessThan(0.25);
      expect(m.originY - bottom, ch).toBeLessThan(0.5);
    }
    // …and the turned 「 is a different glyph from the upright one.
    const corner = face.glyph("「".codePointAt(0)!).id;
    expect(v.vertical(corner)).not.toBe(corner);
    expect(v.hasVertForms).toBe(true);
  });
});

describe("vertical metrics (vhea + vmtx, origin from yMax + top side bearing)", () => {
  it("Noto Serif SC: the vmtx entries as the table holds them", () => {
    const face = openFace(FACES[0]!);
    const v = verticalFace(face);
    expect(v.hasMetrics).toBe(true);
    // No VORG in these TrueType faces: the origin is yMax + tsb.
    expect(v.hasOrigins).toBe(false);
    // Byte dump of vmtx: 。 (1137) 1000/681, its vert form (29648) 1000/76, digit 1 (18) 1000/142.
    expect(v.metrics(1137)).toEqual({ advance: 1, topBearing: 0.681, originY: expect.closeTo(0.88, 9) });
    expect(v.metrics(29648)).toEqual({ advance: 1, topBearing: 0.076, originY: expect.closeTo(0.88, 9) });
    expect(v.metrics(18).advance).toBe(1);
    expect(v.metrics(18).topBearing).toBe(0.142);
    expect(v.coverage.longMetrics).toBe(30595);
  });

  for (const font of FACES) {
    const name = font.file.split("/").pop()!;
    it(`${name}: every character of the seed copy advances one em down the line, origin at the em box's top`, () => {
      const face = openFace(font);
      const v = verticalFace(face);
      const chars = new Set([...seedParagraphs().join("")].filter((c) => /\p{Script=Han}/u.test(c)));
      expect(chars.size).toBeGreaterThan(500);
      for (const ch of chars) {
        const m = v.metrics(v.vertical(face.glyph(ch.codePointAt(0)!).id));
        expect(m.advance, ch).toBe(1);
        expect(m.originY, ch).toBeCloseTo(v.emTop, 9);
      }
      expect(v.emTop).toBe(0.88);
      expect(v.emBottom).toBe(-0.12);
    });
  }

  it("a face without vhea/vmtx or vert forms says so and falls back to one em from the em box's top", () => {
    const v = verticalFace(openFace({ file: LATIN_REGULAR }));
    expect(v.hasMetrics).toBe(false);
    expect(v.hasVertForms).toBe(false);
    const gid = v.face.glyph(0x41).id;
    expect(v.metrics(gid).advance).toBe(1);
    expect(v.metrics(gid).originY).toBe(v.emTop);
    expect(v.vertical(gid)).toBe(gid);
  });
});
