import { describe, expect, it } from "vitest";
import type { Warning } from "../../src/common/diagnostics.js";
import type { LayoutReport, StoryReport } from "../../src/makeup/report.js";
import { diffReports, oversetSummary } from "../../src/serve/diff.js";

function story(id: string, lines = 0, chars = 0): StoryReport {
  return { id, kind: "story", page: 4, copy: `/c/${id}.md`, measure: 23, frames: [], linesPerColumn: [], overset: { lines, chars }, underset: { lines: 0 }, paragraphs: [] };
}

function report(stories: StoryReport[], warnings: Warning[] = []): LayoutReport {
  return { layout: "quxian", pages: [], stories, warnings };
}

const w = (message: string): Warning => ({ code: "layout", message });

describe("what changed in the report", () => {
  it("overset appearing, growing and clearing, per story with counts", () => {
    expect(diffReports(report([story("lead")]), report([story("lead", 5, 80)]))).toEqual(["+ overset: lead 5 lines (80 chars)"]);
    expect(diffReports(report([story("lead", 5, 80)]), report([story("lead", 1, 12)]))).toEqual(["~ overset: lead 5 lines (80 chars) → 1 line (12 chars)"]);
    expect(diffReports(report([story("lead", 1, 1)]), report([story("lead")]))).toEqual(["- overset cleared: lead (was 1 line (1 char))"]);
    expect(diffReports(report([story("a", 2, 9)]), report([]))).toEqual(["- overset gone with the story: a"]);
  });

  it("warnings added and removed, counting repeats", () => {
    const before = report([], [w("one"), w("two"), w("two")]);
    const after = report([], [w("two"), w("three")]);
    expect(diffReports(before, after)).toEqual(["+ warning: three", "- warning: one", "- warning: two"]);
  });

  it("nothing when nothing that matters changed", () => {
    expect(diffReports(report([story("lead")], [w("x")]), report([story("lead")], [w("x")]))).toEqual([]);
  });

  it("summarises overset for the first render", () => {
    expect(oversetSummary(report([story("a"), story("b", 3, 40)]))).toBe("OVERSET: b 3 lines (40 chars)");
    expect(oversetSummary(report([story("a")]))).toBe("no overset");
  });
});
