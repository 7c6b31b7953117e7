/** `paiban watch`: re-render a layout whenever it or a file it names is saved. */
import path from "node:path";
import type { Argv } from "yargs";
import { printable } from "../common/diagnostics.js";
import { createRenderer, type RenderOutcome } from "../pipeline/render.js";
import { fitTable, fitText } from "../pipeline/fit.js";
import { oversetSummary } from "../serve/diff.js";
import { exportPngs } from "../preview/png.js";
import { OutputSet } from "../render/atomic.js";
import { allFiles, editionFiles } from "../serve/files.js";
import { LiveSession, type Attempt } from "../serve/session.js";
import { renderOutputOptions } from "./render.js";
import { handle } from "./run.js";

export function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

export function names(files: string[]): string {
  return files.map((f) => path.relative(process.cwd(), f) || f).join(", ");
}

/** What one attempt prints: the cause, the outcome, and what changed in the report. */
export function describeAttempt(a: Attempt<RenderOutcome>, pngs?: string): string[] {
  const cause = a.changed.length ? `${names(a.changed)} changed → ` : "";
  if (!a.ok) return [`[${clock()}] ${cause}paiban: ${a.error}`, `  (still watching: fix it and save)`];
  const r = a.outcome.value;
  const head = `[${clock()}] ${cause}${r.pdf} and ${r.reportFile}${pngs ? ` and PNGs in ${pngs}` : ""} in ${a.ms} ms`;
  const fit = fitText(fitTable(r.report)).map((l) => `  ${l}`);
  if (a.first) return [`${head}; ${oversetSummary(r.report)}`, ...r.report.warnings.map((w) => `  warning: ${printable(w.message)}`), ...fit];
  return [head, ...(a.diff.length ? a.diff.map((l) => `  ${l}`) : ["  report: no change in overset or warnings"]), ...fit];
}

export function watchCommand(y: Argv): Argv {
  return y.command(
    "watch <layout>",
    "Render a layout, then render again whenever it, its copy, its photos or its fonts are saved",
    (b) =>
      renderOutputOptions(b)
        .example("$0 watch layouts/quxian.json", "re-render on every save; prints overset and warning changes"),
    handle(async (a) => {
      const print = (lines: string[]) => process.stdout.write(lines.map((l) => `${l}\n`).join(""));
      // One renderer for the session: a save re-makes only the pages it changed. The fonts are
      // the session's (replaced when a font file changes, when the renderer forgets its pages).
      const renderer = createRenderer();
      const session = new LiveSession<RenderOutcome>({
        layout: a.layout,
        onFontsChanged: () => renderer.invalidate(),
        work: async (layout, fonts) => {
          const outputs = new OutputSet();
          const r = await renderer.render({ layout, out: a.out, report: a.report, mode: a.mode, inkLimit: a.inkLimit, ...(a.outputProfile !== undefined && { outputProfile: a.outputProfile }), ...(a.outputCondition !== undefined && { outputCondition: a.outputCondition }), allowMissingGlyphs: a.allowMissingGlyphs, showCopyfit: a.showCopyfit, allowLowResolution: a.allowLowResolution, fonts, outputs });
          try {
            await exportPngs(r, { png: a.png, dpi: a.dpi, mode: a.mode, quiet: true }, outputs);
            await outputs.commit();
          } catch (err) {
            await outputs.discard();
            throw err;
          }
          return { edition: r.edition, report: r.report, value: r };
        },
        onAttempt: (attempt) => print(describeAttempt(attempt, a.png)),
      });
      const first = await session.start();
      const count = first.ok ? allFiles(editionFiles(first.outcome.edition)).length : 1;
      print([`watching ${a.layout}${count > 1 ? ` and the ${count - 1} files it names` : ""} (Ctrl-C stops)`]);
      await new Promise<void>((done) => {
        const stop = () => void session.close().then(done);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    }),
  );
}
