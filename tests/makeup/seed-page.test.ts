/**
 * The seed page (layouts/quxian.json): what the layout report says, what the display list
 * holds, and that the grid holds across columns.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dumpDocument } from "../../src/display/dump.js";
import type { DisplayDocument, GlyphRun } from "../../src/display/types.js";
import type { LayoutReport } from "../../src/makeup/report.js";
import { layOut } from "../../src/pipeline/render.js";
import { root, seedStories } from "../typeset/setup.js";
import { writeLayout } from "./fixture.js";

let doc: DisplayDocument;
let report: LayoutReport;

beforeAll(async () => {
  ({ document: doc, report } = await layOut(path.join(root, "layouts/quxian.json")));
});

describe("the seed page's layout report", () => {
  it("shows no overset on any story, caption or sidebar item", () => {
    expect(report.stories.map((s) => [s.id, s.overset])).toEqual(report.stories.map((s) => [s.id, { lines: 0, chars: 0 }]));
  });

  it("holds every paragraph of the seed copy once, complete, with its lines", () => {
    const reported = report.stories.flatMap((s) => s.paragraphs);
    for (const story of seedStories()) {
      for (const text of story.paragraphs ?? []) {
        const found = reported.filter((p) => p.text === text);
        expect(found, `${story.id}: ${text.slice(0, 20)}…`).toHaveLength(1);
        const joined = found[0]!.lines.join("");
        // The dateline gap (本报讯 + one em) is set as U+3000 in place of the typed space.
        expect(joined.replace("\u3000", " ")).toBe(text);
      }
    }
    const seedCount = seedStories().reduce((k, s) => k + (s.paragraphs?.length ?? 0), 0);
    expect(reported).toHaveLength(seedCount);
  });

  it("sets every story in the measure the seed gives", () => {
    const measures = Object.fromEntries(report.stories.map((s) => [s.id.replace(/^express\//, ""), s.measure]));
    for (const story of seedStories()) {
      if (story.measureEm) expect(measures[story.id], story.id).toBe(story.measureEm);
    }
  });

  it("warns that the kai role falls back to song, of the seed copy's three 段末孤行, and of nothing else", () => {
    expect(report.warnings.map((w) => w.code).sort()).toEqual(["font-fallback", "widow", "widow", "widow"]);
    expect(report.warnings.filter((w) => w.code === "widow").map((w) => w.message)).toEqual([
      "lead: column 3 begins with the last line of paragraph 7 (段末孤行: “量发展，为现代化新重庆建设作出新的更大贡献。”); cut or add a line of copy",
      "jiangbei: column 2 begins with the last line of paragraph 5 (段末孤行: “护航发展。”); cut or add a line of copy",
      "express/fengjie: column 2 begins with the last line of paragraph 2 (段末孤行: “题用法、化解矛盾靠法的浓厚氛围。”); cut or add a line of copy",
    ]);
  });
});

describe("the seed page's display list", () => {
  it("matches the text dump snapshot", async () => {
    await expect(dumpDocument(doc)).toMatchFileSnapshot("__snapshots__/quxian.dump.txt");
  });

  it("sets body lines of neighbouring columns on shared baselines (the grid)", () => {
    const page = doc.pages[0]!;
    const grid = { top: 30 * (72 / 25.4), pitch: 13.5 };
    const bodyRuns = page.items.filter((i): i is GlyphRun => i.kind === "glyphs" && i.role === "body");
    expect(bodyRuns.length).toBeGreaterThan(280);
    // Every body baseline is a whole number of line pitches from the first grid line's baseline.
    const first = grid.top + (grid.pitch - 9) / 2 + 0.88 * 9;
    for (const run of bodyRuns) {
      const k = (run.y - first) / grid.pitch;
      expect(Math.abs(k - Math.round(k)), `${run.itemId} at y ${run.y}`).toBeLessThan(1e-6);
    }
    // The lead's three columns and the 江北 story beside them share baselines line for line.
    const ys = (id: string, x0: number, x1: number) =>
      new Set(bodyRuns.filter((r) => r.itemId === id && r.x >= x0 && r.x < x1).map((r) => r.y.toFixed(6)));
    const lead = [...ys("lead", 0, 1105)];
    const jiangbei = ys("jiangbei", 0, 1105);
    const shared = lead.filter((y) => jiangbei.has(y));
    expect(shared.length).toBeGreaterThan(30);
  });
});

describe("overset", () => {
  it("a story given too much copy reports exactly the lines and characters that did not fit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-overset-"));
    // 20 paragraphs of 100 ideographs in an 11-em column of 10 lines: 2 em indent → lines of
    // 9 then 11 × 8 then 3 → 10 lines per paragraph; only the first 10 lines fit.
    const file = writeLayout(
      dir,
      { trim: "四开", columns: 2, lines: 12 },
      [{ type: "story", id: "long", copy: "copy.md", area: { column: 1, span: 1, line: 1, lines: 12 }, headline: { lines: 2 } }],
      Array(20).fill("中".repeat(100)),
    );
    const { report: r } = await layOut(file);
    const story = r.stories.find((s) => s.id === "long")!;
    expect(story.linesPerColumn).toEqual([10]);
    expect(story.overset).toEqual({ lines: 19 * 10, chars: 19 * 100 });
    expect(story.paragraphs[0]!.lines).toEqual(["中".repeat(9), ...Array(8).fill("中".repeat(11)), "中".repeat(3)]);
    expect(r.warnings.some((w) => w.code === "overset" && w.itemId === "long")).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
