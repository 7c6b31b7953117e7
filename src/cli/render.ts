/** `paiban render` and `paiban validate`. */
import type { Argv } from "yargs";
import { existsSync, statSync } from "node:fs";
import { PaibanError, printable } from "../common/diagnostics.js";
import { FontStore } from "../fonts/store.js";
import { loadLayout } from "../pipeline/load.js";
import { progressView, summaryTable } from "../pipeline/progress.js";
import { render, type RenderOutcome, type RenderProgress } from "../pipeline/render.js";
import { DEFAULT_INK_LIMIT } from "../common/print.js";
import { handle } from "./run.js";
import { startedFrom } from "./start.js";
import { checkDpi, exportPngs } from "../preview/png.js";
import { OutputSet } from "../render/atomic.js";

/** The layout and what to write from it: the options render and watch share. */
export function renderOutputOptions(b: Argv) {
  return b
    .positional("layout", { type: "string", demandOption: true, describe: "layout JSON file" })
    .option("out", { alias: "o", type: "string", describe: "PDF to write (default out/<layout name>.pdf)" })
    .option("report", { type: "string", describe: "layout report to write (default beside the PDF, .report.json)" })
    .option("mode", { choices: ["proof", "print"] as const, default: "proof" as const, describe: "proof: watermark, overset flagged; print: CMYK, marks, PDF/X-1a" })
    .option("ink-limit", { type: "number", coerce: checkInkLimit, describe: `total ink limit for photos, % (default ${DEFAULT_INK_LIMIT})` })
    .option("output-profile", { type: "string", coerce: checkProfileFlag, describe: "print: the press's CMYK output profile (.icc) from the plant, over the layout's \"output\": photos are separated with it, and it is embedded as the PDF's output intent" })
    .option("output-condition", { type: "string", describe: "print: the OutputConditionIdentifier to declare for that profile (default: the layout's, else the profile's description)" })
    .option("allow-missing-glyphs", { type: "boolean", default: false, describe: "print even when some characters have no glyph" })
    .option("allow-low-resolution", { type: "boolean", default: false, describe: "print even when a photo is under the house minimum resolution" })
    .option("show-copyfit", { type: "boolean", default: false, describe: "proof: tag the paragraphs copyfit set looser (撑) or tighter (缩)" })
    .option("png", { type: "string", describe: "also write one PNG per page into this folder (<layout>-p<number>.png)" })
    .option("dpi", { type: "number", implies: "png", coerce: checkDpi, describe: "resolution of the --png pages (default 100)" });
}

export function renderCommand(y: Argv): Argv {
  return y.command(
    "render <layout>",
    "Make up the page(s) of a layout and write the PDF and the layout report",
    (b) =>
      renderOutputOptions(b)
        .option("quiet", { alias: "q", type: "boolean", default: false, describe: "print nothing but errors" })
        .option("workers", { type: "number", coerce: checkWorkers, describe: "worker threads for an edition's make-up (default: from 48 pages on more than two cores; 0: none)" })
        .option("timings", { type: "boolean", default: false, describe: "also print how long each stage took (layout, makeup, pdf, report), even with --quiet" })
        .example("$0 render layouts/quxian.json", "proof PDF and report in out/")
        .example("$0 render layouts/quxian.json --mode print --out page.pdf", "the PDF for the plant")
        .example("$0 render layouts/quxian.json --mode print --output-profile press.icc", "separated with the plant's profile, which is embedded"),
    handle(async (a) => {
      const started = performance.now();
      const view = a.quiet ? undefined : await progressView();
      // The PDF, the report and the PNGs are committed together, or none of them; a PNG
      // folder that cannot be one is said before the pages are made.
      if (a.png !== undefined && existsSync(a.png) && !statSync(a.png).isDirectory()) throw new PaibanError("cannot create the output folder", { file: a.png });
      const outputs = new OutputSet();
      let r: RenderOutcome;
      // One store for the render and the PNGs drawn after it: the fonts are read once.
      const fonts = new FontStore();
      try {
        r = await render({
          outputs,
          layout: a.layout,
          out: a.out,
          report: a.report,
          mode: a.mode,
          inkLimit: a.inkLimit,
          ...(a.outputProfile !== undefined && { outputProfile: a.outputProfile }),
          ...(a.outputCondition !== undefined && { outputCondition: a.outputCondition }),
          allowMissingGlyphs: a.allowMissingGlyphs,
          allowLowResolution: a.allowLowResolution,
          showCopyfit: a.showCopyfit,
          ...(a.workers !== undefined ? { workers: Math.max(0, Math.floor(a.workers)) } : {}),
          ...(view ? { onProgress: (e: RenderProgress) => void (multiPage(e) && view.onProgress(e)) } : {}),
          fonts,
        });
      } finally {
        view?.stop();
      }
      try {
        await exportPngs(r, a, outputs);
        await outputs.commit();
      } catch (err) {
        await outputs.discard();
        throw err;
      }
      if (a.timings) printTimings(r);
      if (a.quiet) return;
      for (const w of r.report.warnings) process.stderr.write(`paiban: warning: ${printable(w.message)}\n`);
      if (r.summary.length > 1) process.stdout.write(summaryTable(r.summary, r.timings.pdf));
      const overset = r.report.stories.filter((s) => s.overset.lines > 0);
      process.stdout.write(
        `${r.pdf} (${a.mode}, ${r.document.pages.length} page${r.document.pages.length > 1 ? "s" : ""}, ${(r.bytes / 1024).toFixed(0)} KB) and ${r.reportFile}` +
          ` in ${Math.round(performance.now() - started)} ms; ` +
          (overset.length ? `OVERSET: ${overset.map((s) => `${s.id} ${s.overset.lines} lines`).join(", ")}` : "no overset") +
          "\n",
      );
    }),
  );
}

/** `--timings`: each stage's time, and how the process started (printed even with --quiet). */
function printTimings(r: RenderOutcome): void {
  const stages = Object.entries(r.timings).map(([stage, ms]) => `${stage} ${ms} ms`);
  process.stdout.write(`stages: ${stages.join(", ")}; process up ${Math.round(performance.now())} ms (started from ${startedFrom()})\n`);
}

/** Progress only for an edition: a one-page render stays one line. */
function multiPage(e: RenderProgress): boolean {
  return e.stage !== "layout" && e.total > 1;
}

export function validateCommand(y: Argv): Argv {
  return y.command(
    "validate <layout>",
    "Check a layout JSON file and the files it names, without rendering",
    (b) => b.positional("layout", { type: "string", demandOption: true }).example("$0 validate layouts/quxian.json", "prints ok or what is wrong and where"),
    handle(async (a) => {
      const { edition, warnings } = await loadLayout(a.layout);
      for (const w of warnings) process.stderr.write(`paiban: warning: ${printable(w.message)}\n`);
      const items = edition.pages.reduce((n, p) => n + p.items.length, 0);
      process.stdout.write(`${a.layout}: ok (${edition.pages.length} page${edition.pages.length > 1 ? "s" : ""}, ${items} items)\n`);
    }),
  );
}

/** What a number option was given, for its message ("abc", not NaN). */
function given(v: unknown): string {
  return typeof v === "number" && !Number.isNaN(v) ? String(v) : "something that is not a number";
}

/** `--ink-limit`: per cent of total ink, 100 to 400; anything else is a usage error (exit 2). */
export function checkInkLimit(v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 100 || v > 400) {
    throw new PaibanError(`--ink-limit must be a number of per cent from 100 to 400, got ${given(v)}`, { exitCode: 2 });
  }
  return v;
}

/** `--output-profile`: a path (an empty one is a usage error, not a file "" not found). */
export function checkProfileFlag(v: unknown): string {
  if (typeof v !== "string" || v === "") throw new PaibanError("--output-profile needs the path of an ICC profile (the press's CMYK output profile, FILE.icc)", { exitCode: 2 });
  return v;
}

/** `--workers`: a whole number of threads, 0 to 64. */
export function checkWorkers(v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 64) {
    throw new PaibanError(`--workers must be a whole number from 0 to 64, got ${given(v)}`, { exitCode: 2 });
  }
  return v;
}
