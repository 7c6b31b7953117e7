/**
 * Copyfit (撑行/缩行): a story set a line or three looser or a line tighter so that it ends at
 * its columns' foot, 段末孤行 repaired the same way, and exactly what to cut when it cannot.
 * The copy is the seed's (江北 at 16.5 em, the lead at 23 em); each case first sets the copy
 * without copyfit to know its natural length, then gives it an area that length ± n.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { makeupPage } from "../../src/makeup/page.js";
import type { StoryReport } from "../../src/makeup/report.js";
import { loadLayout } from "../../src/pipeline/load.js";
import { STYLES } from "../../src/typeset/styles.js";
import { layOut } from "../../src/pipeline/render.js";
import { root, seedStories } from "../typeset/setup.js";
import { writeLayout } from "./fixture.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-copyfit-"));
const store = new FontStore();
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const seed = (id: string) => seedStories().find((s) => s.id === id)!.paragraphs!;
const jiangbei = seed("jiangbei");
const lead = seed("lead");

/** Set `paragraphs` as one story of `columns` text columns of `lines` grid lines each. */
async function set(paragraphs: string[], o: { lines: number; columns?: number; measure?: string; copyfit?: boolean }) {
  const columns = o.columns ?? 1;
  const measure = o.measure ?? "16.5em";
  const span = measure === "23em" ? 3 * columns : 2 * columns;
  const file = writeLayout(
    dir,
    { columns: 6, lines: 100 },
    [{ type: "story", id: "s", copy: "copy.md", area: { column: 1, span, line: 1, lines: o.lines + 3 }, columns, measure, headline: { lines: 3 }, ...(o.copyfit === false ? { copyfit: false } : {}) }],
    paragraphs,
  );
  const { report } = await layOut(file);
  return { story: report.stories[0]!, warnings: report.warnings };
}

/** Lines the copy takes as written (one tall column, no copyfit). */
async function natural(paragraphs: string[], measure = "16.5em"): Promise<number> {
  const { story } = await set(paragraphs, { lines: 95, measure, copyfit: false });
  return story.linesPerColumn[0]!;
}

const full = (s: StoryReport) => [s.overset, s.underset, s.copyfit!.left.widows];
const FULL = [{ lines: 0, chars: 0 }, { lines: 0 }, 0];

describe("copyfit (撑行/缩行)", () => {
  it("loosen 1: a story a line short of its column's foot is set with one paragraph a line longer", async () => {
    const paragraphs = jiangbei.slice(0, 4);
    const n = await natural(paragraphs);
    const { story } = await set(paragraphs, { lines: n + 1 });
    expect(full(story)).toEqual(FULL);
    expect(story.linesPerColumn).toEqual([n + 1]);
    expect(story.copyfit!.before).toEqual({ overset: 0, underset: 1, widows: 0 });
    expect(story.copyfit!.paragraphs).toHaveLength(1);
    const [p] = story.copyfit!.paragraphs;
    expect(p!.lines).toBe(1);
    // Within the house style's limit (⅛ em per gap), and its lines still justify to the measure.
    expect(p!.emPerGap).toBeGreaterThan(0);
    expect(p!.emPerGap).toBeLessThanOrEqual(0.125);
    expect(story.paragraphs[p!.paragraph]!.lines.join("")).toBe(paragraphs[p!.paragraph]);
  });

  it("loosen 3: three lines short at 23 em, three paragraphs a line longer each, spread over both columns", async () => {
    const paragraphs = lead.slice(0, 7);
    const n = await natural(paragraphs, "23em");
    expect(n % 2).toBe(1);
    const lines = (n + 3) / 2;
    const { story } = await set(paragraphs, { lines, columns: 2, measure: "23em" });
    expect(full(story)).toEqual(FULL);
    expect(story.linesPerColumn).toEqual([lines, lines]);
    expect(story.copyfit!.paragraphs.map((p) => p.lines)).toEqual([1, 1, 1]);
    for (const p of story.copyfit!.paragraphs) expect(p.emPerGap).toBeLessThanOrEqual(0.125);
    // Not stacked in one column: the loosened paragraphs start in both columns.
    const starts = (k: number) => story.paragraphs.slice(0, k).reduce((a, p) => a + p.lines.length, 0);
    const columnsOf = story.copyfit!.paragraphs.map((p) => (starts(p.paragraph) < lines ? 1 : 2));
    expect(new Set(columnsOf).size).toBe(2);
  });

  it("tighten 1: a line overset at 23 em, one paragraph set a line shorter by 紧排 within the style's limit (0.07 em per gap)", async () => {
    const paragraphs = lead.slice(0, 3);
    const n = await natural(paragraphs, "23em");
    const without = await set(paragraphs, { lines: n - 1, measure: "23em", copyfit: false });
    expect(without.story.overset.lines).toBe(1);
    const { story } = await set(paragraphs, { lines: n - 1, measure: "23em" });
    expect(full(story)).toEqual(FULL);
    expect(story.copyfit!.before.overset).toBe(1);
    expect(story.copyfit!.paragraphs.map((p) => p.lines)).toEqual([-1]);
    expect(story.copyfit!.paragraphs[0]!.emPerGap).toBeLessThanOrEqual(0);
    expect(story.copyfit!.paragraphs[0]!.emPerGap).toBeGreaterThanOrEqual(-STYLES.kaiming.copyfit.tighten);
    expect(STYLES.kaiming.copyfit.tighten).toBe(0.07);
  });

  it("段末孤行 repaired: column 2 no longer begins with a paragraph's last line, and the story fills its columns", async () => {
    const paragraphs = jiangbei.slice(0, 8);
    const n = await natural(paragraphs);
    const lines = (n + 1) / 2;
    const before = await set(paragraphs, { lines, columns: 2, copyfit: false });
    expect(before.warnings.filter((w) => w.code === "widow").map((w) => w.message)).toEqual([
      "s: column 2 begins with the last line of paragraph 4 (段末孤行: “献策。”); cut or add a line of copy",
    ]);
    const { story, warnings } = await set(paragraphs, { lines, columns: 2 });
    expect(warnings.filter((w) => w.code === "widow")).toEqual([]);
    expect(full(story)).toEqual(FULL);
    expect(story.copyfit!.before).toEqual({ overset: 0, underset: 1, widows: 1 });
    // The paragraph loosened is in column 1, before the widow.
    expect(story.copyfit!.paragraphs.every((p) => p.paragraph < 3)).toBe(true);
  });

  it("impossible: far too long, the story is set as well as it can be and says exactly how much to cut", async () => {
    const paragraphs = jiangbei.slice(0, 4);
    const n = await natural(paragraphs);
    const { story } = await set(paragraphs, { lines: n - 6 });
    const cut = story.overset.chars;
    expect(cut).toBeGreaterThan(0);
    expect(story.copyfit!.editor).toBe(`cut ${cut} 字`);
    expect(story.fit!.copyfitCanAbsorb).toBe(false);
    // Cutting exactly that many characters from the end makes it fit.
    const last = [...paragraphs[3]!];
    const shorter = [...paragraphs.slice(0, 3), last.slice(0, last.length - cut).join("")];
    const after = await set(shorter, { lines: n - 6 });
    expect(after.story.overset).toEqual({ lines: 0, chars: 0 });
  });

  it("impossible the other way: far too short, it says how many lines of copy to add", async () => {
    const paragraphs = jiangbei.slice(0, 2);
    const n = await natural(paragraphs);
    const { story } = await set(paragraphs, { lines: n + 10 });
    expect(story.copyfit!.editor).toMatch(/^add \d+ lines? of copy \(about \d+ 字\)$/);
    expect(story.copyfit!.left.underset.lines).toBe(story.underset.lines);
  });

  it('"copyfit": false sets the copy as written: the line short stays short', async () => {
    const paragraphs = jiangbei.slice(0, 4);
    const n = await natural(paragraphs);
    const { story } = await set(paragraphs, { lines: n + 1, copyfit: false });
    expect(story.underset).toEqual({ lines: 1 });
    expect(story.copyfit).toMatchObject({ on: false, paragraphs: [], before: { underset: 1 } });
  });
});

describe("the sample page with a sentence more or less", () => {
  /** The sample's layout and copy in a folder of their own, with `edit` applied to the copy. */
  function edited(edit: (file: string, text: string) => string): string {
    const work = fs.mkdtempSync(path.join(dir, "sample-"));
    fs.mkdirSync(path.join(work, "layouts"));
    fs.cpSync(path.join(root, "samples"), path.join(work, "samples"), { recursive: true });
    fs.copyFileSync(path.join(root, "layouts/quxian.json"), path.join(work, "layouts/quxian.json"));
    for (const f of fs.readdirSync(path.join(work, "samples/quxian")).filter((f) => f.endsWith(".md"))) {
      const p = path.join(work, "samples/quxian", f);
      fs.writeFileSync(p, edit(f, fs.readFileSync(p, "utf8")));
    }
    return path.join(work, "layouts/quxian.json");
  }

  it("a sentence added to 荣昌 and one cut from 江北: every story still has no overset, no empty line, no 段末孤行", async () => {
    const layout = edited((f, text) => {
      if (f === "rongchang.md") return text.replace("要改善邵家坝的人居环境。", "要改善邵家坝的人居环境。委员们还提出，要把小院议事的经验总结好、推广开。");
      if (f === "jiangbei.md") return text.replace("让与会者惊喜连连。", "");
      return text;
    });
    const { report } = await layOut(layout);
    expect(report.warnings.map((w) => w.code)).toEqual(["font-fallback"]);
    for (const s of report.stories.filter((s) => s.kind === "story")) expect(full(s), s.id).toEqual(FULL);
  });
});

describe("the sample page with a line of copy more or less in any story or box item", () => {
  // One line's worth of characters (the measure in ideographs: 23 or 16 at 16.5 em), added before
  // the last 。 of the first paragraph, or cut before the last 。 of the longest.
  const MEASURE: Record<string, number> = { lead: 23, rongchang: 23, jiangbei: 16, kaizhou: 16, fengjie: 16, wushan: 16, pengshui: 16 };
  const WORDS = "委员们表示将继续围绕中心工作建言献策助力高质量发展不断提升履职能力和水平";
  function withEdit(copy: string, change: "add" | "cut"): string {
    const work = fs.mkdtempSync(path.join(dir, "line-"));
    fs.mkdirSync(path.join(work, "layouts"));
    fs.cpSync(path.join(root, "samples"), path.join(work, "samples"), { recursive: true });
    fs.copyFileSync(path.join(root, "layouts/quxian.json"), path.join(work, "layouts/quxian.json"));
    const file = path.join(work, "samples/quxian", `${copy}.md`);
    const [head, body] = fs.readFileSync(file, "utf8").split("\n---\n") as [string, string];
    const paragraphs = body.trim().split("\n\n");
    const n = MEASURE[copy]!;
    if (change === "add") paragraphs[0] = paragraphs[0]!.replace(/。([^。]*)$/u, `，${WORDS.slice(0, n - 1)}。$1`);
    else {
      const k = paragraphs.reduce((best, p, i) => (p.length > paragraphs[best]!.length ? i : best), 0);
      const chars = [...paragraphs[k]!];
      const end = chars.lastIndexOf("。");
      chars.splice(end - n, n);
      paragraphs[k] = chars.join("");
    }
    fs.writeFileSync(file, `${head}\n---\n${paragraphs.join("\n\n")}\n`);
    return path.join(work, "layouts/quxian.json");
  }

  for (const copy of Object.keys(MEASURE)) {
    for (const change of ["add", "cut"] as const) {
      it(`${copy}: a line ${change === "add" ? "added" : "cut"}, and every story and box item is still full: no overset, no empty line, no 段末孤行`, async () => {
        const { report } = await layOut(withEdit(copy, change));
        const texts = report.stories.filter((s) => s.kind !== "caption");
        expect(texts.length).toBe(7);
        for (const s of texts) expect([s.id, ...full(s)]).toEqual([s.id, ...FULL]);
        expect(report.warnings.filter((w) => w.code !== "font-fallback")).toEqual([]);
      });
    }
  }
});

describe("paiban fit", () => {
  it("prints, per story and box item of the sample, exactly the editor's estimate as JSON", () => {
    const r = spawnSync(process.execPath, [path.join(root, "dist/cli/main.js"), "fit", path.join(root, "layouts/quxian.json"), "--json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { stories: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(["stories"]);
    expect(out.stories.map((s) => s.id)).toEqual(["lead", "rongchang", "jiangbei", "express/kaizhou", "express/fengjie", "express/wushan", "express/pengshui"]);
    for (const s of out.stories) {
      expect(Object.keys(s)).toEqual(["id", "capacity", "copy", "difference", "copyfitCanAbsorb"]);
      expect(Object.keys(s.capacity as object)).toEqual(["lines", "chars"]);
      expect(Object.keys(s.copy as object)).toEqual(["chars"]);
      expect(Object.keys(s.difference as object)).toEqual(["chars"]);
      const { capacity, copy, difference } = s as { capacity: { chars: number }; copy: { chars: number }; difference: { chars: number } };
      expect(difference.chars).toBe(copy.chars - capacity.chars);
    }
    expect(out.stories[0]).toEqual({ id: "lead", capacity: { lines: 118, chars: 2682 }, copy: { chars: 2682 }, difference: { chars: 0 }, copyfitCanAbsorb: true });
    // 荣昌 is two lines short: about 44 characters to add, or copyfit's two loosened paragraphs.
    expect(out.stories[1]).toEqual({ id: "rongchang", capacity: { lines: 56, chars: 1224 }, copy: { chars: 1180 }, difference: { chars: -44 }, copyfitCanAbsorb: true });
    // The box as written is a line over (巫山's credit on a line of its own), which falls to 彭水,
    // last: 5 characters to cut, or copyfit's tightening of 巫山 so that its credit runs in.
    expect(out.stories[6]).toEqual({ id: "express/pengshui", capacity: { lines: 11, chars: 175 }, copy: { chars: 180 }, difference: { chars: 5 }, copyfitCanAbsorb: true });
    expect(out.stories.map((s) => s.copyfitCanAbsorb)).toEqual([true, true, true, true, true, true, true]);
  });
});

describe("段首孤行: the house style allows or forbids a paragraph's first line alone at a column foot", () => {
  /**
   * 江北's first nine paragraphs at 23 em in 2 columns of 24 lines: 49 lines as written, one
   * too many. Made up with the house style's copyfit.firstLineAtFoot as given; each column's
   * lines as set.
   */
  async function setWith(firstLineAtFoot: boolean) {
    const file = writeLayout(
      dir,
      { columns: 6, lines: 100 },
      [{ type: "story", id: "s", copy: "copy.md", area: { column: 1, span: 6, line: 1, lines: 27 }, columns: 2, measure: "23em", headline: { lines: 3 } }],
      jiangbei.slice(0, 9),
    );
    const spec = structuredClone((await loadLayout(file, store)).edition.pages[0]!);
    expect(spec.houseStyle.copyfit.firstLineAtFoot).toBe(true); // the default: allowed
    spec.houseStyle.copyfit.firstLineAtFoot = firstLineAtFoot;
    const { report } = makeupPage(makeFontMap({}, store), spec);
    const story = report.stories[0]!;
    const lines = story.paragraphs.flatMap((p) => p.lines);
    const columns = story.linesPerColumn.map((n, c) => lines.slice(c * 24, c * 24 + n));
    return { story, columns, widows: report.warnings.filter((w) => w.code === "widow").map((w) => w.message) };
  }

  it("allowed (the default): paragraph 1 is set a line shorter and paragraph 5's first line ends column 1", async () => {
    const { story, columns, widows } = await setWith(true);
    expect(full(story)).toEqual(FULL);
    expect(widows).toEqual([]);
    expect(story.copyfit!.before).toEqual({ overset: 1, underset: 0, widows: 0 });
    expect(story.copyfit!.paragraphs).toEqual([{ paragraph: 0, lines: -1, emPerGap: -0.045 }]);
    expect(columns.map((c) => c.length)).toEqual([24, 24]);
    expect(columns[0]!.slice(-3)).toEqual(["业专家和政协委员参与线上线下专题协商，为江北区", "数字经济发展建言献策。", "经过深入调研，委员们发现，当前江北区数字产业"]);
    expect(columns[1]!.slice(0, 3)).toEqual(["面临具有江北辨识度的龙头种子企业少、产业发展基", "础不牢等不足，需更多更大的“大数据力量”来护航", "发展。"]);
  });

  it("forbidden: paragraph 5 is set a line shorter instead and begins column 2; no first line alone at a foot", async () => {
    const { story, columns, widows } = await setWith(false);
    expect(full(story)).toEqual(FULL);
    expect(widows).toEqual([]);
    expect(story.copyfit!.paragraphs).toEqual([{ paragraph: 4, lines: -1, emPerGap: -0.023 }]);
    expect(columns.map((c) => c.length)).toEqual([24, 24]);
    expect(columns[0]!.slice(-3)).toEqual(["动“五个先行示范”的重要引擎。该区政协多次组织行", "业专家和政协委员参与线上线下专题协商，为江北区", "数字经济发展建言献策。"]);
    expect(columns[1]!.slice(0, 3)).toEqual([
      "经过深入调研，委员们发现，当前江北区数字产业",
      "面临具有江北辨识度的龙头种子企业少、产业发展基础",
      "不牢等不足，需更多更大的“大数据力量”来护航发展。",
    ]);
    // Paragraph 1 keeps its ten lines as written.
    expect(story.paragraphs[0]!.lines).toHaveLength(10);
  });
});
