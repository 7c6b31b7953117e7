/**
 * What `paiban render` shows while an edition renders: a progress bar on a terminal
 * (cli-progress), one plain line per page otherwise (logs, CI), and the summary table at the end.
 */
import type { RenderProgress } from "./render.js";
import type { PageSummary } from "./summary.js";

export interface ProgressView {
  onProgress(event: RenderProgress): void;
  /** Take the bar off the screen (also after an error). */
  stop(): void;
}

/** A progress view writing to `stream` (stderr): a bar when it is a TTY, plain lines when not. */
export async function progressView(stream: NodeJS.WriteStream = process.stderr): Promise<ProgressView> {
  if (!stream.isTTY) {
    return {
      onProgress(e) {
        if (e.stage === "makeup" && e.page !== undefined) {
          stream.write(`paiban: page ${e.page}${e.name ? ` ${e.name}` : ""} made up (${e.done}/${e.total})\n`);
        } else if (e.stage === "pdf") {
          stream.write(`paiban: writing the PDF (${e.total} pages)\n`);
        }
      },
      stop() {},
    };
  }
  const { default: cliProgress } = await import("cli-progress");
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "{bar} {value}/{total} pages | {stage}",
      barCompleteChar: "█",
      barIncompleteChar: "░",
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress(e) {
      if (!started && e.stage !== "layout") {
        bar.start(e.total, 0, { stage: "make-up" });
        started = true;
      }
      if (e.stage === "makeup") bar.update(e.done, { stage: e.page !== undefined ? `page ${e.page} ${e.name ?? ""} made up` : `make-up on ${e.workers || 1} thread${e.workers > 1 ? "s" : ""}` });
      else if (e.stage === "pdf") bar.update(e.total, { stage: "writing the PDF" });
      else if (e.stage === "done") bar.update(e.total, { stage: "done" });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** The summary table: page, name, overset (stories/lines), warnings, time. */
export function summaryTable(rows: PageSummary[], pdfMs?: number): string {
  const head = ["page", "name", "overset", "warnings", "time"];
  const body = rows.map((r) => [
    String(r.number),
    r.name || "-",
    r.oversetStories ? `${r.oversetStories} / ${r.oversetLines} lines` : "-",
    String(r.warnings),
    r.cached ? "cached" : `${Math.round(r.ms)} ms`,
  ]);
  if (pdfMs !== undefined) body.push(["", "PDF", "", "", `${Math.round(pdfMs)} ms`]);
  // CJK names are two columns wide on a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const cols = head.map((h, c) => Math.max(width(h), ...body.map((r) => width(r[c]!))));
  const line = (cells: string[]) => cells.map((s, c) => (c === 0 || c >= 3 ? " ".repeat(cols[c]! - width(s)) + s : s + " ".repeat(cols[c]! - width(s)))).join("  ");
  return [line(head), cols.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n") + "\n";
}
