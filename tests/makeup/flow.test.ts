/**
 * Flowing lines through columns, and the 段末孤行 rule: a column that begins with the last line
 * of a paragraph of two or more lines is reported and marked in the proof.
 */
import { describe, expect, it } from "vitest";
import { flowLines, widows, type FlowColumn, type FlowLine } from "../../src/makeup/flow.js";

const PITCH = 13.5;
const columns = (n: number, lines: number): FlowColumn[] => Array.from({ length: n }, (_, c) => ({ x: 100 * c, width: 90, top: 50, lines }));

/** Paragraphs of the given line counts as flow lines, marked the way bodyLines marks them. */
function paragraphs(...counts: number[]): FlowLine[] {
  return counts.flatMap((n, p) =>
    Array.from({ length: n }, (_, k): FlowLine => ({
      span: 1,
      paragraph: p,
      text: `p${p + 1} line ${k + 1}`,
      draw: () => [],
      ...(k === n - 1 && k > 0 ? { paragraphEnd: { itemId: "story", paragraph: p } } : {}),
    })),
  );
}

describe("段末孤行 (a paragraph's last line alone at the head of a column)", () => {
  it("is reported and marked when the next column begins with a paragraph's last line", () => {
    const cols = columns(2, 4);
    const result = flowLines(paragraphs(5, 3), cols, PITCH); // column 2 begins with p1 line 5
    expect(result.heads!.map((l) => l?.text)).toEqual(["p1 line 1", "p1 line 5"]);
    const { warnings, marks } = widows(result, cols, PITCH);
    expect(warnings).toEqual([
      { code: "widow", message: "story: column 2 begins with the last line of paragraph 1 (段末孤行: “p1 line 5”); cut or add a line of copy", itemId: "story", paragraph: 0 },
    ]);
    expect(marks).toEqual([{ kind: "proof-mark", reason: "widow", x: 100, y: 50, width: 90, height: PITCH, label: "孤行", itemId: "story" }]);
  });

  it("is not reported when two lines of the paragraph head the column", () => {
    const cols = columns(2, 4);
    expect(widows(flowLines(paragraphs(6, 3), cols, PITCH), cols, PITCH).warnings).toEqual([]);
  });

  it("is not reported for a one-line paragraph heading a column (it is a whole paragraph)", () => {
    const cols = columns(2, 4);
    expect(widows(flowLines(paragraphs(4, 1, 2), cols, PITCH), cols, PITCH).warnings).toEqual([]);
  });

  it("is not reported for the first column, nor for a column left empty", () => {
    const cols = columns(3, 4);
    const result = flowLines(paragraphs(2, 2), cols, PITCH);
    expect(result.heads!.map((l) => l?.text)).toEqual(["p1 line 1", undefined, undefined]);
    expect(widows(result, cols, PITCH).warnings).toEqual([]);
  });
});
