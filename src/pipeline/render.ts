/**
 * The whole pipeline for one layout: layout JSON → EditionSpec → make-up → display list →
 * PDF, plus the layout report. Used by `paiban render` and `paiban watch`; serve makes pages up
 * only (layOut) and draws them itself.
 *
 * This module only puts the steps together, each of which lives in its own module:
 * make-up of an edition (edition.ts, pages kept in a PageCache), the output files and the
 * missing-glyph policy (outputs.ts), PDF writing (pdf-output.ts, the last PDF kept), report
 * writing (report-output.ts) and the summary (summary.ts, pure).
 *
 * `render()` is the one-shot, cold path. A `Renderer` (createRenderer) is the warm path for
 * processes that render again and again (watch): it keeps each page's make-up keyed by
 * everything the page is made from (its resolved spec, copy text included, and the font
 * configuration), and the last PDF keyed by its pages, options and photo files, so a re-render
 * redoes only what changed. Both give byte-identical files for the same input.
 *
 * Fonts: every run reads its fonts through one FontStore — the request's (`fonts`), else the
 * renderer's own, which a warm Renderer keeps across renders and replaces on invalidate(); a
 * one-shot render() closes its own when done. Nothing about fonts is kept at module level, so
 * renderers and preview sessions in one process never disturb each other.
 *
 * An edition's pages can be made up on worker threads (src/pipeline/makeup.ts says when that
 * is the default); the main thread then writes the one PDF. Pages are put back in page order, so the
 * output never depends on which worker finished first.
 */
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { OutputProfile } from "../common/icc.js";
import { chooseOutputProfile, loadOutputProfile } from "./output-profile.js";
import { withoutCopyfitTags, type DisplayDocument } from "../display/types.js";
import { FontStore } from "../fonts/store.js";
import { loadLayout } from "./load.js";
import type { EditionSpec } from "../makeup/spec.js";
import type { LayoutReport } from "../makeup/report.js";
import { makeUpEdition, PageCache, type MakeupProgress } from "./edition.js";
import { assembleEdition, makeupGroup, pageGroups, type MadePage } from "./makeup.js";
import { OutputSet } from "../render/atomic.js";
import { checkOutputs, outputFiles, refuseCollisions, refuseLowResolution, refuseMissingGlyphs } from "./outputs.js";
import { loadPdfWriter, PdfOutput, type PdfWritten } from "./pdf-output.js";
import { renderReport, writeReport, type RenderReport } from "./report-output.js";
import { summarise, type PageSummary } from "./summary.js";

export { defaultOutputs } from "./outputs.js";
export type { PageSummary } from "./summary.js";

export interface RenderRequest {
  layout: string;
  out?: string;
  report?: string;
  mode: "print" | "proof";
  /** Text for the proof watermark; default: now. */
  proofTime?: string;
  inkLimit?: number;
  /**
   * Print: the plant's press profile (--output-profile), over the layout's "output". The proof
   * ignores it (with a warning when given here).
   */
  outputProfile?: string;
  /** The OutputConditionIdentifier to declare for the profile (--output-condition), over the layout's. */
  outputCondition?: string;
  /** Print even when some characters have no glyph (they print as blanks). */
  allowMissingGlyphs?: boolean;
  /** Print even when a photo is under the house minimum resolution (PRINT_MIN_PPI). */
  allowLowResolution?: boolean;
  /** Tag loosened and tightened paragraphs (撑 +1 / 缩 −1) in the proof. */
  showCopyfit?: boolean;
  /**
   * Worker threads for make-up: by default one per core for a large edition on a machine of
   * more than two cores (see defaultWorkerCount); 0 or 1 makes up every page in this thread.
   * The PDF is the same either way.
   */
  workers?: number;
  /** Told of each stage and of each page made up. */
  onProgress?: (event: RenderProgress) => void;
  /** The fonts to read (a session's store); default: the renderer's own. */
  fonts?: FontStore;
  /**
   * Where the PDF and report are staged. Given, the caller commits it (after adding the PNGs);
   * otherwise the render commits both itself. On a failure nothing is committed.
   */
  outputs?: OutputSet;
}

export type RenderProgress =
  | { stage: "layout" }
  | MakeupProgress
  | { stage: "pdf"; total: number }
  | { stage: "done"; total: number };

export interface RenderOutcome {
  edition: EditionSpec;
  document: DisplayDocument;
  report: RenderReport;
  pdf: string;
  reportFile: string;
  bytes: number;
  timings: Record<string, number>;
  summary: PageSummary[];
  /** Worker threads used for make-up (0: this thread). */
  workers: number;
  /** The font store the run read (for drawing the same document again, e.g. as PNGs). */
  fonts: FontStore;
}

/**
 * Lay out (no PDF): the edition, its display list and the report, with the fonts of `fonts`
 * (a session's store; without one, a store of its own, closed when done).
 */
export async function layOut(layoutFile: string, fonts?: FontStore, o: { showCopyfit?: boolean } = {}): Promise<{ edition: EditionSpec; document: DisplayDocument; report: LayoutReport }> {
  const store = fonts ?? new FontStore();
  try {
    const { edition, warnings } = await loadLayout(layoutFile, store);
    // The render's own make-up, page by page: one path for the CLI, serve, PNG export and tests.
    const made: MadePage[] = new Array(edition.pages.length);
    for (const g of pageGroups(edition.pages)) {
      makeupGroup(edition.fonts, g.map((i) => edition.pages[i]!), store).forEach((m, k) => (made[g[k]!] = m));
    }
    const { document, report } = assembleEdition(edition, made, warnings);
    // Copyfit's tags (撑 +1 / 缩 −1) only when asked for.
    return { edition, document: o.showCopyfit ? document : withoutCopyfitTags(document), report };
  } finally {
    if (!fonts) store.close();
  }
}

/**
 * Render once (a fresh Renderer: nothing kept from before, nothing kept after). Its fonts are
 * closed when done unless the request brought its own store.
 */
export async function render(req: RenderRequest): Promise<RenderOutcome> {
  const renderer = new Renderer();
  try {
    return await renderer.render(req);
  } finally {
    renderer.close();
  }
}

/** A renderer that keeps its caches (pages, PDF, fonts) across renders: the warm path of `paiban watch`. */
export function createRenderer(): Renderer {
  return new Renderer();
}

/** Times of the stages of a render, ms (one decimal), in the order they ran. */
function stopwatch(): { timings: Record<string, number>; lap(name: string): void } {
  const timings: Record<string, number> = {};
  let t = performance.now();
  return {
    timings,
    lap(name) {
      const now = performance.now();
      timings[name] = Math.round((now - t) * 10) / 10;
      t = now;
    },
  };
}

/**
 * The run's press profile, read and checked (print), or none (the default profile). In proof
 * the layout's profile is not read (the proof is sRGB), and one given on the command line is
 * answered with a warning.
 */
async function runOutputProfile(req: RenderRequest, edition: EditionSpec, warnings: Warning[]): Promise<OutputProfile | undefined> {
  const chosen = chooseOutputProfile({ profile: req.outputProfile, ...(req.outputCondition !== undefined && { condition: req.outputCondition }) }, edition.output);
  if (req.mode !== "print") {
    if (req.outputProfile !== undefined || req.outputCondition !== undefined) {
      warnings.push({ code: "layout", message: "--output-profile and --output-condition are for print; the proof is sRGB and ignores them" });
    }
    return undefined;
  }
  if (chosen.profile === undefined) {
    if (chosen.condition !== undefined) {
      throw new PaibanError("--output-condition names the condition of a press profile: give the profile too (--output-profile FILE.icc, or \"output\" in the layout)", { exitCode: 2 });
    }
    return undefined;
  }
  return loadOutputProfile(chosen.profile, chosen);
}

export class Renderer {
  /** Page make-up of the last render. */
  private readonly pages = new PageCache();
  /** The last PDF written, with what it was made from. */
  private readonly pdf = new PdfOutput();
  /** The renderer's own fonts, for requests that bring none. */
  private fonts = new FontStore();

  /** Forget everything kept (call after a font file changed on disk): its own fonts are read afresh. */
  invalidate(): void {
    this.pages.clear();
    this.pdf.clear();
    this.fonts.close();
    this.fonts = new FontStore();
  }

  /** Close the renderer's own font files; it must not render after this. */
  close(): void {
    this.fonts.close();
  }

  async render(req: RenderRequest): Promise<RenderOutcome> {
    const { timings, lap } = stopwatch();
    const progress = req.onProgress ?? (() => {});
    progress({ stage: "layout" });
    // The PDF writer (pdfkit, sharp) loads while the layout is read and the pages made up.
    const writer = loadPdfWriter();
    const fonts = req.fonts ?? this.fonts;
    const files = outputFiles(req);
    const { edition, warnings } = await loadLayout(req.layout, fonts);
    // The press profile given on the command line is an input too (the layout's is in editionFiles).
    await checkOutputs(files, edition, [], req.mode === "print" && req.outputProfile !== undefined ? [req.outputProfile] : []);
    const outputProfile = await runOutputProfile(req, edition, warnings);
    lap("layout");

    const made = await makeUpEdition(edition, warnings, { fonts, cache: this.pages, workers: req.workers, onProgress: progress });
    lap("makeup");

    if (req.mode === "print" && !req.allowMissingGlyphs) refuseMissingGlyphs(req.layout, made.report);
    if (req.mode === "print") refuseCollisions(req.layout, made.report);
    const total = edition.pages.length;
    progress({ stage: "pdf", total });
    const check = req.mode === "print" && !req.allowLowResolution ? (w: { warnings: Warning[] }) => refuseLowResolution(req.layout, w.warnings) : undefined;
    const outputs = req.outputs ?? new OutputSet();
    let written: PdfWritten;
    let report: RenderReport;
    try {
      written = await this.pdf.write(req.showCopyfit ? made.document : withoutCopyfitTags(made.document), { out: files.pdf, mode: req.mode, proofTime: req.proofTime, inkLimit: req.inkLimit, fonts, check, ...(outputProfile && { outputProfile }) }, outputs, writer);
      lap("pdf");
      report = renderReport(made.report, req.mode, files.pdf, written);
      await writeReport(files.report, report, outputs);
      if (!req.outputs) await outputs.commit();
    } catch (err) {
      await outputs.discard();
      throw err;
    }
    lap("report");
    progress({ stage: "done", total });
    return {
      edition,
      document: req.showCopyfit ? made.document : withoutCopyfitTags(made.document),
      report,
      pdf: files.pdf,
      reportFile: files.report,
      bytes: written.bytes,
      timings,
      summary: summarise(made.pages, made.cached),
      workers: made.workers,
      fonts,
    };
  }
}
