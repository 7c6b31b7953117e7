/**
 * Property tests over every paragraph of the seed copy at every measure from 8 to 30 em:
 * the rules a layout editor checks first, asserted line by line.
 */
import { describe, expect, it } from "vitest";
import { composeParagraph } from "../../src/typeset/compose.js";
import type { SetParagraph } from "../../src/typeset/types.js";
import { seedParagraphs, songFaces } from "./setup.js";

// The classes written out here, from clreq / GB/T 15834, independent of the composer's tables.
const NOT_AT_LINE_START = new Set([..."。．，、：；！？”’）〕］｝】〗》〉」』–～·・／%％℃"]);
const NOT_AT_LINE_END = new Set([..."“‘（〔［｛【〖《〈「『"]);
const LATIN_OR_DIGIT = /[A-Za-z0-9%.]/;
const IDEOGRAPH = /\p{Script=Han}/u;
const SIZE = 9;
const EPS = 1e-6;

const measures: number[] = [];
for (let m = 8; m <= 30; m += 0.5) measures.push(m);
const paragraphs = seedParagraphs();

function setAll(measure: number): SetParagraph[] {
  return paragraphs.map((p) => composeParagraph(p, songFaces(), { measure, size: SIZE }));
}

describe.each(measures)("seed copy at %s em", (measure) => {
  const set = setAll(measure);

  it("避头尾: no forbidden mark starts a line, no opening mark ends one", () => {
    const bad: string[] = [];
    for (const p of set) {
      p.lines.forEach((l, i) => {
        if (i > 0 && NOT_AT_LINE_START.has([...l.text][0]!)) bad.push(`starts: ${l.text}`);
        if (!l.last && NOT_AT_LINE_END.has([...l.text].at(-1)!)) bad.push(`ends: ${l.text}`);
      });
    }
    expect(bad).toEqual([]);
  });

  it("never splits a number, a Latin word, —— or ……", () => {
    const bad: string[] = [];
    for (const p of set) {
      for (let i = 1; i < p.lines.length; i++) {
        const before = p.lines[i - 1]!.text.at(-1)!;
        const after = p.lines[i]!.text[0]!;
        const pair = before + after;
        if ((LATIN_OR_DIGIT.test(before) && LATIN_OR_DIGIT.test(after)) || pair === "——" || pair === "……") {
          bad.push(`${p.lines[i - 1]!.text} | ${p.lines[i]!.text}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("every line but the last fills the measure exactly; none is wider", () => {
    const bad: string[] = [];
    for (const p of set) {
      for (const l of p.lines) {
        const w = l.width / SIZE;
        if (w > measure + EPS || (!l.last && Math.abs(w - measure) > EPS)) bad.push(`${w.toFixed(4)}: ${l.text}`);
        // The glyphs really are where the width says: the last ink ends inside the measure.
        const lastGlyph = l.glyphs.at(-1)!;
        if (lastGlyph.x > measure * SIZE) bad.push(`glyph beyond the measure: ${l.text}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("no 孤字: no last line of a single ideograph (with or without marks)", () => {
    const bad: string[] = [];
    for (const p of set) {
      const last = p.lines.at(-1)!;
      if (p.lines.length > 1 && [...last.text].filter((c) => IDEOGRAPH.test(c)).length === 1 && !LATIN_OR_DIGIT.test(last.text)) {
        bad.push(last.text);
      }
    }
    expect(bad).toEqual([]);
  });

  it("loses and duplicates no character", () => {
    for (const p of set) {
      expect(p.lines.map((l) => l.text).join("")).toBe(p.text);
    }
  });
});
