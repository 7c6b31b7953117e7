import { describe, expect, it } from "vitest";
import { FONT_SIZE_PATTERN, LENGTH_PATTERN, MM, POSITIVE_LENGTH_PATTERN, explainBadLength, fontSizeToPt, lengthToPt, parseLength } from "../../src/layout/units.js";

const grid = { em: 9, linePitch: 13.5, columnWidth: 99, gutter: 9 };

describe("units", () => {
  it("converts every unit a designer writes", () => {
    expect(lengthToPt("25.4mm", {})).toBeCloseTo(72, 9);
    expect(lengthToPt("9pt", {})).toBe(9);
    expect(lengthToPt("2em", grid)).toBe(18);
    expect(lengthToPt("2字", grid)).toBe(18);
    expect(lengthToPt("3line", grid)).toBe(40.5);
    expect(lengthToPt("3lines", grid)).toBe(40.5);
    expect(lengthToPt("3行", grid)).toBe(40.5);
    expect(lengthToPt("1col", grid)).toBe(99);
    expect(lengthToPt("2栏", grid)).toBe(207); // two columns and the gutter between
    expect(lengthToPt("0.5col", grid)).toBe(49.5);
  });

  it("refuses relative units where the grid is not known", () => {
    expect(lengthToPt("2em", {})).toEqual({ problem: '"2em": em/字 cannot be used here (no body size yet); use mm or pt' });
    expect(lengthToPt("2行", {})).toHaveProperty("problem");
  });

  it("knows the Chinese size names", () => {
    const sizes = { 初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9, 六号: 7.5, 小六: 6.5, 七号: 5.5 };
    for (const [name, pt] of Object.entries(sizes)) expect(fontSizeToPt(name, {})).toBe(pt);
    expect(fontSizeToPt("14pt", {})).toBe(14);
  });

  it("explains bad lengths", () => {
    expect(explainBadLength("12px", "positive")).toBe('unknown unit "px" in "12px": a length needs a unit: mm, pt, em/字, line/行, col/栏');
    expect(explainBadLength("12", "positive")).toBe('"12" has no unit: a length needs a unit: mm, pt, em/字, line/行, col/栏');
    expect(explainBadLength(12, "positive")).toContain("bare number 12");
    expect(explainBadLength("0mm", "positive")).toBe('"0mm" must be greater than zero');
    expect(explainBadLength("-1mm", "non-negative")).toBe('"-1mm" must not be negative');
    expect(parseLength("12 mm")).toEqual({ value: 12, unit: "mm" });
  });

  it("publishes patterns that agree with the checks", () => {
    const len = new RegExp(LENGTH_PATTERN);
    const pos = new RegExp(POSITIVE_LENGTH_PATTERN);
    const size = new RegExp(FONT_SIZE_PATTERN);
    for (const ok of ["0mm", "3mm", "0.5em", ".5em", "11em", "2字", "60lines", "1line", "3行", "2col", "2栏"]) expect(len.test(ok), ok).toBe(true);
    for (const bad of ["12px", "12", "-1mm", "mm", "1.mm"]) expect(len.test(bad), bad).toBe(false);
    for (const bad of ["0mm", "0.0pt", "00em"]) expect(pos.test(bad), bad).toBe(false);
    for (const ok of ["0.5mm", "10pt", "0.05em"]) expect(pos.test(ok), ok).toBe(true);
    for (const ok of ["小五", "二号", "9pt"]) expect(size.test(ok), ok).toBe(true);
    for (const bad of ["大号", "0pt", "9"]) expect(size.test(bad), bad).toBe(false);
  });
});

describe("length bounds per field", () => {
  it("a bleed, a trim side, a size beyond their bounds are refused with the bound; within them they pass", async () => {
    const { lengthOutOfBounds } = await import("../../src/layout/limits.js");
    expect(lengthOutOfBounds("bleed", "3mm", 3 * MM)).toBeUndefined();
    expect(lengthOutOfBounds("bleed", "21mm", 21 * MM)).toBe('"21mm" is more than a bleed can be (at most 20 mm)');
    expect(lengthOutOfBounds("width", "1500mm", 1500 * MM)).toBeUndefined();
    expect(lengthOutOfBounds("height", "1501mm", 1501 * MM)).toBe('"1501mm" is more than a trim side can be (at most 1500 mm, beyond any press sheet)');
    expect(lengthOutOfBounds("tracking", "-60em", -540)).toBe('"-60em" (-540 pt) is more than a tracking can be (at most 500 pt)');
    expect(lengthOutOfBounds(undefined, "1e400pt", Infinity)).toBe('"1e400pt" is too large to be a length');
  });
});
