import { describe, expect, it } from "vitest";
import type { DisplayPage, GlyphRun, ProofMark } from "../../src/display/types.js";
import { cmykToCss } from "../../src/preview/colour.js";
import { pageSvg } from "../../src/preview/svg.js";
import { pathsToSvg } from "../../src/preview/vector-svg.js";
import { Drawing } from "../../src/render/vector.js";
import { markFace, shapeLine } from "../../src/render/fonts.js";
import { FontStore } from "../../src/fonts/store.js";

const fonts = new FontStore();

const BLACK = { c: 0, m: 0, y: 0, k: 100 };
const RED = { c: 0, m: 100, y: 100, k: 0 };

function run(text: string, x: number, y: number, size = 10): GlyphRun {
  return { ...shapeLine(fonts, markFace(), size, text, x, y, BLACK), itemId: "lead" };
}

const mark: ProofMark = { kind: "proof-mark", reason: "overset", x: 10, y: 40, width: 100, height: 20, label: "溢出 3 行", itemId: "lead" };

function page(items: DisplayPage["items"]): DisplayPage {
  return { number: 4, name: "区县", trimWidth: 200, trimHeight: 100, bleed: 8.5, items };
}

describe("display list → SVG", () => {
  it("sizes the SVG in unitless pixels for the dpi, viewBox in pt", () => {
    const svg = pageSvg(page([]), { dpi: 144, mode: "proof", photos: new Map(), fonts });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="200" viewBox="0 0 200 100">/);
  });

  it("defines each glyph outline once and places it with <use>", () => {
    const svg = pageSvg(page([run("政协政协", 10, 20), run("政协", 10, 40)]), { dpi: 72, mode: "proof", photos: new Map(), fonts });
    const defs = svg.match(/<path id="f\d+g\d+"/g) ?? [];
    const uses = svg.match(/<use href="#f\d+g\d+"/g) ?? [];
    expect(defs).toHaveLength(2);
    expect(uses).toHaveLength(6);
    expect(svg).toContain('data-item="lead"');
    expect(svg).toContain('transform="translate(10 20) scale(10)"');
  });

  it("draws proof marks only in proof mode", () => {
    const proof = pageSvg(page([mark]), { dpi: 72, mode: "proof", photos: new Map(), fonts });
    const print = pageSvg(page([mark]), { dpi: 72, mode: "print", photos: new Map(), fonts });
    expect(proof).toContain('stroke="#db141f"');
    expect(print).not.toContain("#db141f");
  });

  it("replays rules, dashes and fills from the PDF drawing code", () => {
    const svg = pageSvg(
      page([
        { kind: "rule", x1: 0, y1: 50, x2: 200, y2: 50, weight: 1, style: "dashed", color: RED },
        { kind: "rect", x: 5, y: 5, width: 10, height: 10, fill: BLACK },
        { kind: "border", x: 20, y: 20, width: 60, height: 60, style: "flower", weight: 6, color: RED },
      ]),
      { dpi: 72, mode: "print", photos: new Map(), fonts },
    );
    expect(svg).toMatch(/<path d="M0 50L200 50" fill="none" stroke="#ff0000" stroke-width="1" stroke-dasharray="3 2"\/>/);
    expect(svg).toContain('<path d="M5 5h10v10h-10Z" fill="#000000"/>');
    expect(svg).toMatch(/fill="#ff0000"/); // flower motifs filled in the border colour
  });

  it("turns CMYK into screen colours naively", () => {
    expect(cmykToCss(BLACK)).toBe("#000000");
    expect(cmykToCss({ c: 0, m: 0, y: 0, k: 0 })).toBe("#ffffff");
    expect(cmykToCss({ c: 100, m: 0, y: 0, k: 0 })).toBe("#00ffff");
    expect(cmykToCss({ c: 0, m: 0, y: 0, k: 50 })).toBe("#808080");
  });

  it("keeps q/Q state apart and understands curves and RGB", () => {
    const d = new Drawing().save().fillRgb({ r: 1, g: 0, b: 0 }).moveTo(0, 0).curveTo(1, 1, 2, 2, 3, 3).closePath().fill().restore();
    const svg = pathsToSvg(d.moveTo(0, 0).lineTo(5, 5).stroke().ops);
    expect(svg).toBe('<path d="M0 0C1 1 2 2 3 3Z" fill="#ff0000"/><path d="M0 0L5 5" fill="none" stroke="#000000" stroke-width="1"/>');
  });

  it("draws a placed form out at its placement, in the colour in force there", () => {
    const d = new Drawing();
    const dot = d.form("PbDot", [-1, -1, 1, 1], (f) => f.moveTo(-1, 0).lineTo(1, 0).lineTo(0, 1).closePath().fill());
    d.fillCmyk({ c: 0, m: 100, y: 100, k: 0 }).place(dot, 10, 20).place(dot, 30.00004, 40);
    expect(pathsToSvg(d.ops)).toBe('<path d="M9 20L11 20L10 21Z" fill="#ff0000"/><path d="M29 40L31 40L30 41Z" fill="#ff0000"/>');
    expect(d.form("PbDot", [0, 0, 0, 0], () => {})).toBe(dot); // one drawing per name
  });
});
