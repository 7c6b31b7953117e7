/**
 * 图文互斥: a photo or box placed over a story's columns takes the grid lines it covers (and its
 * clearance) out of the story's flow; the text runs on above, below and beside it on the grid.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DisplayItem, GlyphRun } from "../../src/display/types.js";
import { textBox } from "../../src/makeup/collisions.js";
import { FontStore } from "../../src/fonts/store.js";
import { layOut } from "../../src/pipeline/render.js";
import { previewWork, stateJson } from "../../src/serve/live.js";
import { root, seedStories } from "../typeset/setup.js";
import { writeLayout } from "./fixture.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-runaround-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PHOTO = path.join(root, "samples/quxian/photo.jpg");
const MM = 72 / 25.4;
/** The fixture's grid: type area 30 mm from the top and 25 mm from the left, 11 em columns with 1 em gutters of 9 pt, 13.5 pt lines. */
const TOP = 30 * MM;
const LEFT = 25 * MM;
const PITCH = 13.5;
/** A 9 pt body line's baseline in its grid line: half the leading (2.25 pt) and 0.88 em below the line's top. */
const BASELINE = 2.25 + 0.88 * 9;
/** Left edges of the three 23 em text columns of a six-column story. */
const COLUMN_X = [0, 1, 2].map((k) => LEFT + k * (207 + 9));

const lead = seedStories().find((s) => s.id === "lead")!.paragraphs!;
/** Enough copy to fill every column (the tail is overset). */
const LONG = [...lead, ...lead, ...lead, ...lead];

/** A three-column story over the whole six-column grid (headline 4 lines) with `over` on top of it. */
async function page(over: Record<string, unknown>[], o: { lines?: number; paragraphs?: string[]; story?: Record<string, unknown> } = {}) {
  const lines = o.lines ?? 40;
  const file = writeLayout(
    dir,
    { columns: 6, lines },
    [{ type: "story", id: "s", copy: "copy.md", area: { column: 1, span: 6, line: 1, lines }, columns: 3, measure: "23em", headline: { lines: 4 }, ...o.story }, ...over],
    o.paragraphs ?? LONG,
  );
  return layOut(file);
}

const photo = (more: Record<string, unknown> = {}) => ({ type: "photo", id: "mug", image: PHOTO, area: { column: 3, span: 2, line: 12, lines: 14 }, fit: "fill", ...more });

/** The story's body lines per text column: the grid line (from 0) each stands on, checked to sit exactly on it. */
function gridLines(items: DisplayItem[]): number[][] {
  const runs = items.filter((i): i is GlyphRun => i.kind === "glyphs" && i.itemId === "s" && i.role === "body");
  return COLUMN_X.map((x) => {
    const ys = [...new Set(runs.filter((r) => Math.abs(r.x - x) < 20).map((r) => r.y))].sort((a, b) => a - b);
    return ys.map((y) => {
      const line = (y - TOP - BASELINE) / PITCH;
      expect(Math.abs(line - Math.round(line))).toBeLessThan(1e-9);
      return Math.round(line);
    });
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("图文互斥: a photo in a story's columns", () => {
  it("a photo in the middle column of a 3-column story: text above, below and beside it, on the grid, lines aligned across columns", async () => {
    const { document, report } = await page([photo({ runaround: "2mm" })]);
    const [left, middle, right] = gridLines(document.pages[0]!.items);
    // Under the 4-line headline the columns run from grid line 4 to 39. The photo stands on
    // lines 11–24; its 2 mm (5.67 pt) clearance takes line 10 above it (whose em box would be
    // 2.25 pt off) and line 25 below it.
    expect(left).toEqual(range(4, 40));
    expect(right).toEqual(range(4, 40));
    expect(middle).toEqual([...range(4, 10), ...range(26, 40)]);
    // The first line below the photo has its baseline exactly where the lines beside it have theirs.
    const runs = document.pages[0]!.items.filter((i): i is GlyphRun => i.kind === "glyphs" && i.itemId === "s");
    const at = (x: number, line: number) => runs.find((r) => Math.abs(r.x - x) < 20 && Math.abs(r.y - (TOP + line * PITCH + BASELINE)) < 1e-9);
    expect(at(COLUMN_X[1]!, 26)!.y).toBe(at(COLUMN_X[0]!, 26)!.y);
    expect(at(COLUMN_X[1]!, 26)!.y).toBeCloseTo(TOP + 26 * PITCH + BASELINE, 9);

    const s = report.stories.find((r) => r.id === "s")!;
    // The middle column is two frames (segments), flowed top to bottom before the third column.
    expect(s.frames.map((f) => [f.column, f.lines])).toEqual([[1, 36], [2, 6], [2, 14], [3, 36]]);
    expect(s.frames[2]!.y).toBeCloseTo(TOP + 26 * PITCH, 9);
    expect(s.runaround).toEqual({ items: [{ id: "mug", columns: [2], lines: 16 }], skipped: [], lost: 16 });
    // Deliberate: no overlap warning, and no text under or near the photo.
    expect(report.warnings.filter((w) => w.code === "overlap" || w.code === "collision")).toEqual([]);
  }, 60_000);

  it("text flows around the photo in reading order: the middle column's top, then below the photo, then the third column", async () => {
    const { report } = await page([photo()]);
    const s = report.stories.find((r) => r.id === "s")!;
    const lines = s.paragraphs.flatMap((p) => p.lines);
    const used = s.linesPerColumn;
    // The segment below the photo starts with the line after the one that ends the segment above it.
    expect(used).toEqual([36, 7, 15, 36]);
    expect(s.runaround!.lost).toBe(14);
    expect(lines.length).toBeGreaterThan(used.reduce((a, b) => a + b, 0));
  }, 60_000);

  it("clearance honoured: each line's em box keeps the runaround from the photo, and lines are taken only where it must", async () => {
    const cases: [string | undefined, number, number][] = [
      ["0mm", 0, 14], // only the photo's own lines: the lines above and below keep 2.25 pt
      [undefined, 2, 14], // the house style's 2 pt
      ["2mm", 2 * MM, 16], // 5.67 pt: one line more above and below
      ["3mm", 3 * MM, 16], // 8.5 pt: the line 2 lines off keeps 15.75 pt; the 9 pt gutters keep the columns beside
      ["1line", 13.5, 48], // 13.5 pt reaches over the gutters: the same 16 lines of all three columns
    ];
    for (const [runaround, clearance, lost] of cases) {
      const { document, report } = await page([photo(runaround === undefined ? {} : { runaround })]);
      const s = report.stories.find((r) => r.id === "s")!;
      expect([runaround, s.runaround!.lost]).toEqual([runaround, lost]);
      const image = document.pages[0]!.items.find((i) => i.kind === "image")!;
      let closest = Infinity;
      for (const item of document.pages[0]!.items) {
        if (item.kind !== "glyphs" || item.itemId !== "s" || item.role !== "body") continue;
        const box = textBox(item)!;
        closest = Math.min(closest, Math.max(image.x - box.x1, box.x0 - (image.x + image.width), image.y - box.y1, box.y0 - (image.y + image.height)));
      }
      expect(closest).toBeGreaterThanOrEqual(clearance - 1e-6);
      // No more is taken than the clearance needs: the nearest line is less than a line further off.
      expect(closest).toBeLessThan(Math.max(clearance, 2.25) + PITCH);
    }
  }, 120_000);

  it("a column partly covered loses those lines; a clearance reaching over the gutter cuts the next column too", async () => {
    // One grid column (column 3) is the left half of the middle text column.
    const half = await page([photo({ area: { column: 3, span: 1, line: 12, lines: 14 }, runaround: "0mm" })]);
    expect(half.report.stories[0]!.runaround!.items).toEqual([{ id: "mug", columns: [2], lines: 14 }]);
    // 4 mm (11.3 pt) reaches over the 9 pt gutter into the first text column.
    const wide = await page([photo({ runaround: "4mm" })]);
    expect(wide.report.stories[0]!.runaround!.items).toEqual([{ id: "mug", columns: [1, 2, 3], lines: 48 }]);
  }, 60_000);

  it("a too-short segment is skipped: one line left above the photo stays empty rather than hold an orphaned line", async () => {
    // The photo from grid line 6 (from 0): its 2 mm clearance takes line 5, leaving line 4 alone.
    const { document, report } = await page([photo({ area: { column: 3, span: 2, line: 7, lines: 10 }, runaround: "2mm" })]);
    const [, middle] = gridLines(document.pages[0]!.items);
    expect(middle).toEqual(range(17, 40));
    const s = report.stories.find((r) => r.id === "s")!;
    expect(s.runaround).toEqual({ items: [{ id: "mug", columns: [2], lines: 12 }], skipped: [{ column: 2, lines: 1 }], lost: 13 });
    expect(s.frames.map((f) => [f.column, f.lines])).toEqual([[1, 36], [2, 23], [3, 36]]);
    // Two lines are enough (the house style's minLines): a photo a line lower leaves them.
    const two = await page([photo({ area: { column: 3, span: 2, line: 8, lines: 10 }, runaround: "2mm" })]);
    expect(gridLines(two.document.pages[0]!.items)[1]).toEqual([4, 5, ...range(18, 40)]);
    expect(two.report.stories[0]!.runaround!.skipped).toEqual([]);
  }, 60_000);

  it("an exclusion with copyfit: the story fills its columns around the photo, no overset, no underset, no 段末孤行", async () => {
    // The lead's natural length at 23 em, then an area one line longer and one line shorter than it.
    const one = (await page([], { paragraphs: lead, lines: 99, story: { columns: 1, area: { column: 1, span: 2, line: 1, lines: 99 }, copyfit: false } })).report.stories[0]!;
    const natural = one.linesPerColumn[0]! + one.overset.lines;
    for (const off of [1, -1]) {
      // Three columns of 46 lines less the photo's lines and its two clearance lines: natural + off.
      const photoLines = 3 * 46 - 2 - (natural + off);
      expect(photoLines).toBeGreaterThan(4);
      expect(photoLines).toBeLessThan(30);
      const { report } = await page([photo({ area: { column: 3, span: 2, line: 12, lines: photoLines }, runaround: "2mm" })], { paragraphs: lead, lines: 50 });
      const s = report.stories.find((r) => r.id === "s")!;
      expect(s.runaround!.lost).toBe(photoLines + 2);
      expect(s.copyfit!.before).toEqual({ overset: off > 0 ? 0 : 1, underset: off > 0 ? 1 : 0, widows: expect.any(Number) });
      expect([s.overset, s.underset, s.copyfit!.left.widows]).toEqual([{ lines: 0, chars: 0 }, { lines: 0 }, 0]);
      expect(s.copyfit!.paragraphs.reduce((n, p) => n + p.lines, 0)).toBe(off);
      expect(report.warnings.filter((w) => w.code === "widow" || w.code === "collision")).toEqual([]);
    }
  }, 120_000);

  it("runaround false prints the photo over the text on purpose: no cut, no collision, no overlap warning", async () => {
    const { document, report } = await page([photo({ runaround: false })]);
    expect(gridLines(document.pages[0]!.items)[1]).toEqual(range(4, 40));
    const s = report.stories.find((r) => r.id === "s")!;
    expect(s.runaround).toBeUndefined();
    expect(report.warnings.filter((w) => ["overlap", "collision"].includes(w.code))).toEqual([]);
    // The photo is drawn over the text (after it in painting order is the layout's order).
    const items = document.pages[0]!.items;
    expect(items.findIndex((i) => i.kind === "image")).toBeGreaterThan(items.findIndex((i) => i.kind === "glyphs" && i.itemId === "s" && i.role === "body"));
  }, 60_000);

  it("a box over a story: its text runs around the box's frame", async () => {
    const box = { type: "sidebar", id: "box", title: "区县快递", area: { column: 5, span: 2, line: 20, lines: 12 }, items: ["copy.md"], border: "flower", titleBar: "red" };
    const { report } = await page([box]);
    const s = report.stories.find((r) => r.id === "s")!;
    expect(s.runaround).toEqual({ items: [{ id: "box", columns: [3], lines: 12 }], skipped: [], lost: 12 });
    expect(report.warnings.filter((w) => ["overlap", "collision"].includes(w.code))).toEqual([]);
  }, 60_000);

  it("a 段末孤行 at the head of a segment is warned and named by its segment", async () => {
    const { report } = await page([photo({ runaround: "2mm" })], { story: { copyfit: false } });
    for (const w of report.warnings.filter((x) => x.code === "widow")) expect(w.message).toMatch(/^s: column \d( \(below mug\))? begins with the last line/);
  }, 60_000);
  it("vertical text (竖排): the photo takes the vertical lines it covers from the tier, and the text goes on to its left", async () => {
    // One tier over four grid columns (423 pt: 31 vertical lines of 13.5 pt, right to left); the
    // photo over grid columns 2–3 (108–315 pt from the area's left) with the house's 2 pt takes
    // vertical lines 9–24 (from the right; their em boxes come within 2 pt), leaving 8 lines
    // right of it and 7 to its left.
    const file = writeLayout(
      dir,
      { columns: 6, lines: 40 },
      [
        { type: "story", id: "s", copy: "copy.md", direction: "vertical", area: { column: 1, span: 4, line: 1, lines: 30 }, columns: 1, headline: { lines: 4 } },
        photo({ area: { column: 2, span: 2, line: 10, lines: 12 } }),
      ],
      LONG,
    );
    const { document, report } = await layOut(file);
    const s = report.stories.find((r) => r.id === "s")!;
    expect(s.runaround).toEqual({ items: [{ id: "mug", columns: [1], lines: 16 }], skipped: [], lost: 16 });
    expect(s.frames.map((f) => [f.column, f.lines])).toEqual([[1, 8], [1, 7]]);
    // The segment left of the photo: the tier's last 7 lines (the 4.5 pt the 31 lines leave is at the area's left).
    expect(s.frames[1]!.x).toBeCloseTo(LEFT + 423 - 31 * PITCH, 9);
    expect(s.frames[1]!.width).toBeCloseTo(7 * PITCH, 9);
    const image = document.pages[0]!.items.find((i) => i.kind === "image")!;
    const runs = document.pages[0]!.items.filter((i): i is GlyphRun => i.kind === "glyphs" && i.itemId === "s" && i.role === "body");
    expect(runs.some((r) => r.x < image.x)).toBe(true);
    expect(runs.some((r) => r.x > image.x + image.width)).toBe(true);
    expect(report.warnings.filter((w) => ["overlap", "collision"].includes(w.code))).toEqual([]);
  }, 60_000);
  it("the preview (serve) outlines the story's segments and says what cuts its columns", async () => {
    const file = writeLayout(
      dir,
      { columns: 6, lines: 40 },
      [{ type: "story", id: "s", copy: "copy.md", area: { column: 1, span: 6, line: 1, lines: 40 }, columns: 3, measure: "23em", headline: { lines: 4 } }, photo({ runaround: "2mm" })],
      LONG,
    );
    const outcome = await previewWork(file, dir, new FontStore());
    const state = stateJson({ ok: true, version: 1, changed: [], ms: 0, at: "", diff: [], first: true, outcome }, dir) as {
      stories: { id: string; frames: { column?: number; y: number; lines: number }[]; runaround?: unknown }[];
      pages: { svg: string }[];
    };
    const s = state.stories.find((x) => x.id === "s")!;
    // The frames the page outlines: the middle column as two, above and below the photo.
    expect(s.frames.map((f) => [f.column, f.lines])).toEqual([[1, 36], [2, 6], [2, 14], [3, 36]]);
    expect(s.runaround).toEqual({ items: [{ id: "mug", columns: [2], lines: 16 }], skipped: [], lost: 16 });
    // The page's SVG draws the photo, and no text line of the story inside its rectangle.
    const svg = outcome.value.pages[0]!.svg;
    expect(svg).toContain("<image");
  }, 60_000);
  it("the paper's house style sets the default clearance and the shortest segment (houseStyle.runaround)", async () => {
    const items = [
      { type: "story", id: "s", copy: "copy.md", area: { column: 1, span: 6, line: 1, lines: 40 }, columns: 3, measure: "23em", headline: { lines: 4 } },
      photo({ area: { column: 3, span: 2, line: 8, lines: 10 } }),
    ];
    const file = writeLayout(dir, { columns: 6, lines: 40 }, items, LONG);
    const layout = JSON.parse(fs.readFileSync(file, "utf8"));
    layout.houseStyle = { runaround: { clearance: "2mm", minLines: 3 } };
    fs.writeFileSync(file, JSON.stringify(layout));
    const { report } = await layOut(file);
    // 2 mm takes line 6 above the photo (lines 7–16) and 17 below; the 2 lines left above (4, 5) are fewer than 3.
    expect(report.stories.find((r) => r.id === "s")!.runaround).toEqual({ items: [{ id: "mug", columns: [2], lines: 12 }], skipped: [{ column: 2, lines: 2 }], lost: 14 });
  }, 60_000);
});
