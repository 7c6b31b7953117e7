/**
 * The whole pipeline for one layout: layout JSON → EditionSpec → make-up → display list →
 * PDF, plus the layout report. Used by `paiban render` and `paiban watch`; serve makes pages up
 * only (layOut) and draws them itself.
 *
 * `render()` is the one-shot, cold path. A `Renderer` (createRenderer) is the warm path for
 * processes that render again and again (watch): it keeps each page's make-up keyed by
 * everything the page is made from (its resolved spec, copy text included, and the font
 * configuration), and the last PDF keyed by its pages, options and photo files, so a re-render
 * redoes only what changed. Both give byte-identical files for the same input.
 *
 * An edition's pages can be made up on worker threads (src/pipeline/makeup.ts says when that
 * is the default); the main thread then writes the one PDF. Pages are put back in page order, so the
 * output never depends on which worker finished first.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { DisplayDocument, DisplayPage } from "../display/types.js";
import { clearFaceCache } from "../fonts/face.js";
import { loadLayout } from "../layout/index.js";
import type { EditionSpec } from "../layout/types.js";
import type { LayoutReport } from "../makeup/report.js";
import { writeFileAtomically } from "../render/atomic.js";
import { assembleEdition, defaultWorkerCount, makeupInWorkers, makeupOnePage, type MadePage } from "./makeup.js";

export interface RenderRequest {
  layout: string;
  out?: string;
  report?: string;
  mode: "print" | "proof";
  /** Text for the proof watermark; default: now. */
  proofTime?: string;
  inkLimit?: number;
  /** Print even when some characters have no glyph (they print as blanks). */
  allowMissingGlyphs?: boolean;
  /**
   * Worker threads for make-up: by default one per core for a large edition on a machine of
   * more than two cores (see defaultWorkerCount); 0 or 1 makes up every page in this thread.
   * The PDF is the same either way.
   */
  workers?: number;
  /** Told of each stage and of each page made up. */
  onProgress?: (event: RenderProgress) => void;
}

export type RenderProgress =
  | { stage: "layout" }
  | { stage: "makeup"; total: number; done: number; page?: number; name?: string; workers: number }
  | { stage: "pdf"; total: number }
  | { stage: "done"; total: number };

/** One line of the summary: what happened to a page. */
export interface PageSummary {
  number: number;
  name: string;
  /** Stories (captions, box items) with overset, and their overset lines in all. */
  oversetStories: number;
  oversetLines: number;
  warnings: number;
  /** Make-up time of the page, ms (0 when it was kept from the previous render). */
  ms: number;
  /** Kept from the previous render of a Renderer. */
  cached: boolean;
}

export interface RenderOutcome {
  edition: EditionSpec;
  document: DisplayDocument;
  report: LayoutReport;
  pdf: string;
  reportFile: string;
  bytes: number;
  timings: Record<string, number>;
  summary: PageSummary[];
  /** Worker threads used for make-up (0: this thread). */
  workers: number;
}

/** Default output paths: out/<layout name>.pdf and out/<layout name>.report.json. */
export function defaultOutputs(layout: string): { pdf: string; report: string } {
  const name = path.basename(layout).replace(/\.json$/i, "");
  return { pdf: path.join("out", `${name}.pdf`), report: path.join("out", `${name}.report.json`) };
}

/** Lay out (no PDF): the edition, its display list and the report. */
export async function layOut(layoutFile: string): Promise<{ edition: EditionSpec; document: DisplayDocument; report: LayoutReport }> {
  const { edition, warnings } = await loadLayout(layoutFile);
  // The render's own make-up, page by page: one path for the CLI, serve, PNG export and tests.
  const made = edition.pages.map((page) => makeupOnePage(edition.fonts, page));
  const { document, report } = assembleEdition(edition, made, warnings);
  return { edition, document, report };
}

/** Render once (a fresh Renderer: nothing kept from before, nothing kept after). */
export async function render(req: RenderRequest): Promise<RenderOutcome> {
  return new Renderer().render(req);
}

/** A renderer that keeps its caches across renders: the warm path of `paiban watch`. */
export function createRenderer(): Renderer {
  return new Renderer();
}

interface PdfMemo {
  key: string;
  pages: DisplayPage[];
  bytes: Buffer;
  result: { bytes: number; warnings: Warning[]; images: unknown[] };
}

export class Renderer {
  /** Page make-up of the last render, by page key. */
  private pages = new Map<string, MadePage>();
  /** The last PDF written, with what it was made from. */
  private pdf: PdfMemo | undefined;

  /** Forget everything kept (call after a font file changed on disk). */
  invalidate(): void {
    this.pages.clear();
    this.pdf = undefined;
    clearFaceCache();
  }

  async render(req: RenderRequest): Promise<RenderOutcome> {
    const timings: Record<string, number> = {};
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      timings[name] = Math.round((now - t) * 10) / 10;
      t = now;
    };
    const progress = req.onProgress ?? (() => {});
    progress({ stage: "layout" });
    // The PDF writer (pdfkit, sharp) loads while the layout is read and the pages made up.
    const pdfModule = import("../render/pdf.js");
    pdfModule.catch(() => {}); // a failure is reported where it is awaited
    const { edition, warnings } = await loadLayout(req.layout);
    lap("layout");

    const total = edition.pages.length;
    const keys = edition.pages.map((page) => JSON.stringify({ fonts: edition.fonts, page }));
    const made: (MadePage | undefined)[] = keys.map((k) => this.pages.get(k));
    const cached = made.map((m) => m !== undefined);
    const todo = made.flatMap((m, i) => (m ? [] : [i]));
    const workers = Math.min(req.workers ?? defaultWorkerCount(todo.length), todo.length);
    let done = total - todo.length;
    progress({ stage: "makeup", total, done, workers });
    const onPage = (i: number, m: MadePage) => {
      made[i] = m;
      done++;
      progress({ stage: "makeup", total, done, page: edition.pages[i]!.number, name: edition.pages[i]!.name, workers });
    };
    if (workers > 1) {
      const results = await makeupInWorkers(edition.fonts, todo.map((i) => edition.pages[i]!), workers, (j, m) => onPage(todo[j]!, m));
      results.forEach((m, j) => (made[todo[j]!] = m));
    } else {
      for (const i of todo) onPage(i, makeupOnePage(edition.fonts, edition.pages[i]!));
    }
    const pages = made as MadePage[];
    this.pages = new Map(keys.map((k, i) => [k, pages[i]!]));
    const { document, report } = assembleEdition(edition, pages, warnings);
    lap("makeup");

    if (req.mode === "print" && !req.allowMissingGlyphs) refuseMissingGlyphs(req.layout, report);
    const outputs = defaultOutputs(req.layout);
    const pdf = req.out ?? outputs.pdf;
    const reportFile = req.report ?? (req.out ? req.out.replace(/\.pdf$/i, "") + ".report.json" : outputs.report);
    progress({ stage: "pdf", total });
    const { renderPdfBytes } = await pdfModule;
    const opts = { out: pdf, mode: req.mode, proofTime: req.proofTime, inkLimit: req.inkLimit };
    let result: PdfMemo["result"];
    const memoKey = await this.pdfKey(document, opts);
    if (this.pdf && this.pdf.key === memoKey && sameObjects(this.pdf.pages, document.pages)) {
      await writeFileAtomically(pdf, this.pdf.bytes);
      result = this.pdf.result;
    } else {
      const written = await renderPdfBytes(document, opts);
      await writeFileAtomically(pdf, written.pdf);
      result = { bytes: written.pdf.length, warnings: written.warnings, images: written.images };
      this.pdf = { key: memoKey, pages: document.pages, bytes: written.pdf, result };
    }
    lap("pdf");
    report.warnings.push(...result.warnings);
    const full: LayoutReport & { mode: string; pdf: string; images: unknown[] } = { ...report, mode: req.mode, pdf, images: result.images };
    await writeFileAtomically(reportFile, new TextEncoder().encode(`${JSON.stringify(full, null, 1)}\n`));
    lap("report");
    progress({ stage: "done", total });
    const summary = pages.map((m, i): PageSummary => {
      const over = m.report.stories.filter((s) => s.overset.lines > 0);
      return {
        number: m.page.number,
        name: m.page.name,
        oversetStories: over.length,
        oversetLines: over.reduce((n, s) => n + s.overset.lines, 0),
        warnings: m.report.warnings.length + m.fontWarnings.length,
        ms: cached[i] ? 0 : Math.round(m.ms * 10) / 10,
        cached: cached[i]!,
      };
    });
    return { edition, document, report: full, pdf, reportFile, bytes: result.bytes, timings, summary, workers: workers > 1 ? workers : 0 };
  }

  /**
   * What a PDF depends on besides the display pages: the options, and each photo file's size
   * and modification time (a changed photo must be processed again).
   */
  private async pdfKey(document: DisplayDocument, opts: { mode: string; proofTime?: string; inkLimit?: number }): Promise<string> {
    const photos: string[] = [];
    for (const page of document.pages) {
      for (const item of page.items) {
        if (item.kind !== "image") continue;
        try {
          const s = await stat(item.src);
          photos.push(`${item.src}:${s.size}:${s.mtimeMs}`);
        } catch {
          photos.push(`${item.src}:missing`);
        }
      }
    }
    const doc = { title: document.title, paper: document.paper, date: document.date };
    return JSON.stringify({ doc, mode: opts.mode, proofTime: opts.proofTime ?? null, inkLimit: opts.inkLimit ?? null, photos, cwd: process.cwd() });
  }
}

function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A print PDF with holes in the text is worse than none: say where, write nothing. */
function refuseMissingGlyphs(layout: string, report: LayoutReport): void {
  const missing = report.warnings.filter((w) => w.code === "missing-glyph");
  if (!missing.length) return;
  const shown = missing.slice(0, 5).map((w) => w.message.replace(/; it is marked in the proof$/, ""));
  throw new PaibanError(
    `print refused: ${missing.length} character${missing.length > 1 ? "s" : ""} no configured font can set — ${shown.join("; ")}${missing.length > 5 ? "; …" : ""}. ` +
      `Fix the copy, configure a font that has them (paiban fonts --check FILE), or pass --allow-missing-glyphs`,
    { file: layout },
  );
}
