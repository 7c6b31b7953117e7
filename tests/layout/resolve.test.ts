import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { weekdayOf } from "../../src/layout/index.js";
import { loadLayout } from "../../src/pipeline/load.js";
import type { PhotoSpec, RuleSpec, SidebarSpec, StorySpec } from "../../src/makeup/spec.js";

const dir = fileURLToPath(new URL("../fixtures/layout/", import.meta.url));
const fixture = (name: string) => resolve(dir, name);
const samples = resolve(dir, "../../../samples/quxian");
const seed = JSON.parse(readFileSync(resolve(dir, "../../../samples/seed/copy.json"), "utf8")) as {
  stories: { id: string; title?: string; paragraphs?: string[] }[];
};
const MM = 72 / 25.4;

describe("a valid minimal layout", () => {
  it("resolves the 对开 trim, type area and grid to pt", async () => {
    const { edition, warnings } = await loadLayout(fixture("minimal.json"));
    expect(warnings).toEqual([]);
    expect(edition.name).toBe("minimal");
    expect(edition.file).toBe(fixture("minimal.json"));
    expect(edition.paper).toBe("重庆政协报");
    expect(edition.date).toBe("2024-11-27");
    expect(edition.pages).toHaveLength(1);
    const page = edition.pages[0]!;
    expect(page.number).toBe(4);
    expect(page.name).toBe("区县");
    expect(page.trimWidth).toBeCloseTo(1105.51, 2);
    expect(page.trimHeight).toBeCloseTo(1539.21, 2);
    expect(page.bleed).toBeCloseTo(3 * MM, 6);
    const g = page.grid;
    expect(g.bodySize).toBe(9); // 小五
    expect(g.columnWidth).toBe(99); // 11em at 9 pt
    expect(g.gutter).toBe(9);
    expect(g.linePitch).toBe(13.5);
    expect(g.columns).toBe(9);
    expect(g.lines).toBe(100);
    expect(g.left).toBeCloseTo(25 * MM, 6);
    expect(g.top).toBeCloseTo(28 * MM, 6);
    expect(g.width).toBe(9 * 99 + 8 * 9);
    expect(g.height).toBe(1350);
  });

  it("resolves a story with house defaults, 0-based grid areas and parsed copy", async () => {
    const { edition } = await loadLayout(fixture("minimal.json"));
    const story = edition.pages[0]!.items[0] as StorySpec;
    expect(story.type).toBe("story");
    expect(story.areas).toEqual([{ column: 0, span: 4, line: 0, lines: 60 }]);
    expect(story.columns).toBe(4);
    expect(story.measure).toBeUndefined();
    expect(story.copy.file).toBe(resolve(samples, "lead.md"));
    expect(story.copy.title).toBe("把学习成效转化为履职的生动实践");
    expect(story.body).toEqual({
      font: "song", weight: "regular", size: 9, leading: 13.5, color: { c: 0, m: 0, y: 0, k: 100 }, tracking: 0,
      indent: 2, punctuation: "kaiming", kinsoku: "gb",
    });
    expect(story.headline.title).toMatchObject({ font: "hei", weight: "bold", size: 24, leading: 30 });
    expect(story.headline.subtitle).toMatchObject({ font: "hei", weight: "regular", size: 14, leading: 17.5 });
    // title 30 + subtitle 17.5 = 47.5 pt = 3.5 lines → 4, plus a line above and below
    expect(story.headline.lines).toBe(6);
    expect(story.headline.span).toBe(4);
    expect(story.headline.align).toBe("center");
    expect(story.byline).toMatchObject({ font: "kai", size: 9 });
    expect(story.credit).toMatchObject({ font: "kai", size: 9 });
  });

  it("resolves the running head, deriving the weekday", async () => {
    const { edition } = await loadLayout(fixture("minimal.json"));
    expect(edition.pages[0]!.runningHead).toMatchObject({
      paper: "重庆政协报", pageName: "区县", date: "2024-11-27", weekday: "星期三", editor: "责任编辑 王某 美术编辑 李某", ruleWeight: 0.75,
    });
    expect(weekdayOf("2024-11-24")).toBe("星期日");
  });
});

describe("a full page: photo, stories, sidebar, rules", () => {
  it("resolves every item", async () => {
    const { edition, warnings } = await loadLayout(fixture("valid.json"));
    expect(warnings).toEqual([]);
    const [photo, lead, jiangbei, express, r1, r2] = edition.pages[0]!.items as [PhotoSpec, StorySpec, StorySpec, SidebarSpec, RuleSpec, RuleSpec];

    expect(photo).toMatchObject({ type: "photo", id: "photo", image: fixture("photo.jpg"), fit: "fill", focus: { x: 0.5, y: 0.4 }, label: "图片新闻" });
    expect(photo.area).toEqual({ column: 0, span: 4, line: 0, lines: 20 });
    expect(photo.caption!.position).toBe("right");
    expect(photo.caption!.measure).toBe(8.5);
    expect(photo.caption!.copy.paragraphs).toEqual(seed.stories.find((s) => s.id === "photo")!.paragraphs);
    expect(photo.caption!.copy.credit).toBe("旷灵芝 李雪皑 摄");

    expect(lead.columns).toBe(2);
    expect(lead.measure).toBe(23);
    expect(lead.headline.lines).toBe(8);
    expect(lead.headline.title).toMatchObject({ size: 22, leading: 27.5 }); // 二号
    expect(jiangbei.measure).toBe(16.5);
    expect(jiangbei.headline.kicker.size).toBe(12); // 小四

    expect(express).toMatchObject({
      type: "sidebar", title: "区县快递", border: "double", borderWeight: 1, padding: 4.5, columns: 1, measure: 16.5, dateline: "本报讯",
      titleBar: { c: 0, m: 100, y: 100, k: 0 },
    });
    expect(express.titleStyle.color).toEqual({ c: 0, m: 0, y: 0, k: 0 });
    expect(express.items.map((i) => i.title)).toEqual(["开州：助力乡村振兴", "奉节：调研法治政府建设情况", "巫山：视察餐厨垃圾处理工作", "彭水：建言有效盘活国有资产"]);

    const left = 25 * MM;
    const top = 28 * MM;
    // vertical: middle of the gutter before column 5, from the top of line 1 to the foot of line 60's text
    expect(r1).toMatchObject({ type: "rule", id: "r1", weight: 0.5, style: "solid" });
    expect(r1.x1).toBeCloseTo(left + 4 * 108 - 4.5, 6);
    expect(r1.x2).toBe(r1.x1);
    expect(r1.y1).toBeCloseTo(top, 6);
    expect(r1.y2).toBeCloseTo(top + 60 * 13.5 - 4.5, 6);
    // horizontal: middle of the leading gap above line 21, across columns 1–4
    expect(r2).toMatchObject({ id: "rule-6", weight: 0.75, style: "double", color: { c: 0, m: 100, y: 100, k: 0 } });
    expect(r2.y1).toBeCloseTo(top + 20 * 13.5 - 2.25, 6);
    expect(r2.y2).toBe(r2.y1);
    expect(r2.x1).toBeCloseTo(left, 6);
    expect(r2.x2).toBeCloseTo(left + 4 * 99 + 3 * 9, 6);
  });

  it("resolves an edition with per-page overrides", async () => {
    const { edition } = await loadLayout(fixture("edition.json"));
    expect(edition.pages.map((p) => [p.number, p.name])).toEqual([[4, "区县"], [5, "视点"]]);
    const [p4, p5] = edition.pages as [typeof edition.pages[0], typeof edition.pages[0]];
    expect(p4.grid.columns).toBe(9);
    expect(p5.trimWidth).toBeCloseTo(270 * MM, 6);
    expect(p5.grid.columns).toBe(6);
    expect(p5.grid.lines).toBe(70);
    expect(p5.grid.columnWidth).toBe(99); // inherited
    expect(p4.runningHead).toMatchObject({ editor: "责任编辑 王某 美术编辑 李某", pageName: "区县" });
    expect(p5.runningHead).toMatchObject({ editor: "责任编辑 张某", pageName: "视点" });
  });
});
