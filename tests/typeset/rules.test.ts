/**
 * One named case per rule of Chinese composition (clreq, GB/T 15834, jlreq), with the exact
 * lines a layout editor expects. Size 10 pt, so 1 em = 10 pt.
 */
import { describe, expect, it } from "vitest";
import { composeParagraph } from "../../src/typeset/compose.js";
import { PRIORITY, STYLES, type StyleTable } from "../../src/typeset/styles.js";
import { lines, seedStories, songFaces } from "./setup.js";

const set = (text: string, o: Record<string, unknown> & { measure: number }) =>
  composeParagraph(text, songFaces(), { size: 10, indent: 0, ...o });
/** x (em) of the glyph that sets `ch` (the n-th occurrence) on line `line`. */
const xOf = (text: string, o: Record<string, unknown> & { measure: number }, ch: string, line = 0, n = 0) =>
  set(text, o).lines[line]!.glyphs.filter((g) => g.text === ch)[n]!.x / 10;

describe("避头尾 (kinsoku)", () => {
  it("kinsoku-line-start-pause: a 点号 that cannot be squeezed in pushes the character before it down (后推出)", () => {
    expect(lines("一二三四五，六七八", { measure: 5, indent: 0 })).toEqual(["一二三四", "五，六七八"]);
  });
  it("kinsoku-squeeze-first: a 点号 squeezed into the line when the line's marks can give (先挤进)", () => {
    // quanjiao: the inner ， gives ½ em and the line-end ， takes ½ em, so both fit in 6 em.
    expect(lines("一，二三四五，六七八", { measure: 6, indent: 0, style: "quanjiao" })).toEqual(["一，二三四五，", "六七八"]);
  });
  it("kinsoku-squeeze-stop-on-demand-as-data: a house style that squeezes 。 on demand (stop squeeze 7) lets the following ， in", () => {
    const squeezing: StyleTable = { ...STYLES.kaiming, marks: { ...STYLES.kaiming.marks, stop: { keep: true, squeeze: PRIORITY.stop } } };
    expect(lines("一二三四。五，六七八", { measure: 6, indent: 0, style: squeezing })).toEqual(["一二三四。五，", "六七八"]);
    expect(lines("一二三四。五，六七八", { measure: 6, indent: 0 })).toEqual(["一二三四。", "五，六七八"]);
  });
  it("kinsoku-line-end-opening: an opening quote never ends a line; it goes down with what follows", () => {
    expect(lines("一二三四“五六”七八", { measure: 5, indent: 0 })).toEqual(["一二三四", "“五六”七八"]);
  });
  it("kinsoku-closing-quote: a closing quote never starts a line", () => {
    expect(lines("一二三四“五”六七八", { measure: 5.5, indent: 0 })).toEqual(["一二三四", "“五”六七八"]);
  });
  it("kinsoku-opening-quote-with-number: an opening quote stays with the number after it", () => {
    expect(lines("一二三四“2022”年五", { measure: 5.5, indent: 0 })).toEqual(["一二三四", "“2022”年五"]);
  });
  it("kinsoku-interpunct: 间隔号 never starts a line", () => {
    expect(lines("一二三四五·六七八", { measure: 5, indent: 0 })).toEqual(["一二三四", "五·六七八"]);
  });
  it("kinsoku-dash-gb: at GB level —— may start a line but is never split", () => {
    expect(lines("一二三四五——六七八", { measure: 6, indent: 0 })).toEqual(["一二三四五", "——六七八"]);
  });
  it("kinsoku-dash-strict: at strict level —— does not start a line either", () => {
    expect(lines("一二三四五——六七八", { measure: 6, indent: 0, kinsoku: "strict" })).toEqual(["一二三四", "五——六七八"]);
  });
  it("kinsoku-ellipsis-inseparable: …… is never split", () => {
    expect(lines("一二三四五……六七八", { measure: 6, indent: 0 })).toEqual(["一二三四五", "……六七八"]);
  });
});

describe("numbers and Latin words", () => {
  it("number-unsplittable: 33618 goes down whole", () => {
    expect(lines("一二三33618四五", { measure: 5, indent: 0 })).toEqual(["一二三", "33618四五"]);
  });
  it("number-percent: 100% is one unit with its postfix", () => {
    expect(lines("一二三四100%五六", { measure: 5, indent: 0 })).toEqual(["一二三四", "100%五六"]);
  });
  it("number-decimal: 3.5 is one unit", () => {
    expect(lines("一二三四五3.5六", { measure: 5.5, indent: 0 })).toEqual(["一二三四五", "3.5六"]);
  });
  it("latin-word-unsplittable: a Latin word is not hyphenated", () => {
    expect(lines("一二三四Paiban五", { measure: 6, indent: 0 })).toEqual(["一二三四", "Paiban五"]);
  });
});

describe("spacing", () => {
  it("cjk-latin-gap: ¼ em between an ideograph and a number", () => {
    // 中文2 on a last line (natural spacing): 2 starts at 2 em + ¼ em.
    expect(xOf("中文2中", { measure: 10 }, "2")).toBeCloseTo(2.25, 6);
  });
  it("cjk-latin-gap-line-edge: no gap at the start of a line", () => {
    const p = set("一二三四五六七八九十33618", { measure: 10 });
    expect(p.lines[1]!.text).toBe("33618");
    expect(p.lines[1]!.glyphs[0]!.x).toBe(0);
  });
  it("indent: the first line starts 2 em in", () => {
    const p = composeParagraph("一二三四五六七八九十", songFaces(), { measure: 5, size: 10 });
    expect(p.lines.map((l) => l.text)).toEqual(["一二三", "四五六七八", "九十"]);
    expect(p.lines[0]!.glyphs[0]!.x).toBe(20);
    expect(p.lines[1]!.glyphs[0]!.x).toBe(0);
  });
  it("kaiming-pair: 。” together take 1 em", () => {
    expect(xOf("一二三。”四", { measure: 10 }, "四")).toBeCloseTo(4, 6);
  });
  it("quanjiao-pair: 。” together take 1.5 em", () => {
    expect(xOf("一二三。”四", { measure: 10, style: "quanjiao" }, "四")).toBeCloseTo(4.5, 6);
  });
  it("kaiming-pause-half: ， takes ½ em in 开明", () => {
    expect(xOf("一，二", { measure: 10 }, "二")).toBeCloseTo(1.5, 6);
  });
  it("quanjiao-pause-full: ， takes 1 em in 全角", () => {
    expect(xOf("一，二", { measure: 10, style: "quanjiao" }, "二")).toBeCloseTo(2, 6);
  });
  it("banjiao: 。 takes ½ em in 半角", () => {
    expect(xOf("一。二", { measure: 10, style: "banjiao" }, "二")).toBeCloseTo(1.5, 6);
  });
  it("opening-mark-ink-right: a half-width “ keeps its ink, the blank half goes", () => {
    // “ sits in the right half of its em: set half-width, its glyph origin moves ½ em left.
    expect(xOf("一“二”", { measure: 10 }, "“")).toBeCloseTo(0.5, 6);
    expect(xOf("一“二”", { measure: 10 }, "二")).toBeCloseTo(1.5, 6);
  });
  it("line-end-mark-half: a line-end mark takes ½ em (GB/T 15834 5.1.10)", () => {
    expect(lines("一二三四，五六七八", { measure: 4.5, indent: 0, style: "hangmo" })).toEqual(["一二三四，", "五六七八"]);
  });
  it("justify-even: the extra space goes evenly between ideographs, none inside a number", () => {
    const p = set("一二三四五六七八九十12345六七", { measure: 9.5 });
    const l = p.lines[0]!;
    expect(l.text).toBe("一二三四五六七八九");
    const xs = l.glyphs.map((g) => g.x / 10);
    const gaps = xs.slice(1).map((x, i) => x - xs[i]!);
    // Nine ideographs in 9.5 em: ½ em spread over the eight gaps between them.
    for (const g of gaps) expect(g).toBeCloseTo(1 + 0.5 / 8, 9);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1e-9);
    expect(l.width / 10).toBeCloseTo(9.5, 9);
    const digits = p.lines[1]!.glyphs.filter((g) => /\d/.test(g.text));
    const d = digits.slice(1).map((g, i) => g.x - digits[i]!.x - digits[i]!.advance);
    for (const gap of d) expect(gap).toBeCloseTo(0, 9);
  });
});

describe("孤字 (orphan)", () => {
  it("orphan-pulled-down: a last line of one ideograph takes one from the line above", () => {
    expect(lines("一二三四五六七八九十甲。", { measure: 5, indent: 0, avoidOrphans: false })).toEqual(["一二三四五", "六七八九十", "甲。"]);
    expect(lines("一二三四五六七八九十甲。", { measure: 5, indent: 0 })).toEqual(["一二三四五", "六七八九", "十甲。"]);
  });
});

describe("house style as data", () => {
  it("house-style-json: a JSON file can keep the interpunct one em in 开明", async () => {
    const { loadHouseStyle } = await import("../../src/typeset/house-style.js");
    const { root } = await import("./setup.js");
    const style = loadHouseStyle(`${root}/samples/house-style-kaiming-full-interpunct.json`);
    expect(xOf("渝事·委员", { measure: 10 }, "委")).toBeCloseTo(2.5, 6);
    expect(xOf("渝事·委员", { measure: 10, style }, "委")).toBeCloseTo(3, 6);
  });
  it("house-style-json-digits-and-limits: digits and the copyfit limits come from the file, the rest from the base", async () => {
    const { loadHouseStyle } = await import("../../src/typeset/house-style.js");
    const fs = await import("node:fs");
    const os = await import("node:os");
    const file = `${fs.mkdtempSync(`${os.tmpdir()}/paiban-style-`)}/style.json`;
    fs.writeFileSync(file, JSON.stringify({ name: "proportional", digits: "proportional", copyfit: { loosen: 0.2 } }));
    const style = loadHouseStyle(file);
    expect(style.digits).toBe("proportional");
    expect(style.copyfit).toEqual({ loosen: 0.2, tighten: STYLES.kaiming.copyfit.tighten });
    expect(xOf("中75中", { measure: 10, style }, "中", 0, 1)).toBeCloseTo(1 + 0.25 + 0.549 + 0.558 + 0.25, 2);
  });
});

describe("lists of names (bylines, credits)", () => {
  const credit = "（秦工高 李想 秦华兵 卫小梅 方莉 殷艳妮 程卓 杨娟 张宏宇 周聪 马腾）";
  it("names-never-split: a credit breaks only at the spaces between names", () => {
    expect(lines(credit, { measure: 23, indent: 0 })).toEqual(["（秦工高 李想 秦华兵 卫小梅 方莉 殷艳妮 程卓 杨", "娟 张宏宇 周聪 马腾）"]);
    expect(lines(credit, { measure: 23, indent: 0, spacedWords: true })).toEqual(["（秦工高 李想 秦华兵 卫小梅 方莉 殷艳妮 程卓", "杨娟 张宏宇 周聪 马腾）"]);
  });
  it("names-never-letter-spaced: only the spaces between names adjust", () => {
    // Natural width 24.5 em (names 18, six one-em spaces, the half-width bracket): the spaces
    // give a quarter em each to fit 23 em; the characters of a name stay one em apart.
    const first = set(credit, { measure: 23, spacedWords: true }).lines[0]!;
    const at = (t: string) => first.glyphs.find((x) => x.text === t)!.x / 10;
    expect(at("工") - at("秦")).toBeCloseTo(1, 9);
    expect(at("高") - at("工")).toBeCloseTo(1, 9);
    expect(at("李") - at("高")).toBeCloseTo(1.75, 9);
    expect(first.width / 10).toBeCloseTo(23, 9);
    // A short line of names stretches only its spaces.
    const short = set("张长荣 唐金花 刘汉华", { measure: 12, spacedWords: true, lastLine: "justify" }).lines[0]!;
    const x = (t: string) => short.glyphs.find((g) => g.text === t)!.x / 10;
    expect(x("长") - x("张")).toBeCloseTo(1, 9);
    expect(x("唐") - x("荣")).toBeCloseTo(2.5, 9);
    expect(x("刘") - x("花")).toBeCloseTo(2.5, 9);
  });
});

/** The seed paragraph of `story` that contains `words`, with its measure. */
function seedParagraph(story: string, words: string): { text: string; measure: number } {
  const s = seedStories().find((x) => x.id === story)!;
  return { text: s.paragraphs!.find((p) => p.includes(words))!, measure: s.measureEm! };
}

describe("house style of the sample page (shared/seed/README.md), as data", () => {
  it("kaiming-lone-stop-never-squeezed: a lone mid-line 。 keeps its em; it never pulls a character up", () => {
    // Squeezed to ½ em the 。 would let 十 in (9.5 em); clreq's 开明 keeps it one em.
    expect(lines("一二三四五六七八。十一二三", { measure: 9.5, indent: 0 })).toEqual(["一二三四五六七八。", "十一二三"]);
    expect(xOf("一二三。四五六", { measure: 10 }, "四")).toBeCloseTo(4, 9);
    // The printed page: …理厂开展视察。委员们详细了解垃圾 | 处… (巫山, 16.5 em, dateline gap as set).
    const { text, measure } = seedParagraph("wushan", "理厂开展视察");
    const set = lines(text.replace(" ", "\u3000"), { measure, size: 9 });
    expect(set).toContain("理厂开展视察。委员们详细了解垃圾");
    expect(set[set.indexOf("理厂开展视察。委员们详细了解垃圾") + 1]!.startsWith("处理工艺流程")).toBe(true);
  });
  it("kaiming-stop-in-a-run: 。” take 1 em together; ？！ likewise keep their em alone", () => {
    expect(xOf("一二。”三", { measure: 10 }, "三")).toBeCloseTo(3, 9);
    expect(xOf("一二？三", { measure: 10 }, "三")).toBeCloseTo(3, 9);
    expect(xOf("一二！三", { measure: 10 }, "三")).toBeCloseTo(3, 9);
  });
  it("line-end-stop-half: at a line end 。 takes ½ em and the line still justifies to the measure", () => {
    // 一…七。 is 8 em with the blank, 7.5 without; “十一” may not be split from its quote, so the
    // line is stretched: the 。's ink ends at the measure, not half an em short of it.
    const p = set("一二三四五六七。“十一”", { measure: 9 });
    expect(p.lines.map((l) => l.text)).toEqual(["一二三四五六七。", "“十一”"]);
    const stop = p.lines[0]!.glyphs.at(-1)!;
    expect(p.lines[0]!.width / 10).toBeCloseTo(9, 9);
    // The mark's ink half starts half an em before the measure.
    expect(stop.x / 10).toBeCloseTo(8.5, 9);
  });
  it("digits-half: digits take half an em each (75 is 1 em, 3700 is 2 em)", () => {
    // 中 ¼ 75 ¼ 中: the second 中 at 1 + ¼ + 1 + ¼ em.
    expect(xOf("中75中", { measure: 10 }, "中", 0, 1)).toBeCloseTo(2.5, 9);
    expect(xOf("中3700中", { measure: 10 }, "中", 0, 1)).toBeCloseTo(3.5, 9);
    const digits = set("中3700中", { measure: 10 }).lines[0]!.glyphs.filter((g) => /\d/.test(g.text));
    expect(digits.map((g) => g.advance / 10)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });
  it("digits-half-seed: …人民政协成立75周 | 年… as on the printed page", () => {
    const { text, measure } = seedParagraph("lead", "人民政协成立75周年大会");
    const set = lines(text, { measure, size: 9 });
    expect(set).toContain("深入学习贯彻习近平总书记在庆祝人民政协成立75周");
  });
  it("latin-half: Latin letters half-width too (the font's hwid forms)", () => {
    const g = set("中APEC会议", { measure: 10 }).lines[0]!.glyphs.filter((x) => /[A-Z]/.test(x.text));
    expect(g.map((x) => x.advance / 10)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(xOf("中APEC会议", { measure: 10 }, "会")).toBeCloseTo(1 + 0.25 + 2 + 0.25, 9);
  });
  it("digits-proportional: a style with digits proportional sets the font's own widths", () => {
    const proportional: StyleTable = { ...STYLES.kaiming, digits: "proportional" };
    const d = set("中75中", { measure: 10, style: proportional }).lines[0]!.glyphs.filter((x) => /\d/.test(x.text));
    expect(d[0]!.advance / 10).toBeCloseTo(0.549, 3);
    expect(d[1]!.advance / 10).toBeCloseTo(0.558, 3);
  });
  it("latin-gap-to-zero: on a tight line the CJK–Latin gap squeezes to nothing", () => {
    // 一二三四 56 七 is 6.5 em with ¼-em gaps; at 6 em both gaps go (the old ⅛-em floor pushed 56七 down).
    const p = set("一二三四56七", { measure: 6 });
    expect(p.lines.map((l) => l.text)).toEqual(["一二三四56七"]);
    expect(xOf("一二三四56七", { measure: 6 }, "5")).toBeCloseTo(4, 9);
    expect(xOf("一二三四56七", { measure: 6 }, "七")).toBeCloseTo(5, 9);
    const floor: StyleTable = { ...STYLES.kaiming, latinGap: { natural: 0.25, min: 0.125, max: 1 / 3 } };
    expect(lines("一二三四56七", { measure: 6, indent: 0, style: floor })).toEqual(["一二三四", "56七"]);
  });
});

describe("runs of —— and …… (破折号, 省略号)", () => {
  it("dash-run-breaks-between-pairs: a run may break between its 2-em dashes, never inside one", () => {
    const p = composeParagraph("前文————————————————————后文", songFaces(), { measure: 8, size: 10 });
    expect(p.lines.map((l) => l.text)).toEqual(["前文————", "————————", "————————", "后文"]);
    for (const l of p.lines) expect(l.width / 10).toBeLessThanOrEqual(8 + 1e-9);
    expect(p.lines.some((l) => l.overfull)).toBe(false);
  });
  it("dash-run-50-in-11-em: ——×50 in an 11-em column: no line over the measure, no dash split", () => {
    const p = composeParagraph("——".repeat(50), songFaces(), { measure: 11, size: 10 });
    expect(p.lines.map((l) => l.text.length)).toEqual([8, ...Array(9).fill(10), 2]);
    for (const l of p.lines) expect(l.width / 10).toBeLessThanOrEqual(11 + 1e-9);
    // Each —— is one glyph (the font's 2-em rule), so a split would show as a lone glyph.
    for (const l of p.lines) for (const g of l.glyphs) expect(g.text).toBe("——");
  });
  it("ellipsis-run: …… runs break between pairs; an odd one out makes one 3-em unit with the pair before it", () => {
    expect(lines("一二三…………四五六七", { measure: 5, indent: 0 })).toEqual(["一二三……", "……四五", "六七"]);
    // ……… (three) is one unit of 3 em: it goes down whole.
    expect(lines("一二三………四五六七", { measure: 5, indent: 0 })).toEqual(["一二三", "………四五", "六七"]);
  });
  it("dash-run-strict: at strict level a run still breaks between pairs when nothing else can", () => {
    const p = composeParagraph("——".repeat(6), songFaces(), { measure: 5, size: 10, indent: 0, kinsoku: "strict" });
    expect(p.lines.map((l) => l.text)).toEqual(["————", "————", "————"]);
  });
  it("overfull-unit: a unit wider than the measure stands alone and its line says overfull", () => {
    const p = composeParagraph("一——二", songFaces(), { measure: 1.5, size: 10, indent: 0 });
    expect(p.lines.map((l) => [l.text, l.overfull ?? false])).toEqual([
      ["一", false],
      ["——", true],
      ["二", false],
    ]);
    const word = composeParagraph("中文Internationalization中文", songFaces(), { measure: 8, size: 10, indent: 0 });
    expect(word.lines.map((l) => [l.text, l.overfull ?? false])).toEqual([
      ["中文", false],
      ["Internationalization", true],
      ["中文", false],
    ]);
  });
  it("dash-run-175000: a run of 175,000 —— is set (it took 50 s when a run was one unit; bench/ times it)", () => {
    const p = composeParagraph(`前${"—".repeat(175_000)}后文`, songFaces(), { measure: 11, size: 9 });
    expect(p.lines.map((l) => l.text).join("")).toBe(`前${"—".repeat(175_000)}后文`);
    expect(p.lines.every((l) => l.width / 9 <= 11 + 1e-9 && l.text.replace(/[前后文]/g, "").length % 2 === 0)).toBe(true);
  });
});
