/**
 * One named case per rule of Chinese composition (clreq, GB/T 15834, jlreq), with the exact
 * lines a layout editor expects. Size 10 pt, so 1 em = 10 pt.
 */
import { describe, expect, it } from "vitest";
import { composeParagraph } from "../../src/typeset/compose.js";
import { lines, songFaces } from "./setup.js";

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
  it("kinsoku-squeeze-stop-kaiming: 。 squeezed to ½ em on demand so the following ， fits", () => {
    expect(lines("一二三四。五，六七八", { measure: 6, indent: 0 })).toEqual(["一二三四。五，", "六七八"]);
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
