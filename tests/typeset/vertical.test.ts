/**
 * The vertical composer's rules (竖排, issue 14), each test named after the rule: where each mark
 * stands in its cell and which turn, 纵中横, turned Latin, 避头尾 at the column's head and foot,
 * no 孤字, cells as long as vmtx says, the fallback for a font without vertical data.
 */
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fontkit from "fontkit";
import { describe, expect, it } from "vitest";
import type { Face } from "../../src/fonts/face.js";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { verticalFace } from "../../src/fonts/vertical.js";
import { composeVertical } from "../../src/typeset/vertical/compose.js";
import type { VerticalGlyph, VerticalOptions, VerticalParagraph } from "../../src/typeset/vertical/types.js";
import { verticalGalleyDocument } from "../../src/makeup/vertical-galley.js";
import { songFaces } from "./setup.js";

const SIZE = 10;
const set = (text: string, options: Partial<VerticalOptions> = {}, faces: Face[] = songFaces()): VerticalParagraph =>
  composeVertical(text, faces, { measure: 40, size: SIZE, indent: 0, ...options });
const lines = (text: string, options: Partial<VerticalOptions>) => set(text, options).lines.map((l) => l.text);

const reference = new Map<string, fontkit.Font>();
/** The glyph's ink box in the line's frame (pt: x across from the axis, y down from the head). */
function inkBox(face: Face, g: VerticalGlyph): { left: number; right: number; top: number; bottom: number } {
  let font = reference.get(face.file);
  if (!font) reference.set(face.file, (font = fontkit.create(readFileSync(face.file)) as fontkit.Font));
  const b = font.getGlyph(g.id).bbox;
  const k = SIZE / font.unitsPerEm;
  if (g.turned) {
    // Turned clockwise: the glyph's x runs down the line, its y to the right.
    return { left: g.x + b.minY * k, right: g.x + b.maxY * k, top: g.y + b.minX * k, bottom: g.y + b.maxX * k };
  }
  return { left: g.x + b.minX * k * g.scale, right: g.x + b.maxX * k * g.scale, top: g.y - b.maxY * k, bottom: g.y - b.minY * k };
}

/** The one glyph of `mark` set between two ideographs, with its cell's top along the line. */
function markBetween(mark: string, options: Partial<VerticalOptions> = {}): { g: VerticalGlyph; cellTop: number; face: Face } {
  const p = set(`中${mark}中`, options);
  const line = p.lines[0]!;
  const g = line.glyphs.find((x) => x.text === mark)!;
  // The mark's unit starts where the first ideograph's 1-em cell ends.
  return { g, cellTop: SIZE, face: p.faces[g.face]! };
}

describe("vertical punctuation: position in the cell and rotation, per mark", () => {
  for (const mark of ["。", "，", "、"]) {
    it(`${mark} stands upright at the upper right of its cell (its vertical form)`, () => {
      const { g, cellTop, face } = markBetween(mark);
      expect(g.turned).toBe(false);
      const horizontal = face.glyph(mark.codePointAt(0)!).id;
      expect(g.id).toBe(verticalFace(face).vertical(horizontal));
      expect(g.id).not.toBe(horizontal);
      const ink = inkBox(face, g);
      expect(ink.left).toBeGreaterThanOrEqual(0); // right of the axis
      expect(ink.top).toBeGreaterThanOrEqual(cellTop);
      expect(ink.bottom).toBeLessThanOrEqual(cellTop + SIZE / 2); // in the top half
    });
  }

  for (const mark of ["（", "）", "《", "》", "〈", "〉", "【", "】", "〔", "〕", "「", "」", "『", "』"]) {
    it(`${mark} is turned: its vertical form lies across the line`, () => {
      const { g, face } = markBetween(mark);
      expect(g.id).not.toBe(face.glyph(mark.codePointAt(0)!).id);
      const ink = inkBox(face, g);
      // A bracket turned is wider across the line than it is long along it.
      expect(ink.right - ink.left).toBeGreaterThan(ink.bottom - ink.top);
      // …and about the axis (a corner bracket's hook makes it a little lopsided).
      expect(Math.abs((ink.left + ink.right) / 2)).toBeLessThan(0.15 * SIZE);
    });
  }

  it("an opening bracket's ink is in the lower half of its cell and a closing one's in the upper (they hug the text inside)", () => {
    const p = set("中（中）中", { style: "quanjiao" });
    const [open, close] = p.lines[0]!.glyphs.filter((g) => g.text === "（" || g.text === "）");
    const face = p.faces[0]!;
    // Cells: 中 [0,10], （ [10,20], 中 [20,30], ） [30,40].
    expect(inkBox(face, open!).top).toBeGreaterThanOrEqual(15);
    expect(inkBox(face, close!).bottom).toBeLessThanOrEqual(35);
  });

  it("quotation marks “ ” ‘ ’ are set as 「 」 『 』 by default (house style corner)", () => {
    const p = set("中“中‘中’中”中");
    const face = p.faces[0]!;
    const v = verticalFace(face);
    const corner = (ch: string) => v.vertical(face.glyph(ch.codePointAt(0)!).id);
    const byText = (t: string) => p.lines[0]!.glyphs.find((g) => g.text === t)!;
    expect(byText("“").id).toBe(corner("「"));
    expect(byText("”").id).toBe(corner("」"));
    expect(byText("‘").id).toBe(corner("『"));
    expect(byText("’").id).toBe(corner("』"));
    expect(p.lines[0]!.text).toBe("中“中‘中’中”中");
  });

  it("quotation marks are the turned “ ” with house style turned", () => {
    const { g, face } = markBetween("“", { quotes: "turned" });
    expect(g.turned).toBe(true);
    expect(g.id).toBe(face.glyph("“".codePointAt(0)!).id);
  });

  it("—— is one rule two em long down the line's axis", () => {
    const p = set("中——中");
    const dash = p.lines[0]!.glyphs.filter((g) => g.text.includes("—"));
    const face = p.faces[0]!;
    const boxes = dash.map((g) => inkBox(face, g));
    const top = Math.min(...boxes.map((b) => b.top));
    const bottom = Math.max(...boxes.map((b) => b.bottom));
    expect(bottom - top).toBeGreaterThan(1.8 * SIZE);
    for (const b of boxes) expect(Math.abs((b.left + b.right) / 2)).toBeLessThan(0.05 * SIZE);
    // The next ideograph starts two em after the dash's start.
    expect(p.lines[0]!.glyphs.at(-1)!.y).toBeCloseTo(3 * SIZE + 0.88 * SIZE, 6);
  });

  it("…… is two vertical forms, the dots running down the line", () => {
    const p = set("中……中");
    const dots = p.lines[0]!.glyphs.filter((g) => g.text === "…");
    expect(dots).toHaveLength(2);
    for (const g of dots) {
      const ink = inkBox(p.faces[0]!, g);
      expect(g.turned).toBe(false);
      expect(ink.bottom - ink.top).toBeGreaterThan(3 * (ink.right - ink.left));
    }
  });

  it("～ is turned to run down the line", () => {
    const { g, face } = markBetween("～");
    const ink = inkBox(face, g);
    expect(ink.bottom - ink.top).toBeGreaterThan(ink.right - ink.left);
  });

  for (const mark of ["：", "；", "！", "？"]) {
    it(`${mark} takes the face's vertical form, upright and right of the axis (GB/T 15834: 下偏右)`, () => {
      const { g, face } = markBetween(mark);
      expect(g.turned).toBe(false);
      expect(g.id).toBe(verticalFace(face).vertical(face.glyph(mark.codePointAt(0)!).id));
      const ink = inkBox(face, g);
      expect((ink.left + ink.right) / 2).toBeGreaterThan(0.1 * SIZE);
    });
    it(`${mark} runs down more than half its cell, so it keeps the whole cell: the next character starts below its ink`, () => {
      for (const style of ["kaiming", "quanjiao", "banjiao"] as const) {
        const p = set(`中${mark}中`, { style });
        const [, m, next] = p.lines[0]!.glyphs;
        const ink = inkBox(p.faces[m!.face]!, m!);
        expect(ink.bottom - ink.top, style).toBeGreaterThan(SIZE / 2);
        // The next ideograph's cell top (its baseline less 0.88 em) is below the mark's ink.
        expect(next!.y - 0.88 * SIZE, style).toBeGreaterThanOrEqual(ink.bottom - 1e-9);
        expect(next!.y - m!.y, style).toBeCloseTo(SIZE, 6);
      }
    });
  }
});

describe("纵中横 and turned Latin", () => {
  it("纵中横: a two-digit number stands upright, its digits side by side within one em (11月21日)", () => {
    const line = set("11月21日").lines[0]!;
    const [one, two, month, d2, d1, day] = line.glyphs;
    expect(line.glyphs.map((g) => g.text).join("")).toBe("11月21日");
    for (const g of [one!, two!, d2!, d1!]) {
      expect(g.turned).toBe(false);
      expect(g.scale).toBe(1);
    }
    // Side by side on one baseline, half an em each, centred on the axis.
    expect(one!.y).toBe(two!.y);
    expect(one!.x).toBeCloseTo(-SIZE / 2, 9);
    expect(two!.x).toBeCloseTo(0, 9);
    // One em each: 月 is the second cell, 日 the fourth.
    expect(month!.y).toBeCloseTo(1.88 * SIZE, 9);
    expect(d2!.y).toBeCloseTo(one!.y + 2 * SIZE, 9);
    expect(day!.y).toBeCloseTo(3.88 * SIZE, 9);
    expect(line.length).toBeCloseTo(4 * SIZE, 9);
  });

  it("纵中横 of 75周年 with no CJK–Latin gap around the number", () => {
    const line = set("建社75周年").lines[0]!;
    expect(line.length).toBeCloseTo(5 * SIZE, 9);
  });

  it("a number longer than the house style's digits is turned like a Latin word (2024年)", () => {
    const line = set("2024年").lines[0]!;
    const digits = line.glyphs.slice(0, 4);
    for (const g of digits) expect(g.turned).toBe(true);
    expect(digits.map((g) => g.y)).toEqual([...digits.map((g) => g.y)].sort((a, b) => a - b));
  });

  it("three digits upright in one em when the house style says 3 (compressed to fit)", () => {
    const line = set("100岁", { uprightDigits: 3 }).lines[0]!;
    const digits = line.glyphs.slice(0, 3);
    for (const g of digits) expect(g.turned).toBe(false);
    const width = digits.reduce((w, g) => w + g.advance, 0);
    expect(width).toBeCloseTo(SIZE, 9);
    expect(digits[0]!.scale).toBeCloseTo(2 / 3, 9);
  });

  it("every number is turned when the house style sets no digits upright", () => {
    for (const g of set("11月", { uprightDigits: 0 }).lines[0]!.glyphs.slice(0, 2)) expect(g.turned).toBe(true);
  });

  it("a Latin word is turned 90° clockwise, its letters down the line, its em box centred on the axis", () => {
    const line = set("和Peking的").lines[0]!;
    const word = line.glyphs.filter((g) => /[A-Za-z]/.test(g.text));
    expect(word.map((g) => g.text).join("")).toBe("Peking");
    for (const g of word) {
      expect(g.turned).toBe(true);
      // The baseline 0.38 em left of the axis: the em box (−0.12 … 0.88) straddles it evenly.
      expect(g.x).toBeCloseTo(-0.38 * SIZE, 9);
    }
    for (let i = 1; i < word.length; i++) expect(word[i]!.y).toBeCloseTo(word[i - 1]!.y + word[i - 1]!.advance, 9);
  });
});

describe("避头尾 and 孤字 on vertical lines", () => {
  it("避头尾 at the column top, 先挤进: a 点号 that would head a line is squeezed into the line above", () => {
    const l = lines("一二，三四。五六", { measure: 5, style: "quanjiao" });
    expect(l).toEqual(["一二，三四。", "五六"]);
  });

  it("避头尾 at the column top, 后推出: when squeezing is not enough the character before the 点号 goes down with it", () => {
    const l = lines("一二三四五。六七", { measure: 5 });
    expect(l).toEqual(["一二三四", "五。六七"]);
  });

  it("避头尾 at the column top: a closing bracket is not set at a line's head", () => {
    const l = lines("一二三四（五）六七八", { measure: 5, style: "quanjiao" });
    for (const line of l.slice(1)) expect(line[0]).not.toMatch(/[）。，、]/u);
  });

  it("避头尾 at the column foot: an opening bracket that would end a line goes down to the next", () => {
    const l = lines("一二三四「五六」七八", { measure: 5, style: "quanjiao" });
    expect(l[0]).toBe("一二三四");
    expect(l[1]!.startsWith("「")).toBe(true);
  });

  it("no 孤字: a paragraph's last line never holds one ideograph alone", () => {
    const l = lines("一二三四五六七八九十甲", { measure: 5 });
    expect(l.at(-1)!.length).toBeGreaterThan(1);
    expect(l.join("")).toBe("一二三四五六七八九十甲");
  });

  it("justified lines are exactly the measure long; the last is set flush to the head", () => {
    const p = set("本报讯　今年以来，全市各级政协组织围绕中心工作积极建言资政，取得了明显成效。", { measure: 7, indent: 2 });
    for (const l of p.lines.slice(0, -1)) expect(l.length).toBeCloseTo(7 * SIZE, 6);
    expect(p.lines[0]!.indent).toBe(2 * SIZE);
    expect(p.lines.map((l) => l.text).join("")).toBe(p.text);
  });
});

describe("vertical cells from vmtx, and lines right to left", () => {
  it("each ideograph advances its vmtx height (one em), its baseline 0.88 em below its cell top", () => {
    const line = set("中文竖排").lines[0]!;
    expect(line.glyphs.map((g) => g.y)).toEqual([0.88, 1.88, 2.88, 3.88].map((k) => expect.closeTo(k * SIZE, 9)));
    for (const g of line.glyphs) expect(g.x).toBeCloseTo(-SIZE / 2, 9);
  });

  it("line order right to left: the galley sets the first line at the right", () => {
    const p = set("一二三四五六七八九十甲乙丙丁", { measure: 5 });
    const doc = verticalGalleyDocument([p], { measure: 5, size: SIZE });
    const runs = doc.pages[0]!.items.filter((i) => i.kind === "glyphs");
    const xs = runs.map((r) => r.x);
    expect(xs).toEqual([...xs].sort((a, b) => b - a));
    expect(new Set(xs).size).toBe(p.lines.length);
  });
});

describe("a face without vertical data", () => {
  /** The default serif with its vhea and GSUB tables renamed out of sight. */
  function stripped(): Face {
    const store = new FontStore();
    const file = makeFontMap({}, store).resolve("song", "regular").font.file;
    const bytes = Buffer.from(readFileSync(file));
    const n = bytes.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const at = 12 + 16 * i;
      const tag = bytes.toString("latin1", at, at + 4);
      if (tag === "vhea" || tag === "GSUB") bytes.write(tag === "vhea" ? "xhea" : "XSUB", at, "latin1");
    }
    const out = join(mkdtempSync(join(tmpdir(), "paiban-vertical-")), "no-vertical.ttf");
    writeFileSync(out, bytes);
    return store.open({ file: out });
  }

  it("warns and falls back to centred marks and turned brackets, one-em cells", () => {
    const face = stripped();
    const p = set("中。（中）", { style: "quanjiao" }, [face]);
    expect(p.warnings).toEqual([
      expect.stringContaining("has no vertical metrics (vhea/vmtx)"),
      expect.stringContaining("has no vertical forms (vert)"),
    ]);
    const [zhong, stop, open] = p.lines[0]!.glyphs;
    expect(zhong!.y).toBeCloseTo(0.88 * SIZE, 9);
    // 。 centred in its cell (ink centre at the cell's centre, on the axis).
    const ink = inkBox(face, stop!);
    expect((ink.left + ink.right) / 2).toBeCloseTo(0, 6);
    expect((ink.top + ink.bottom) / 2).toBeCloseTo(1.5 * SIZE, 6);
    expect(stop!.turned).toBe(false);
    expect(open!.turned).toBe(true);
  });
});
