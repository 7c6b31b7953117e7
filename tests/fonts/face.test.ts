/**
 * Face.fullWidth: the fwid forms (—— as one 2-em rule, …… as full-width dots) through a
 * substitution-only layout must be exactly what fontkit's full layout (with GPOS) gives.
 */
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import { openFace } from "../../src/fonts/face.js";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { substitutionFont } from "../../src/fonts/parsed.js";

const fonts = makeFontMap();
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
