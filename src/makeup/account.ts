/** Accounting for a flow: the report entry of a story, caption or sidebar item, and the overset flag. */
import type { SetParagraph } from "../typeset/types.js";
import type { ProofMark } from "../display/types.js";
import { columnRect, slotRect, type FlowColumn, type FlowLine } from "./flow.js";
import type { StoryReport } from "./report.js";

export function storyReport(o: {
  id: string;
  kind: StoryReport["kind"];
  page: number;
  copy: string;
  measure: number;
  columns: FlowColumn[];
  /** Grid lines used in each column, and this copy's lines that did not fit. */
  used: number[];
  overset: FlowLine[];
  set: SetParagraph[];
  /** The paragraphs as written (the set text may differ: a dateline's gap is set as U+3000). */
  written: string[];
  credit?: string[];
  pitch: number;
}): StoryReport {
  const overset = o.overset.filter((l) => l.text !== undefined);
  const lastUsed = o.used.reduce((last, u, i) => (u > 0 ? i : last), -1);
  const underset = overset.length
    ? 0
    : o.columns.reduce((n, c, i) => n + (i >= lastUsed ? c.lines - o.used[i]! : 0), 0);
  const vertical = o.columns.some((c) => c.vertical);
  return {
    id: o.id,
    kind: o.kind,
    page: o.page,
    copy: o.copy,
    measure: o.measure,
    ...(vertical ? { direction: "vertical" as const } : {}),
    frames: o.columns.map((c, i) => ({ ...columnRect(c, o.pitch), lines: c.lines, used: o.used[i]!, ...(c.column !== undefined ? { column: c.column + 1 } : {}) })),
    linesPerColumn: o.used,
    overset: { lines: overset.length, chars: overset.reduce((n, l) => n + [...(l.text ?? "").replace(/\s/g, "")].length, 0) },
    underset: { lines: underset },
    paragraphs: o.set.map((p, i) => ({ text: o.written[i] ?? p.text, lines: p.lines.map((l) => l.text) })),
    ...(o.credit ? { credit: o.credit } : {}),
  };
}

/** A red flag on the proof over the last column of a story (or a box's flow) that overruns. */
export function oversetMarks(id: string, overset: StoryReport["overset"], columns: FlowColumn[], pitch: number): ProofMark[] {
  if (!overset.lines || !columns.length) return [];
  const last = columns[columns.length - 1]!;
  return [
    {
      kind: "proof-mark",
      reason: "overset",
      ...slotRect(last, Math.max(0, last.lines - 1), 1, pitch),
      label: `溢出 ${overset.lines} 行 ${overset.chars} 字`,
      itemId: id,
    },
  ];
}
