import { describe, it, expect } from "vitest";
import { ContentStream, num } from "../../src/render/content.js";
import { drawBorder, drawRule, type Inking } from "../../src/render/vector-pdf.js";
import { showGlyphRun } from "../../src/render/glyphs.js";
import { scanContent, type ScanHost } from "../../src/preflight/content-scan.js";
import type { BorderItem, RuleItem } from "../../src/display/types.js";

const cmykInking: Inking = { fill: (cs, c) => void cs.fillCmyk(c), stroke: (cs, c) => void cs.strokeCmyk(c) };
const BLACK = { c: 0, m: 0, y: 0, k: 100 };

function pointsOf(cs: ContentStream): { x: number; y: number }[] {
  const pts: { x: number; y: number }[] = [];
  const host: ScanHost = {
    colourSpace: (n) => n,
    font: () => null,
    xobject: () => {},
    graphicsState: () => {},
    shading: () => {},
    colourSet: () => {},
    inlineImage: () => {},
    painted: (_c, box) => pts.push({ x: box.x0, y: box.y0 }, { x: box.x1, y: box.y1 }),
  };
  scanContent(new TextEncoder().encode(cs.toString()), host);
  return pts;
}

describe("numbers in content streams", () => {
  it("round to 1/10000 without exponents or negative zero", () => {
    expect(num(1e-9)).toBe("0");
    expect(num(-0.00001)).toBe("0");
    expect(num(12.345678)).toBe("12.3457");
    expect(num(3)).toBe("3");
    expect(num(-2.5)).toBe("-2.5");
    expect(num(123456789.5)).toBe("123456789.5");
  });
});

describe("rules", () => {
  const rule = (style: RuleItem["style"]): RuleItem => ({ kind: "rule", x1: 0, y1: 10, x2: 100, y2: 10, weight: 1.5, style, color: BLACK });
  it("draw each style with its own stroke set-up", () => {
    const ops = (style: RuleItem["style"]) => {
      const cs = new ContentStream();
      drawRule(cs, rule(style), cmykInking);
      return cs.toString();
    };
    expect(ops("solid")).toMatch(/1\.5 w\n0 J\n0 10 m\n100 10 l\nS/);
    expect(ops("double")).toMatch(/0\.5 w[\s\S]*0 10\.5 m\n100 10\.5 l\n0 9\.5 m\n100 9\.5 l\nS/);
    expect(ops("dashed")).toMatch(/\[4\.5 3\] 0 d/);
    expect(ops("dotted")).toMatch(/1 J\n\[0 3\.75\] 0 d/);
    expect(ops("wavy").match(/ c$/gm)!.length).toBeGreaterThan(10);
    expect(ops("solid")).toMatch(/^q\n0 0 0 1 K/);
  });
});

describe("borders", () => {
  const border = (style: BorderItem["style"]): BorderItem => ({ kind: "border", x: 20, y: 30, width: 160, height: 110, style, weight: 8, color: BLACK });
  it("keep every border inside its frame", () => {
    for (const style of ["plain", "double", "flower"] as const) {
      const cs = new ContentStream();
      drawBorder(cs, border(style), cmykInking);
      for (const p of pointsOf(cs)) {
        expect(p.x).toBeGreaterThanOrEqual(20 - 1e-6);
        expect(p.x).toBeLessThanOrEqual(180 + 1e-6);
        expect(p.y).toBeGreaterThanOrEqual(30 - 1e-6);
        expect(p.y).toBeLessThanOrEqual(140 + 1e-6);
      }
    }
  });

  it("draws the 花边 as many small vector motifs", () => {
    const cs = new ContentStream();
    drawBorder(cs, border("flower"), cmykInking);
    const text = cs.toString();
    expect(text.match(/ m$/gm)!.length).toBeGreaterThan(100);
    expect(text).toMatch(/\nf\n/);
  });
});

describe("glyph operators", () => {
  it("correct the pen with TJ numbers and start a new Tm on a baseline shift", () => {
    const cs = new ContentStream();
    showGlyphRun(
      cs,
      {
        kind: "glyphs",
        face: { file: "x", postscriptName: "x" },
        size: 10,
        x: 100,
        y: 200,
        color: BLACK,
        glyphs: [
          { id: 1, x: 0, y: 0, advance: 10, text: "一" },
          { id: 2, x: 10.5, y: 0, advance: 10, text: "二" },
          { id: 3, x: 20, y: -3, advance: 10, text: "三" },
        ],
      },
      { resource: "F1", encode: (id) => ({ cid: id, width: 1000 }) },
    );
    expect(cs.toString()).toBe(
      ["BT", "/F1 10 Tf", "1 0 0 -1 100 200 Tm", "[<0001> -50 <0002>] TJ", "1 0 0 -1 120 197 Tm", "[<0003>] TJ", "ET"].join("\n"),
    );
  });
});
