/**
 * Vertical make-up (竖排, issue 14): bodies, boxes and captions in vertical lines right to left
 * on the grid, the 竖题 beside a horizontal body, the report, copyfit, and the house style's
 * choices (纵中横 digits, quotes). Each test is named after the rule it holds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dumpDocument } from "../../src/display/dump.js";
import type { DisplayDocument, GlyphRun } from "../../src/display/types.js";
import type { LayoutReport, StoryReport } from "../../src/makeup/report.js";
import { layOut } from "../../src/pipeline/render.js";
import { root } from "../typeset/setup.js";
import { writeLayout } from "./fixture.js";

const PITCH = 13.5;
const runs = (doc: DisplayDocument, id: string, role?: string): GlyphRun[] =>
  doc.pages[0]!.items.filter((i): i is GlyphRun => i.kind === "glyphs" && i.itemId === id && (role === undefined || i.role === role));
const story = (report: LayoutReport, id: string): StoryReport => report.stories.find((s) => s.id === id)!;
const lineTexts = (s: StoryReport) => s.paragraphs.flatMap((p) => p.lines);
/** 点号 and closing marks may not head a line; opening marks may not end one (GB/T 15834, clreq). */
const NOT_AT_HEAD = /^[，。、；：？！”’）》」』〕】…—]/u;
const NOT_AT_FOOT = /[“‘（《「『〔【]$/u;

describe("the vertical sample page (layouts/quxian-vertical.json)", () => {
  let doc: DisplayDocument;
  let report: LayoutReport;
  beforeAll(async () => {
    ({ document: doc, report } = await layOut(path.join(root, "layouts/quxian-vertical.json")));
  }, 60_000);

  it("display-list snapshot: every line of the vertical page where it was when it was last looked at (300 dpi)", async () => {
    await expect(dumpDocument(doc)).toMatchFileSnapshot("__snapshots__/quxian-vertical.dump.txt");
  });

  it("renders with no overset and no empty lines: every story, caption and box item fills its frame", () => {
    for (const s of report.stories) {
      expect(s.overset, s.id).toEqual({ lines: 0, chars: 0 });
      expect(s.underset, s.id).toEqual({ lines: 0 });
    }
    expect(report.warnings.filter((w) => w.code === "overset" || w.code === "collision" || w.code === "widow")).toEqual([]);
  });

  it('the report says "direction": "vertical" for the vertical box and caption, and not for horizontal stories', () => {
    expect(report.stories.filter((s) => s.direction === "vertical").map((s) => s.id)).toEqual([
      "photo",
      "express/kaizhou",
      "express/fengjie",
      "express/wushan",
      "express/pengshui",
    ]);
    expect(story(report, "jiangbei").direction).toBeUndefined();
  });

  it("the report lists each vertical line's text in reading order: the lines give back the copy", () => {
    for (const s of report.stories.filter((x) => x.direction === "vertical")) {
      for (const p of s.paragraphs) expect(p.lines.join("").replace(/[\s\u3000]/gu, ""), s.id).toBe(p.text.replace(/[\s\u3000]/gu, ""));
    }
    expect(story(report, "express/kaizhou").paragraphs[0]!.lines[0]).toBe("本报讯　11月22日，开州区政协副主席刘");
  });

  it("line order right to left: in each tier of the box the lines' axes step left by the grid's pitch, in reading order", () => {
    const body = report.stories.filter((s) => s.id.startsWith("express/")).flatMap((s) => runs(doc, s.id, "body"));
    expect(body.every((r) => r.vertical)).toBe(true);
    const heads = [...new Set(body.map((r) => r.y))].sort((a, b) => a - b);
    expect(heads).toHaveLength(2); // two tiers
    for (const head of heads) {
      const axes = [...new Set(body.filter((r) => r.y === head).map((r) => r.x))];
      expect(axes.length).toBeGreaterThan(1);
      for (let k = 1; k < axes.length; k++) {
        const step = axes[k - 1]! - axes[k]!;
        expect(step).toBeGreaterThan(0);
        expect(step / PITCH).toBeCloseTo(Math.round(step / PITCH), 6);
      }
    }
    // The box's first line stands half a pitch inside the right edge of its text area.
    const frame = story(report, "express/kaizhou").frames[0]!;
    const first = runs(doc, "express/kaizhou", "body")[0]!;
    expect(first.x + PITCH * 2.5).toBeCloseTo(frame.x + frame.width, 6); // the item head takes two lines first
  });

  it("避头尾 at column top and foot: no vertical line starts with a closing mark or 点号, none ends with an opening mark", () => {
    const vertical = report.stories.filter((s) => s.direction === "vertical").flatMap(lineTexts);
    expect(vertical.length).toBeGreaterThan(30);
    expect(vertical.filter((l) => NOT_AT_HEAD.test(l))).toEqual([]);
    expect(vertical.filter((l) => NOT_AT_FOOT.test(l))).toEqual([]);
  });

  it("纵中横: the 2-digit 11 of 11月22日 stands upright, its digits side by side in one em on one baseline", () => {
    const line = runs(doc, "express/kaizhou", "body").find((r) => r.glyphs.some((g) => g.text === "月"))!;
    const at = line.glyphs.findIndex((g) => g.text === "月");
    const [a, b] = [line.glyphs[at - 2]!, line.glyphs[at - 1]!];
    expect([a.text, b.text]).toEqual(["1", "1"]);
    expect(a.turned ?? false).toBe(false);
    expect(b.turned ?? false).toBe(false);
    expect(a.y).toBe(b.y);
    expect(b.x - a.x).toBeCloseTo(a.advance, 6);
    expect(b.x + b.advance - a.x).toBeLessThanOrEqual(line.size + 1e-9); // within one em
    expect(Math.abs(a.x + (b.x + b.advance - a.x) / 2)).toBeLessThan(0.01); // centred on the axis
  });

  it("the 竖题 beside a horizontal body: kicker and title stand as vertical columns at the right edge of the story's area, the body's columns to their left from the area's top", () => {
    const frames = story(report, "jiangbei").frames;
    const kicker = runs(doc, "jiangbei", "kicker");
    const title = runs(doc, "jiangbei", "title");
    const body = runs(doc, "jiangbei", "body");
    expect(kicker.every((r) => r.vertical)).toBe(true);
    expect(title.every((r) => r.vertical)).toBe(true);
    expect(body.some((r) => r.vertical)).toBe(false);
    const kx = kicker[0]!.x;
    const tx = title[0]!.x;
    // Right to left: 引题 first, then 主题.
    expect(kx).toBeGreaterThan(tx);
    const bodyRight = Math.max(...frames.map((f) => f.x + f.width));
    expect(tx - title[0]!.size / 2).toBeGreaterThan(bodyRight);
    // The area's right edge (3 grid columns from column 7) holds the kicker's column.
    const areaRight = frames[0]!.x + 3 * 11 * 9 + 2 * 9;
    expect(kx + kicker[0]!.size / 2).toBeLessThanOrEqual(areaRight + 1e-6);
    // The title starts at the area's top, as the body's first line does.
    expect(frames[0]!.y).toBeCloseTo(title[0]!.y, 6);
    expect(story(report, "jiangbei").paragraphs[0]!.lines.length).toBeGreaterThan(1);
    expect(frames.map((f) => f.used)).toEqual([43, 43]);
  });

  it("the vertical caption stands beside the photo, its lines as long as the picture is tall", () => {
    const cap = story(report, "photo");
    expect(cap.frames[0]!.height).toBeCloseTo(26 * PITCH, 6);
    const image = doc.pages[0]!.items.find((i) => i.kind === "image")!;
    const text = runs(doc, "photo", "caption");
    expect(Math.min(...text.map((r) => r.x - r.size / 2))).toBeGreaterThan(image.x + (image as { width: number }).width);
  });
});

describe("vertical make-up on small pages", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-vertical-"));
  });
  const layout = (items: Record<string, unknown>[], paragraphs: string[], extra: (l: Record<string, unknown>) => void = () => {}) => {
    const file = writeLayout(dir, { columns: 4, lines: 30 }, items, paragraphs);
    const l = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    extra(l);
    fs.writeFileSync(file, JSON.stringify(l));
    return file;
  };
  const vstory = (more: Record<string, unknown> = {}) => ({ type: "story", id: "v", copy: "copy.md", area: { column: 1, span: 2, line: 1, lines: 30 }, direction: "vertical", ...more });
  const TEXT = "今年有360家企业落户，GDP居第75位，“满天星”项目32个，总投资65亿元。";

  it("rotation of Latin words: GDP and the 3-digit 360 are turned 90° clockwise, 75, 32 and 65 stand upright (house style 2 digits)", async () => {
    const { document } = await layOut(layout([vstory()], [TEXT]));
    const glyphs = runs(document, "v", "body").flatMap((r) => r.glyphs);
    expect(glyphs.filter((g) => "GDP".includes(g.text)).every((g) => g.turned)).toBe(true);
    const digits = glyphs.filter((g) => /[0-9]/.test(g.text));
    expect(digits.map((g) => `${g.text}${g.turned ? "⤵" : "↑"}`).join("")).toBe("3⤵6⤵0⤵7↑5↑3↑2↑6↑5↑");
    expect(glyphs.filter((g) => /[\u4e00-\u9fff]/u.test(g.text)).every((g) => !g.turned)).toBe(true);
  });

  it('house style per paper: "houseStyle": {"vertical": {"uprightDigits": 3}} sets 360 upright in one em, compressed', async () => {
    const { document } = await layOut(layout([vstory()], [TEXT], (l) => (l.houseStyle = { vertical: { uprightDigits: 3 } })));
    const digits = runs(document, "v", "body").flatMap((r) => r.glyphs).filter((g) => /[0-9]/.test(g.text));
    expect(digits.every((g) => !g.turned)).toBe(true);
    const three = digits.slice(0, 3);
    expect(three.every((g) => (g.scale ?? 1) < 1)).toBe(true);
    expect(three[2]!.x + three[2]!.advance - three[0]!.x).toBeLessThanOrEqual(9 + 1e-9);
  });

  it('house style per paper: quotes "corner" sets “ as 「 (upright vertical form), "turned" turns the quotation marks', async () => {
    const corner = runs((await layOut(layout([vstory()], [TEXT]))).document, "v", "body").flatMap((r) => r.glyphs).find((g) => g.text === "“")!;
    expect(corner.turned ?? false).toBe(false);
    const turnedDoc = (await layOut(layout([vstory()], [TEXT], (l) => (l.houseStyle = { vertical: { quotes: "turned" } })))).document;
    const turned = runs(turnedDoc, "v", "body").flatMap((r) => r.glyphs).find((g) => g.text === "“")!;
    expect(turned.turned).toBe(true);
    expect(turned.id).not.toBe(corner.id);
  });

  it("tiers: a vertical story of 2 columns sets two tiers one above the other, a gutter apart, filled in reading order", async () => {
    const long = Array.from({ length: 6 }, (_, k) => `第${k + 1}段：${"政协委员围绕乡村振兴建言献策，".repeat(6)}`);
    const { report } = await layOut(layout([vstory({ columns: 2 })], long));
    const s = report.stories[0]!;
    expect(s.direction).toBe("vertical");
    expect(s.frames).toHaveLength(2);
    const [a, b] = s.frames;
    expect(b!.y - (a!.y + a!.height)).toBeGreaterThanOrEqual(9 - 1e-9); // at least a gutter (1 em) apart
    // The tiers span the area below the headline (测试标题: 5 grid lines), head to foot.
    expect(b!.y + b!.height).toBeCloseTo(a!.y + (30 - 5) * PITCH, 6);
    expect(a!.lines).toBe(Math.floor(a!.width / PITCH));
    expect(s.measure).toBe(fittingHalfEm(((30 - 5) * PITCH - 9) / 2 / 9));
    expect(s.linesPerColumn[0]).toBe(a!.lines);
  });

  it("a 竖题 over a vertical body: the headline's column at the area's right edge, the body's vertical lines to its left, the first a gutter away", async () => {
    const { document, report } = await layOut(layout([vstory({ headline: { direction: "vertical" } })], [TEXT]));
    const title = runs(document, "v", "title")[0]!;
    const body = runs(document, "v", "body");
    const s = report.stories[0]!;
    expect(title.vertical).toBe(true);
    const areaRight = s.frames[0]!.x + s.frames[0]!.width + title.size * 1.25 + 9; // the frame is the area less the 竖题's width (leading + gutter)
    expect(title.x + (title.size * 1.25) / 2).toBeCloseTo(areaRight, 6);
    expect(Math.max(...body.map((r) => r.x)) + PITCH / 2).toBeCloseTo(s.frames[0]!.x + s.frames[0]!.width, 6);
    expect(title.y).toBeCloseTo(s.frames[0]!.y, 6); // both from the area's top: no grid lines above the body
    expect(s.direction).toBe("vertical");
  });

  it("overset and copyfit work as horizontally: copy too long for the area is overset and the editor is told what to cut", async () => {
    const long = Array.from({ length: 12 }, () => "政协委员围绕乡村振兴建言献策，".repeat(8));
    const { report } = await layOut(layout([vstory({ area: { column: 1, span: 1, line: 1, lines: 10 } })], long));
    const s = report.stories[0]!;
    expect(s.overset.lines).toBeGreaterThan(0);
    expect(s.copyfit?.editor).toBe(`cut ${s.overset.chars} 字`);
  });
});

function fittingHalfEm(em: number): number {
  return Math.floor(em * 2 + 1e-9) / 2;
}
