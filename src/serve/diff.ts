/**
 * What changed between two layout reports, as lines a layout editor reads after a save:
 * overset appeared / grew / shrank / cleared per story, warnings added and removed.
 */
import { printable, type Warning } from "../common/diagnostics.js";
import type { LayoutReport, StoryReport } from "../makeup/report.js";

function overset(s: StoryReport): string {
  const { lines, chars } = s.overset;
  return `${lines} line${lines === 1 ? "" : "s"} (${chars} char${chars === 1 ? "" : "s"})`;
}

function oversetChanges(before: LayoutReport | undefined, after: LayoutReport): string[] {
  const old = new Map((before?.stories ?? []).map((s) => [s.id, s]));
  const out: string[] = [];
  for (const s of after.stories) {
    const was = old.get(s.id);
    const had = was?.overset.lines ?? 0;
    const has = s.overset.lines;
    if (has > 0 && had === 0) out.push(`+ overset: ${s.id} ${overset(s)}`);
    else if (has === 0 && had > 0 && was) out.push(`- overset cleared: ${s.id} (was ${overset(was)})`);
    else if (has > 0 && was && (has !== had || s.overset.chars !== was.overset.chars)) out.push(`~ overset: ${s.id} ${overset(was)} → ${overset(s)}`);
  }
  const now = new Set(after.stories.map((s) => s.id));
  for (const [id, was] of old) if (!now.has(id) && was.overset.lines > 0) out.push(`- overset gone with the story: ${id}`);
  return out;
}

function warningKey(w: Warning): string {
  return `${w.code}|${w.itemId ?? ""}|${w.message}`;
}

/** Warnings in `a` and not in `b`, counting repeats. */
function minus(a: Warning[], b: Warning[]): Warning[] {
  const left = new Map<string, number>();
  for (const w of b) left.set(warningKey(w), (left.get(warningKey(w)) ?? 0) + 1);
  return a.filter((w) => {
    const n = left.get(warningKey(w)) ?? 0;
    if (n > 0) left.set(warningKey(w), n - 1);
    return n === 0;
  });
}

export function warningChanges(before: Warning[], after: Warning[]): string[] {
  return [...minus(after, before).map((w) => `+ warning: ${printable(w.message)}`), ...minus(before, after).map((w) => `- warning: ${printable(w.message)}`)];
}

/** Lines describing the change; empty when nothing in the report that matters changed. */
export function diffReports(before: LayoutReport | undefined, after: LayoutReport): string[] {
  return [...oversetChanges(before, after), ...warningChanges(before?.warnings ?? [], after.warnings)];
}

/** One line for the current overset state, for the first render. */
export function oversetSummary(report: LayoutReport): string {
  const over = report.stories.filter((s) => s.overset.lines > 0);
  return over.length ? `OVERSET: ${over.map((s) => `${s.id} ${overset(s)}`).join(", ")}` : "no overset";
}
