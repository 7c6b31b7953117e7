/**
 * A text frame: the columns a flow of lines runs through, and the one tail every text item
 * shares — flow, 段末孤行, report, overset flag. Stories, captions and boxes each build their
 * frame from their areas and their flow from their copy; this is where other frames plug in: a
 * vertical frame (its columns in reading order), a runaround (columns cut around a picture),
 * copyfit (setting the flow again until it fills the frame).
 */
import type { Warning } from "../common/diagnostics.js";
import type { DisplayItem } from "../display/types.js";
import type { SetParagraph } from "../typeset/types.js";
import { oversetMarks, storyReport } from "./account.js";
import { flowLines, widows, type FlowColumn, type FlowLine } from "./flow.js";
import type { StoryReport } from "./report.js";

export interface TextFrame {
  /** The item it belongs to: the overset flag names it. */
  id: string;
  /** Text columns in flow order, each on whole grid lines. */
  columns: FlowColumn[];
  /** Grid line pitch, pt. */
  pitch: number;
}

/** One copy's share of a flow (a story's, a caption's, one of a box's items): its lines [from, to). */
export interface FlowCopy {
  id: string;
  kind: StoryReport["kind"];
  /** The copy file it came from. */
  file: string;
  /** Its paragraphs as written, and as set. */
  paragraphs: string[];
  set: SetParagraph[];
  /** Column measure, em of the body size. */
  measure: number;
  /** The credit as set, when there is one. */
  credit?: string[];
  from: number;
  to: number;
}

export interface FrameResult {
  /** The lines drawn, 段末孤行 marks, the overset flag. */
  items: DisplayItem[];
  /** One report per copy, in order. */
  reports: StoryReport[];
  /** 段末孤行 warnings. */
  warnings: Warning[];
}

/**
 * Flow `lines` through the frame, then account for it: each copy's report (its overset is its
 * slice of the flow's tail that did not fit), 段末孤行 marked and warned, and one overset flag
 * for the frame counting what all its copies lost.
 */
export function setInFrame(frame: TextFrame, lines: FlowLine[], copies: FlowCopy[], page: number): FrameResult {
  const { columns, pitch } = frame;
  const result = flowLines(lines, columns, pitch);
  const alone = widows(result, columns, pitch);
  const firstOverset = lines.length - result.overset.length;
  const reports = copies.map((c) =>
    storyReport({
      id: c.id,
      kind: c.kind,
      page,
      copy: c.file,
      measure: c.measure,
      columns,
      used: result.used,
      overset: lines.slice(Math.max(c.from, firstOverset), Math.max(c.to, firstOverset)),
      set: c.set,
      written: c.paragraphs,
      credit: c.credit,
      pitch,
    }),
  );
  const lost = { lines: reports.reduce((n, r) => n + r.overset.lines, 0), chars: reports.reduce((n, r) => n + r.overset.chars, 0) };
  return { items: [...result.items, ...alone.marks, ...oversetMarks(frame.id, lost, columns, pitch)], reports, warnings: alone.warnings };
}
