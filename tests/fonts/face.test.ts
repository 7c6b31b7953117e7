/**
 * Face.fullWidth: the fwid forms (—— as one 2-em rule, …… as full-width dots) through a
 * substitution-only layout must be exactly what fontkit's full layout (with GPOS) gives.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { substitutionFont } from "../../src/pipeline/fast-paths.js";
import { loadFace } from "../../src/render/fonts.js";
import { LATIN_BOLD, LATIN_REGULAR, makeCollection } from "../bad-input/fonts.js";

const store = new FontStore();
const openFace = store.open.bind(store);
const fonts = makeFontMap({}, store);
const FACES = (["song", "hei"] as const).flatMap((role) => (["regular", "bold"] as const).map((weight) => fonts.resolve(role, weight).font));
const TEXTS = ["——", "……", "—", "～", "–", "⸺", "⋯⋯", "———", "……。"];

describe("full-width forms (fwid) without positioning", () => {
  it("covers the four default faces", () => {
    expect(new Set(FACES.map((f) => f.file)).size).toBe(4);
  });

  for (const font of FACES) {
    const name = font.file.split("/").pop()!;
    it(`${name}: the same glyphs and advances as fontkit's full layout`, () => {
      const face = openFace(font);
      const reference = fontkit.create(readFileSync(font.file)) as fontkit.Font;
      const upm = reference.unitsPerEm;
      for (const text of TEXTS) {
        const run = reference.layout(text, ["fwid"]);
        const expected = run.glyphs.every((g) => g.id !== 0) ? run.glyphs.map((g, i) => [g.id, run.positions[i]!.xAdvance / upm]) : undefined;
        expect(face.fullWidth(text)?.map((g) => [g.id, g.advance]), text).toEqual(expected);
      }
      // The premise: —— is one 2-em glyph in these faces.
      expect(face.fullWidth("——")).toHaveLength(1);
      expect(face.fullWidth("——")![0]!.advance).toBe(2);
    });
  }

  for (const font of FACES) {
    const name = font.file.split("/").pop()!;
    it(`${name}: half-width (hwid) forms of digits and Latin letters are half an em; ideographs have none`, () => {
      const face = openFace(font);
      for (const ch of "0123456789AMWamw%.") {
        const g = face.halfWidth(ch.codePointAt(0)!);
        expect(g?.advance, ch).toBe(0.5);
        expect(g?.id, ch).not.toBe(face.glyph(ch.codePointAt(0)!).id);
      }
      expect(face.halfWidth("中".codePointAt(0)!)).toBeUndefined();
    });
  }

  it("hides GPOS on a second font object only, and declines a face of a collection", () => {
    const bytes = readFileSync(FACES[0]!.file);
    const font = fontkit.create(bytes) as fontkit.Font;
    const second = substitutionFont(font)!;
    expect(second).not.toBe(font);
    expect((second as unknown as { GPOS: unknown }).GPOS).toBeNull();
    expect((font as unknown as { GPOS: unknown }).GPOS).not.toBeNull();
    const ttc = Buffer.concat([Buffer.from("ttcf"), bytes.subarray(4, 64)]);
    expect(substitutionFont({ stream: { buffer: ttc } } as unknown as fontkit.Font)).toBeNull();
  });
});

describe("one face object per face, for the composer and the PDF writer", () => {
  it("a single font is one Face whether or not it is asked for by name", () => {
    const file = FACES[0]!.file;
    const named = openFace({ file, face: "NotoSerifSC-Regular" });
    expect(openFace({ file })).toBe(named);
  });

  it("a face of a collection is the same fontkit object for the composer and the PDF writer", () => {
    const file = join(mkdtempSync(join(tmpdir(), "paiban-ttc-")), "two.ttc");
    writeFileSync(file, makeCollection([LATIN_REGULAR, LATIN_BOLD]));
    const pdf = loadFace(store, { file, postscriptName: "LiberationSans-Bold" });
    expect(pdf.postscriptName).toBe("LiberationSans-Bold");
    expect(loadFace(store, { file, postscriptName: "LiberationSans-Bold" })).toBe(pdf);
    // A glyph the composer looks up lands in the writer's font object's glyph cache: one object.
    const cached = () => Object.keys((pdf as unknown as { _glyphs: Record<number, unknown> })._glyphs);
    expect(cached()).toEqual([]);
    const id = openFace({ file, face: "LiberationSans-Bold" }).glyph(0x41).id;
    expect(id).toBeGreaterThan(0);
    expect(cached()).toContain(String(id));
    expect(() => openFace({ file, face: "Nope" })).toThrow(/the collection has no face named Nope; it holds: LiberationSans, LiberationSans-Bold/);
  });
});
