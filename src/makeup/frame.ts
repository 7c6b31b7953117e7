/**
 * A text frame: the columns a flow of lines runs through, and the one tail every text item
 * shares — copyfit, flow, 段末孤行, report, overset flag. Stories, captions and boxes each build
 * their frame from their areas and their flow from their copy; this is where other frames plug
 * in: a vertical frame (its columns in reading order), a runaround (columns cut around a picture).
 */
import type { Warning } from "../common/diagnostics.js";
import type { DisplayItem, ProofMark } from "../display/types.js";
import type { BodyStyle } from "../layout/types.js";
import { resolveStyle } from "../typeset/compose.js";
import type { CopyfitLimits } from "../typeset/styles.js";
import type { MakeupContext } from "./context.js";
import { oversetMarks, storyReport } from "./account.js";
import { chooseFit, placeFlow, type CopyfitRules, type FlowPart, type PartVariant } from "./copyfit.js";
import { flowLines, slotRect, widows, type FlowColumn, type FlowLine } from "./flow.js";
import type { CopyfitReport, FitEstimate, StoryReport } from "./report.js";

export interface TextFrame {
  /** The item it belongs to: the overset flag names it. */
  id: string;
  /** Text columns in flow order, each on whole grid lines. */
  columns: FlowColumn[];
  /** Grid line pitch, pt. */
  pitch: number;
  /**
   * Copyfit: `on` (a story or box may turn it off), the composer's limits, the house style's
   * rules, and whether the flow must fill the frame to its last column's foot (stories, boxes)
   * or only fit in it (a caption beside a photo).
   */
  copyfit?: { on: boolean; limits: CopyfitLimits; rules: CopyfitRules; fill: boolean };
}

/** A frame's copyfit from the body's punctuation style (its limits) and the page's house style (its rules). */
export function frameCopyfit(ctx: MakeupContext, body: BodyStyle, on: boolean, fill: boolean): NonNullable<TextFrame["copyfit"]> {
  return { on, fill, limits: resolveStyle(body.punctuation).copyfit, rules: ctx.houseStyle.copyfit };
}

/** One copy's share of a flow (a story's, a caption's, one of a box's items): its parts [from, to). */
export interface FlowCopy {
  id: string;
  kind: StoryReport["kind"];
  /** The copy file it came from. */
  file: string;
  /** Its paragraphs as written. */
  paragraphs: string[];
  /** Column measure, em of the body size. */
  measure: number;
  /** The credit as set, when there is one. */
  credit?: string[];
  from: number;
  to: number;
}

export interface FrameResult {
  /** The lines drawn, 段末孤行 marks, copyfit tags, the overset flag. */
  items: DisplayItem[];
  /** One report per copy, in order. */
  reports: StoryReport[];
  /** 段末孤行 (and forbidden 段首孤行) warnings, and what the editor must do when copyfit could not. */
  warnings: Warning[];
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;
const chars = (s: string) => [...s.replace(/\s/g, "")].length;

/**
 * Copyfit the parts (when the frame asks for it), flow them through the frame, then account for
 * it: each copy's report (its overset is its slice of the flow's tail that did not fit, what
 * copyfit did, the editor's estimate), 段末孤行 marked and warned, one overset flag for the
 * frame counting what all its copies lost.
 */
export function setInFrame(frame: TextFrame, parts: FlowPart[], copies: FlowCopy[], page: number): FrameResult {
  const { columns, pitch } = frame;
  const fit = frame.copyfit;
  const isParagraph = parts.map((p) => p.set !== undefined && p.set.lines.length > 0);
  const naturalPlacement = placeFlow(columns, parts.map((p) => p.lines), isParagraph);
  const choice = fit ? chooseFit(columns, parts, fit.limits, fit.rules, fit.fill) : undefined;
  const variants: (PartVariant | undefined)[] = fit?.on && choice ? choice.variants : parts.map(() => undefined);
  const chosen = parts.map((p, k) => {
    const v = variants[k];
    return v ? tagged(v.lines, v, frame.id, pitch) : p.lines;
  });
  const lines = chosen.flat();
  const starts: number[] = [];
  chosen.reduce((n, l) => (starts.push(n), n + l.length), 0);
  starts.push(lines.length);

  const result = flowLines(lines, columns, pitch);
  const alone = widows(result, columns, pitch);
  const firstOverset = lines.length - result.overset.length;
  const warnings: Warning[] = [...alone.warnings];
  const naturalLines = parts.flatMap((p) => p.lines);
  const naturalFirstOverset = naturalLines.length - naturalPlacement.overset;
  const marks: ProofMark[] = [];
  const reports = copies.map((c, ci) => {
    const from = starts[c.from]!;
    const to = starts[c.to]!;
    const own = parts.slice(c.from, c.to);
    const report = storyReport({
      id: c.id,
      kind: c.kind,
      page,
      copy: c.file,
      measure: c.measure,
      columns,
      used: result.used,
      overset: lines.slice(Math.max(from, firstOverset), Math.max(to, firstOverset)),
      set: own.flatMap((p, k) => (p.set ? [variants[c.from + k]?.set ?? p.set] : [])),
      written: c.paragraphs,
      credit: c.credit,
      pitch,
    });
    if (!fit) return report;
    const changed = own.flatMap((p, k) => {
      const v = variants[c.from + k];
      return v && p.fit ? [{ paragraph: p.fit.paragraph, lines: v.delta, emPerGap: round3(v.emPerGap) }] : [];
    });
    const fills = fit.fill && ci === copies.length - 1;
    const nFrom = naturalStart(parts, c.from);
    const nTo = naturalStart(parts, c.to);
    const naturalOverset = naturalLines.slice(Math.max(nFrom, naturalFirstOverset), Math.max(nTo, naturalFirstOverset)).filter((l) => l.text !== undefined);
    const naturalUnderset = fills && naturalPlacement.overset === 0 ? naturalPlacement.empty : 0;
    const copyfit: CopyfitReport = {
      on: fit.on,
      before: {
        overset: naturalOverset.length,
        underset: naturalUnderset,
        widows: naturalPlacement.widowed.filter((w) => w === c.id).length,
      },
      paragraphs: changed,
      left: {
        overset: report.overset,
        underset: { lines: fills ? report.underset.lines : 0 },
        widows: alone.warnings.filter((w) => w.itemId === c.id).length,
      },
    };
    const advice = editorAdvice(report.overset, copyfit.left.underset.lines, c.measure);
    if (advice) copyfit.editor = advice;
    if (!report.overset.lines && copyfit.left.underset.lines) marks.push(undersetMark(c.id, copyfit.left.underset.lines, c.measure, columns, result.used, pitch));
    report.copyfit = copyfit;
    report.fit = estimate(c, own, naturalOverset, naturalUnderset, report, fills);
    return report;
  });
  const lost = { lines: reports.reduce((n, r) => n + r.overset.lines, 0), chars: reports.reduce((n, r) => n + r.overset.chars, 0) };
  if (fit && !fit.rules.firstLineAtFoot) {
    const placement = placeFlow(columns, chosen, isParagraph);
    if (placement.firstLines > 0) {
      warnings.push({ code: "widow", message: `${frame.id}: ${placement.firstLines} paragraph first line${placement.firstLines > 1 ? "s stand" : " stands"} alone at a column foot (段首孤行); cut or add a line of copy`, itemId: frame.id });
    }
  }
  return { items: [...result.items, ...alone.marks, ...marks, ...oversetMarks(frame.id, lost, columns, pitch)], reports, warnings };
}

function naturalStart(parts: FlowPart[], k: number): number {
  let n = 0;
  for (let i = 0; i < k; i++) n += parts[i]!.lines.length;
  return n;
}

/** What the editor must do when the copy cannot be fitted: "cut 37 字", "add 2 lines of copy". */
export function editorAdvice(overset: { lines: number; chars: number }, underset: number, measure: number): string | undefined {
  if (overset.lines) return `cut ${overset.chars} 字`;
  if (underset) return `add ${underset} line${underset > 1 ? "s" : ""} of copy (about ${underset * Math.floor(measure)} 字)`;
  return undefined;
}

/**
 * The editor's estimate for a copy (paiban fit): its body's capacity in lines and characters,
 * its length, the difference (copy − capacity) by the setting as written, and whether copyfit
 * absorbs it.
 */
function estimate(c: FlowCopy, own: FlowPart[], naturalOverset: FlowLine[], naturalUnderset: number, report: StoryReport, fills: boolean): FitEstimate {
  const copyChars = c.paragraphs.reduce((n, p) => n + chars(p), 0);
  const bodyLines = own.reduce((n, p) => n + (p.set ? p.set.lines.length : 0), 0);
  const oversetChars = naturalOverset.reduce((n, l) => n + chars(l.text ?? ""), 0);
  const perLine = bodyLines > 0 ? copyChars / bodyLines : Math.floor(c.measure);
  const difference = naturalOverset.length ? oversetChars : -Math.round(naturalUnderset * perLine);
  return {
    capacity: { lines: Math.max(0, bodyLines - naturalOverset.length + naturalUnderset), chars: Math.max(0, copyChars - difference) },
    copy: { chars: copyChars },
    difference: { chars: difference },
    copyfitCanAbsorb: report.overset.lines === 0 && (!fills || report.underset.lines === 0),
  };
}

/** A flag over the empty lines at the foot of the last column copyfit could not fill: 缺 2 行 约 46 字. */
function undersetMark(id: string, lines: number, measure: number, columns: FlowColumn[], used: number[], pitch: number): ProofMark {
  const last = columns.length - 1;
  const col = columns[last]!;
  const from = used[last] ?? 0;
  return { kind: "proof-mark", reason: "underset", ...slotRect(col, from, col.lines - from, pitch), label: `缺 ${lines} 行 约 ${lines * Math.floor(measure)} 字`, itemId: id };
}

/** The first line of a loosened or tightened paragraph, drawing a light tag for the proof (撑 +1 / 缩 −1). */
function tagged(lines: FlowLine[], v: PartVariant, id: string, pitch: number): FlowLine[] {
  const first = lines[0];
  if (!first) return lines;
  const label = `${v.delta > 0 ? "撑" : "缩"} ${v.delta > 0 ? "+" : "−"}${Math.abs(v.delta)}`;
  const tag = (x: number, top: number, width: number): ProofMark => ({ kind: "proof-mark", reason: "copyfit", x, y: top, width, height: pitch, label, itemId: id });
  return [{ ...first, draw: (x, top, width) => [...first.draw(x, top, width), tag(x, top, width)] }, ...lines.slice(1)];
}
