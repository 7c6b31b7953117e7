/**
 * Make-up checks its own geometry (src/makeup/collisions.ts): text clear of a box's frame and
 * of photos, rules clear of photos, everything inside its item's frame, by the house clearances.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { BorderItem, GlyphRun, ImageItem, RuleItem } from "../../src/display/types.js";
import { HOUSE_STYLE } from "../../src/layout/styles.js";
import { collisions, outsideFrame } from "../../src/makeup/collisions.js";
import { footLines } from "../../src/makeup/sidebar.js";
import { layOut } from "../../src/pipeline/render.js";
import { root } from "../typeset/setup.js";

const K = { c: 0, m: 0, y: 0, k: 100 };
const RED = { c: 0, m: 100, y: 100, k: 10 };
const face = { file: "x.ttf", postscriptName: "X" };
const line = (text: string, x: number, baseline: number, size = 9, itemId = "box/a"): GlyphRun => ({
  kind: "glyphs", face, size, x, y: baseline, color: K, itemId, role: "body",
  glyphs: [...text].map((ch, i) => ({ id: 1, x: i * size, y: 0, advance: size, text: ch })),
});
const photo: ImageItem = { kind: "image", x: 0, y: 0, width: 600, height: 675, src: "/p.jpg", fit: "fill", focus: { x: 0.5, y: 0.5 }, itemId: "photo" };
const box: BorderItem = { kind: "border", x: 0, y: 0, width: 200, height: 405, style: "flower", weight: 3, color: RED, itemId: "express" };

describe("collisions: text never touches a box's frame or a photo; rules never cross photos", () => {
  it("the 区县快递 case: a last line whose baseline sits 0.45 pt above the 花边's inner edge", () => {
    // Inner edge of the 3 pt band at 402; baseline 0.45 pt above it, so the em box's foot (1.08 pt under the baseline) is on the band.
    const found = collisions([box, line("积极营造办事依法", 10, 401.55)], HOUSE_STYLE, 4);
    expect(found.map((w) => w.message)).toEqual([
      "page 4: box/a: body “积极营造办事依法” comes within 1.5 pt of the frame of express (its glyphs would print on the border)",
    ]);
    expect(found[0]!.code).toBe("collision");
  });

  it("a line whose em box keeps the house clearance from the band is no collision", () => {
    // Em box foot at 402 − 1.5: exactly the clearance.
    expect(collisions([box, line("积极营造办事依法", 10, 400.5 - 1.08)], HOUSE_STYLE, 4)).toEqual([]);
  });

  it("the edition's case: a 0.75 pt rule lying 2.25 pt above the photo's foot", () => {
    const rule: RuleItem = { kind: "rule", x1: 0, y1: 672.75, x2: 600, y2: 672.75, weight: 0.75, style: "solid", color: K, itemId: "rule-8" };
    expect(collisions([photo, rule], HOUSE_STYLE, 10).map((w) => w.message)).toEqual(["page 10: rule-8: rule (0.75 pt) runs 2.63 pt inside the photo photo"]);
    // In the empty grid line under the photo (as make-edition.mjs now lays it out): clear.
    expect(collisions([photo, { ...rule, y1: 675 + 11.25, y2: 675 + 11.25 }], HOUSE_STYLE, 10)).toEqual([]);
  });

  it("text over or beside a photo closer than the clearance", () => {
    expect(collisions([photo, line("图片说明", 601, 20, 9, "photo")], HOUSE_STYLE, 1).map((w) => w.message)).toEqual([
      "page 1: photo: body “图片说明” comes within 2 pt of the photo photo",
    ]);
    expect(collisions([photo, line("图片说明", 609, 20, 9, "photo")], HOUSE_STYLE, 1)).toEqual([]);
  });

  it("a squeezed opening mark's blank half before the line is no ink outside the frame", () => {
    const run = line("“区县”", 0, 20);
    run.glyphs[0]!.x = -4.5;
    const frame = { x: 0, y: 0, width: 36, height: 27 };
    expect(outsideFrame("lead", [run], frame, 1)).toEqual([]);
    expect(outsideFrame("lead", [line("区县快递新闻", 0, 20)], frame, 1).map((w) => w.message)).toEqual([
      "page 1: box/a: body “区县快递新闻” reaches 18 pt outside the frame of lead",
    ]);
  });

  it("a box keeps empty grid lines at its foot for the band and the clearance (footLines)", () => {
    expect(footLines(3, 1.5, 13.5, 9)).toBe(1); // 花边: 3 + 1.5 > 2.25
    expect(footLines(0.5, 1.5, 13.5, 9)).toBe(0); // a plain 0.5 pt frame: 0.5 + 1.5 < 2.25
  });
});

describe("the sample page and the 16-page edition have no collisions", () => {
  it.each(["layouts/quxian.json", "layouts/edition-16.json"])("%s", async (layout) => {
    const { report } = await layOut(path.join(root, layout));
    expect(report.warnings.filter((w) => w.code === "collision").map((w) => w.message)).toEqual([]);
  }, 120_000);
});

