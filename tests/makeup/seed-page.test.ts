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

  it("warns only that the kai role falls back to song: copyfit leaves no 段末孤行", () => {
    expect(report.warnings.map((w) => w.code)).toEqual(["font-fallback"]);
  });

  it("fills every column of every body story and box item to its foot, as printed (copyfit)", () => {
    const of = (id: string) => report.stories.find((s) => s.id === id)!;
    expect(["lead", "rongchang", "jiangbei", "express/pengshui"].map((id) => [id, of(id).linesPerColumn, of(id).underset, of(id).overset])).toEqual([
      ["lead", [40, 40, 40], { lines: 0 }, { lines: 0, chars: 0 }],
      ["rongchang", [19, 19, 19], { lines: 0 }, { lines: 0, chars: 0 }],
      ["jiangbei", [36, 36], { lines: 0 }, { lines: 0, chars: 0 }],
      ["express/pengshui", [26, 26], { lines: 0 }, { lines: 0, chars: 0 }],
    ]);
    // Body lines as printed: lead 118 (its credit takes 2 more), 荣昌 54 + byline, 江北 71 + byline.
    const body = (id: string) => of(id).paragraphs.reduce((n, p) => n + p.lines.length, 0);
    expect(["lead", "jiangbei", "express/kaizhou"].map(body)).toEqual([118, 71, 13]);
    // 荣昌 is two lines short of its 57: two paragraphs in different columns set a line longer.
    expect(of("rongchang").copyfit).toEqual({
      on: true,
      before: { overset: 0, underset: 2, widows: 0 },
      paragraphs: [
        { paragraph: 3, lines: 1, emPerGap: 0.079 },
        { paragraph: 6, lines: 1, emPerGap: 0.105 },
      ],
      left: { overset: { lines: 0, chars: 0 }, underset: { lines: 0 }, widows: 0 },
    });
    // The box as printed: 2 × 26 lines under its 3-line title bar, 开州 13, 奉节 11 (its credit on
    // a line of its own), 巫山 7 and 彭水 12. As written the box is a line over (巫山's last line
    // is full, its credit takes a line of its own): 巫山 is tightened in its 7 lines so that its
    // credit runs in after the last (缩 −1: the copy takes a line less).
    const express = report.stories.filter((s) => s.id.startsWith("express/"));
    expect(express.map((s) => s.paragraphs.reduce((n, p) => n + p.lines.length, 0))).toEqual([13, 11, 7, 12]);
    expect(express.map((s) => s.copyfit!.paragraphs)).toEqual([[], [], [{ paragraph: 0, lines: -1, emPerGap: -0.033 }], []]);
    expect(of("express/wushan").paragraphs[0]!.lines.at(-1)).toBe("源循环利用发挥积极作用。");
    expect(express.map((s) => [s.copyfit!.left, s.copyfit!.editor])).toEqual(express.map(() => [{ overset: { lines: 0, chars: 0 }, underset: { lines: 0 }, widows: 0 }, undefined]));
    for (const s of report.stories.filter((s) => s.id !== "express/pengshui")) expect(s.copyfit!.left, s.id).toEqual({ overset: { lines: 0, chars: 0 }, underset: { lines: 0 }, widows: 0 });
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
