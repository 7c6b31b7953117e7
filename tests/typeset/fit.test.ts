/**
 * Copyfit's half in the composer (撑行/缩行): a paragraph set whole lines longer or shorter
 * within the house style's limits, the rules holding in every variant. Size 10 pt: 1 em = 10 pt.
 */
import { describe, expect, it } from "vitest";
import { fitVariants, type ParagraphFits } from "../../src/typeset/fit.js";
import type { ComposeOptions } from "../../src/typeset/compose.js";
import { STYLES, type StyleTable } from "../../src/typeset/styles.js";
import type { SetLine } from "../../src/typeset/types.js";
import { seedStories, songFaces } from "./setup.js";

const fits = (text: string, o: Partial<ComposeOptions> & { measure: number }): ParagraphFits =>
  fitVariants(text, songFaces(), { size: 10, indent: 0, ...o });
const counts = (lines: SetLine[]) => lines.map((l) => [...l.text].length);
/** Distinct ideographs, so every line's text is its own. */
const HAN = [..."的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"];
const text = (n: number) => Array.from({ length: n }, (_, i) => HAN[i % HAN.length]).join("");
const LOOSEN = STYLES.kaiming.copyfit.loosen;
const TIGHTEN = STYLES.kaiming.copyfit.tighten;

/** Space between consecutive ideographs on a line, em (1 em plus what justification added). */
function ideographPitches(line: SetLine): number[] {
  const g = line.glyphs;
  const out: number[] = [];
  for (let i = 1; i < g.length; i++) {
    if (/\p{Script=Han}/u.test(g[i - 1]!.text) && /\p{Script=Han}/u.test(g[i]!.text)) out.push((g[i]!.x - g[i - 1]!.x) / 10);
  }
  return out;
}

describe("copyfit: loosen (撑行)", () => {
  it("loosen-1: one line longer; every line but the last justified to the full measure, the extra even between characters", () => {
    const f = fits(text(100), { measure: 20 });
    expect(counts(f.natural.lines)).toEqual([20, 20, 20, 20, 20]);
    const v = f.variant(+1)!;
    // The least largest change: no line gives up more than one character (1/18 em per gap); at
    // equal spacing the earliest breaks, so every full line gives one and the last line takes them.
    expect(counts(v.paragraph.lines)).toEqual([19, 19, 19, 19, 19, 5]);
    expect(v.paragraph.lines.map((l) => l.text).join("")).toBe(text(100));
    for (const l of v.paragraph.lines.slice(0, -1)) {
      expect(l.width / 10).toBeCloseTo(20, 9);
      const p = ideographPitches(l);
      expect(Math.max(...p) - Math.min(...p)).toBeLessThan(1e-9);
    }
    expect(ideographPitches(v.paragraph.lines[0]!)[0]).toBeCloseTo(1 + 1 / 18, 9);
    expect(ideographPitches(v.paragraph.lines[4]!)[0]).toBeCloseTo(1 + 1 / 18, 9);
    expect(v.cost).toEqual({ delta: 1, maxPerGap: expect.closeTo(1 / 18, 9), meanPerGap: expect.closeTo(1 / 18, 9) });
  });

  it("loosen-3: three lines longer, spread over the paragraph within the limit", () => {
    const f = fits(text(600), { measure: 20 });
    expect(f.lines).toBe(30);
    const v = f.variant(+3)!;
    expect(v.paragraph.lines).toHaveLength(33);
    expect(v.paragraph.lines.map((l) => l.text).join("")).toBe(text(600));
    for (const l of v.paragraph.lines.slice(0, -1)) expect(l.width / 10).toBeCloseTo(20, 9);
    expect(v.cost.maxPerGap).toBeLessThanOrEqual(LOOSEN + 1e-9);
    // Spread: no line gives up more than two characters (2/17 em per gap), most give up one or two.
    expect(Math.min(...counts(v.paragraph.lines).slice(0, -1))).toBeGreaterThanOrEqual(18);
  });

  it("loosen-seed: a seed paragraph whose last line is nearly full gains a line at about 1/20 em per gap", () => {
    const lead = seedStories().find((s) => s.id === "lead")!;
    const para = lead.paragraphs!.find((p) => p.startsWith("巴南区政协主席何永革"))!;
    const f = fitVariants(para, songFaces(), { measure: 23, size: 9 });
    const v = f.variant(+1)!;
    expect(v.paragraph.lines).toHaveLength(f.lines + 1);
    expect(v.cost.maxPerGap).toBeLessThan(0.06);
  });
});

describe("copyfit: tighten (缩行)", () => {
  it("tighten-1: one line shorter by 紧排 within the limit; the rest as set", () => {
    // 116 characters at 23 em: 23 × 5 + 1 would leave a 孤字, so the tight setting takes 6 lines.
    const f = fits(text(116), { measure: 23 });
    expect(counts(f.natural.lines)).toEqual([23, 23, 23, 23, 22, 2]);
    const v = f.variant(-1)!;
    expect(counts(v.paragraph.lines)).toEqual([23, 23, 23, 23, 24]);
    const last = v.paragraph.lines.at(-1)!;
    // 24 characters in 23 em: each of the 23 gaps gives 1/23 em (紧排), under the 0.05-em limit.
    expect(last.width / 10).toBeCloseTo(23, 9);
    for (const p of ideographPitches(last)) expect(p).toBeCloseTo(1 - 1 / 23, 9);
    expect(v.cost.maxPerGap).toBeCloseTo(1 / 23, 9);
    expect(v.paragraph.lines.map((l) => l.text).join("")).toBe(text(116));
  });

  it("tighten-marks-first: the marks' blanks go before any 紧排 (a lone 。 mid-line is never squeezed)", () => {
    // Each line ends …，: the line-end mark's blank is half an em already; inner 。 stay one em.
    const f = fits(`${text(10)}。${text(10)}。${text(10)}。${text(3)}`, { measure: 11 });
    const v = f.variant(-1);
    if (v) {
      for (const l of v.paragraph.lines) {
        const g = l.glyphs;
        for (let i = 0; i + 1 < g.length; i++) if (g[i]!.text === "。") expect((g[i + 1]!.x - g[i]!.x) / 10).toBeGreaterThanOrEqual(1 - TIGHTEN - 1e-9);
      }
    }
  });
});

describe("copyfit: room at the end of the last line (a credit run in after it)", () => {
  it("room-for-credit: as many lines, tightened by 紧排 until the last line leaves the room asked; null past the limit", () => {
    const f = fits(text(100), { measure: 20 });
    expect(f.variant(0, 0)!.paragraph).toBe(f.natural);
    const three = f.variant(0, 3)!;
    // Three characters taken up by the lines before it, one each, 1/20 em per gap.
    expect(counts(three.paragraph.lines)).toEqual([20, 21, 21, 21, 17]);
    expect(three.cost).toEqual({ delta: 0, maxPerGap: expect.closeTo(1 / 20, 9), meanPerGap: expect.closeTo(3 / 79, 9) });
    expect(counts(f.variant(0, 4)!.paragraph.lines)).toEqual([21, 21, 21, 21, 16]);
    for (const l of f.variant(0, 4)!.paragraph.lines.slice(0, -1)) expect(l.width / 10).toBeCloseTo(20, 9);
    // Five lines can give up four characters, not six (a second character a line is 2/20 em a gap, over the limit).
    expect(TIGHTEN).toBeLessThan(2 / 20);
    expect(f.variant(0, 6)).toBeNull();
  });
});

describe("copyfit: the limits refuse", () => {
  it("limits-refuse: null when the limits cannot give exactly that many lines", () => {
    // 104 characters at 23 em: 4 full lines and 12 more; taking the 12 up needs 3/25 em per gap.
    expect(fits(text(104), { measure: 23 }).variant(-1)).toBeNull();
    // A short last line cannot become a whole line more without gaping (11 em over 11 gaps).
    expect(fits(text(26), { measure: 23 }).variant(+1)).toBeNull();
    // No loosening at all in a style that allows none; one line can lose no line.
    const none: StyleTable = { ...STYLES.kaiming, copyfit: { loosen: 0, tighten: 0 } };
    expect(fits(text(100), { measure: 20, style: none }).variant(+1)).toBeNull();
    expect(fits(text(100), { measure: 20, style: none }).variant(-1)).toBeNull();
    expect(fits(text(10), { measure: 20 }).variant(-1)).toBeNull();
    // A larger limit in the house style is what lets it through.
    const loose: StyleTable = { ...STYLES.kaiming, copyfit: { loosen: 1, tighten: 0.05 } };
    expect(fits(text(26), { measure: 23, style: loose }).variant(+1)?.paragraph.lines).toHaveLength(3);
  });

  it("fit-api: delta 0 is the tight setting; a variant asked twice is the same; a fraction is refused", () => {
    const f = fits(text(100), { measure: 20 });
    expect(f.variant(0)!.paragraph).toBe(f.natural);
    expect(f.variant(0)!.cost).toEqual({ delta: 0, maxPerGap: 0, meanPerGap: 0 });
    expect(f.variant(1)).toBe(f.variant(1));
    expect(() => f.variant(0.5)).toThrow(RangeError);
    expect(f.limits).toEqual(STYLES.kaiming.copyfit);
  });
});

// The classes written out here, from clreq / GB/T 15834, independent of the composer's tables.
const NOT_AT_LINE_START = new Set([..."。．，、：；！？”’）〕］｝】〗》〉」』–～·・／%％℃"]);
const NOT_AT_LINE_END = new Set([..."“‘（〔［｛【〖《〈「『"]);
const LATIN_OR_DIGIT = /[A-Za-z0-9%.]/;
const IDEOGRAPH = /\p{Script=Han}/u;

describe("copyfit: the rules never bend in a variant", () => {
  // Generous limits, so that many variants exist to check.
  const generous: StyleTable = { ...STYLES.kaiming, copyfit: { loosen: 0.3, tighten: 0.1 } };
  const paragraphs = seedStories().flatMap((s) => s.paragraphs ?? []);
  for (const measure of [8.5, 11, 16.5, 23]) {
    it(`variants-keep-rules at ${measure} em: 避头尾, numbers and inseparables unsplit, no 孤字, justified, exact line counts`, () => {
      const bad: string[] = [];
      let checked = 0;
      for (const para of paragraphs) {
        const f = fitVariants(para, songFaces(), { measure, size: 9, style: generous });
        const loosest = f.variant(0)!.cost.maxPerGap;
        for (const delta of [-2, -1, 1, 2]) {
          const v = f.variant(delta);
          if (!v) continue;
          checked++;
          const ls = v.paragraph.lines;
          if (ls.length !== f.lines + delta) bad.push(`${delta}: ${ls.length} lines, not ${f.lines + delta}`);
          if (ls.map((l) => l.text).join("") !== para) bad.push(`${delta}: text changed`);
          ls.forEach((l, i) => {
            const w = l.width / 9;
            if (i > 0 && NOT_AT_LINE_START.has([...l.text][0]!)) bad.push(`${delta} starts: ${l.text}`);
            if (!l.last && NOT_AT_LINE_END.has([...l.text].at(-1)!)) bad.push(`${delta} ends: ${l.text}`);
            if (w > measure + 1e-6 || (!l.last && Math.abs(w - measure) > 1e-6)) bad.push(`${delta} width ${w}: ${l.text}`);
            if (i > 0) {
              const before = ls[i - 1]!.text.at(-1)!;
              const after = l.text[0]!;
              if ((LATIN_OR_DIGIT.test(before) && LATIN_OR_DIGIT.test(after)) || before + after === "——" || before + after === "……") bad.push(`${delta} split: ${ls[i - 1]!.text} | ${l.text}`);
            }
          });
          const last = ls.at(-1)!.text;
          if (ls.length > 1 && [...last].filter((c) => IDEOGRAPH.test(c)).length === 1 && !LATIN_OR_DIGIT.test(last)) bad.push(`${delta} 孤字: ${last}`);
          const limit = delta > 0 ? Math.max(generous.copyfit.loosen, loosest) : generous.copyfit.tighten;
          if (v.cost.maxPerGap > limit + 1e-9) bad.push(`${delta} cost ${v.cost.maxPerGap} over ${limit}`);
        }
      }
      expect(bad).toEqual([]);
      expect(checked).toBeGreaterThan(20);
    });
  }
});
