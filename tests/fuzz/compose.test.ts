/**
 * Fuzzing the composer alone: any string at any measure ≥ 1 em sets every character exactly
 * once, in order, no line wider than the measure (but a single unit wider than the measure),
 * and terminates.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { composeParagraph } from "../../src/typeset/compose.js";
import { classOf } from "../../src/typeset/classes.js";
import { segment } from "../../src/typeset/units.js";
// @ts-expect-error plain JavaScript shared with bench/fuzz.mjs
import { copyText } from "./gen.mjs";

const store = new FontStore();
const fonts = makeFontMap({}, store);
const faces = [store.open(fonts.peek("song", "regular").font), store.open(fonts.peek("hei", "regular").font)];
/** What the composer drops at a break (U+3000 is set as a blank em, not dropped). */
const isSpace = (ch: string) => classOf(ch) === "space";

const settings = fc.record({
  measure: fc.double({ min: 1, max: 40, noNaN: true }),
  indentFraction: fc.double({ min: 0, max: 1.5, noNaN: true }),
  style: fc.constantFrom("kaiming", "quanjiao", "banjiao", "hangmo"),
  kinsoku: fc.constantFrom("basic", "gb", "strict"),
  lastLine: fc.constantFrom("left", "center", "right", "justify"),
  tracking: fc.constantFrom(0, 0.1, 0.5),
  avoidOrphans: fc.boolean(),
});

test("composer: every character once, lines within the measure, terminates", { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(fc.oneof(copyText(fc, 40).map((s: string) => s.replace(/[\r\n]/g, "")), fc.string({ unit: "grapheme", maxLength: 200 })), settings, (text: string, s) => {
      const size = 9;
      const indent = s.indentFraction * s.measure;
      const started = performance.now();
      const p = composeParagraph(text, faces, { measure: s.measure, size, indent, style: s.style as never, kinsoku: s.kinsoku as never, lastLine: s.lastLine as never, tracking: s.tracking, avoidOrphans: s.avoidOrphans });
      expect(performance.now() - started).toBeLessThan(2_000);
      // Every character exactly once, in order: the lines tile the text, with only spaces between.
      let at = 0;
      for (const line of p.lines) {
        expect(line.start).toBeGreaterThanOrEqual(at);
        expect([...text.slice(at, line.start)].every(isSpace), `gap before line: ${JSON.stringify(text.slice(at, line.start))}`).toBe(true);
        expect(line.text).toBe(text.slice(line.start, line.end));
        at = line.end;
      }
      expect([...text.slice(at)].every(isSpace), "nothing after the last line but spaces").toBe(true);
      const setChars = p.lines.map((l) => [...l.text].filter((c) => !isSpace(c)).join("")).join("");
      expect(setChars).toBe([...text].filter((c) => !isSpace(c)).join(""));
      // Glyphs: as many characters as the line has, none invented.
      for (const line of p.lines) {
        expect(line.glyphs.map((g) => g.text).join("")).toBe([...line.text].filter((c) => !isSpace(c)).join(""));
        for (const g of line.glyphs) expect(Number.isFinite(g.x)).toBe(true);
      }
      // Within the measure, but a line of one unit that is itself wider.
      p.lines.forEach((line, k) => {
        const room = (k === 0 ? s.measure : s.measure) * size;
        if (k === 0 && indent >= s.measure) return; // an indent wider than the column: nothing fits
        if (line.width > room + 1e-6) {
          expect(segment(line.text).length, `line ${k} "${line.text}" is ${line.width} pt in ${room} pt`).toBe(1);
        }
      });
    }),
    { numRuns: Number(process.env.PAIBAN_FUZZ_RUNS ?? 300) },
  );
});
