/** Story areas: a stepped 走文 area, 变栏, a headline over the first N columns. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { layOut } from "../../src/pipeline/render.js";
import { writeLayout } from "./fixture.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-areas-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function story(item: Record<string, unknown>, paragraphs = 30) {
  const file = writeLayout(dir, { columns: 6, lines: 40 }, [{ type: "story", id: "s", copy: "copy.md", ...item }], Array(paragraphs).fill("中".repeat(60)));
  return (await layOut(file)).report.stories[0]!;
}

describe("story areas", () => {
  it("a stepped area (走文) flows through the first rectangle's columns, then the second's", async () => {
    const s = await story({
      area: [
        { column: 1, span: 2, line: 1, lines: 10 },
        { column: 1, span: 4, line: 11, lines: 10 },
      ],
      columns: 2,
      headline: { lines: 3 },
    });
    // 2 columns under a 3-line headline, then 4 columns of 10 lines.
    expect(s.frames.map((f) => f.lines)).toEqual([7, 7, 10, 10, 10, 10]);
    expect(s.linesPerColumn).toEqual([7, 7, 10, 10, 10, 10]);
    const x0 = 25 * (72 / 25.4);
    expect(s.frames.map((f) => Math.round(f.x - x0))).toEqual([0, 108, 0, 108, 216, 324]);
    expect(s.overset.lines).toBeGreaterThan(0);
  });

  it("变栏: three grid columns set as two wider text columns", async () => {
    const s = await story({ area: { column: 1, span: 3, line: 1, lines: 40 }, columns: 2, headline: { lines: 3 } }, 4);
    expect(s.frames).toHaveLength(2);
    // (3 × 99 + 2 × 9 − 9) / 2 = 153 pt → 17 em (whole half ems of 9 pt).
    expect(s.measure).toBe(17);
    expect(s.frames[1]!.x + s.frames[1]!.width - s.frames[0]!.x).toBeCloseTo(3 * 99 + 2 * 9, 6);
  });

  it("a headline over the first N columns leaves the others starting at the top", async () => {
    const s = await story({ area: { column: 1, span: 3, line: 1, lines: 20 }, columns: 3, headline: { lines: 4, span: 2 } }, 6);
    expect(s.frames.map((f) => f.lines)).toEqual([16, 16, 20]);
  });
});

describe("headline hierarchy", () => {
  it("warns when a subtitle is set as large as the title", async () => {
    const story = {
      type: "story",
      id: "s",
      copy: "copy.md",
      area: { column: 1, span: 3, line: 1, lines: 20 },
      headline: { lines: 6, title: { size: "18pt" }, subtitle: { size: "18pt" } },
    };
    const file = writeLayout(dir, { columns: 6, lines: 40 }, [story], ["正文。"], "title: 主题\nsubtitle: 副题");
    const { report } = await layOut(file);
    expect(report.warnings.filter((w) => w.code === "layout").map((w) => w.message)).toEqual([
      "s: the subtitle (18 pt) is not smaller than the title (18 pt); a headline block reads kicker and subtitle below the title's size",
    ]);
  });
});

describe("photo captions", () => {
  it("a caption below the photo is set at the measure the layout gives it, not the photo's width", async () => {
    const photo = path.resolve("samples/quxian/photo.jpg");
    const caption = (measure?: string) =>
      writeLayout(dir, { columns: 6, lines: 40 }, [
        { type: "photo", id: "p", image: photo, area: { column: 1, span: 3, line: 1, lines: 20 }, caption: { copy: "copy.md", position: "below", ...(measure ? { measure } : {}) } },
      ], ["图为村民在合作社蜂场查看蜂箱，今年蜂蜜产量比去年增长三成。"]);
    const own = (await layOut(caption("10em"))).report.stories.find((s) => s.id === "p")!;
    const wide = (await layOut(caption())).report.stories.find((s) => s.id === "p")!;
    expect(own.measure).toBe(10);
    expect(own.paragraphs[0]!.lines.every((l) => [...l].length <= 10)).toBe(true);
    expect(wide.measure).toBeGreaterThan(30); // the photo's three columns
  });

  it("a photo label too long for one line is cut, and the cut is reported, not lost silently", async () => {
    const photo = path.resolve("samples/quxian/photo.jpg");
    const file = writeLayout(dir, { columns: 6, lines: 40 }, [
      { type: "photo", id: "p", image: photo, area: { column: 1, span: 1, line: 1, lines: 10 }, label: "图片新闻：蜂农在合作社蜂场查看蜂箱" },
    ], ["正文。"]);
    const { report } = await layOut(file);
    const cut = report.warnings.filter((w) => w.code === "overset" && w.itemId === "p");
    expect(cut).toHaveLength(1);
    expect(cut[0]!.message).toMatch(/^p: the label does not fit on one line \(99 pt\): “.+” is cut; shorten it or set it smaller$/);
    expect("图片新闻：蜂农在合作社蜂场查看蜂箱".endsWith(/“(.+)”/.exec(cut[0]!.message)![1]!)).toBe(true);
  });
});

describe("a boxed sidebar that overruns", () => {
  it("flags the box once, with the lines and characters all its items lost", async () => {
    const items = ["a.md", "b.md", "c.md"].map((name, k) => {
      fs.writeFileSync(path.join(dir, name), `---\ntitle: 快讯${k + 1}\n---\n${"区县政协组织委员视察。".repeat(12)}\n`);
      return name;
    });
    const file = writeLayout(dir, { columns: 6, lines: 40 }, [
      { type: "sidebar", id: "box", area: { column: 1, span: 2, line: 1, lines: 12 }, title: "区县快递", columns: 1, items },
    ], ["正文。"]);
    const { document, report } = await layOut(file);
    const stories = report.stories.filter((s) => s.id.startsWith("box/"));
    const lines = stories.reduce((n, s) => n + s.overset.lines, 0);
    const chars = stories.reduce((n, s) => n + s.overset.chars, 0);
    expect(stories.filter((s) => s.overset.lines > 0).length).toBeGreaterThan(1); // the overset reaches over two items
    const flags = document.pages[0]!.items.filter((i) => i.kind === "proof-mark" && i.reason === "overset");
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ itemId: "box", label: `溢出 ${lines} 行 ${chars} 字` });
  });
});
