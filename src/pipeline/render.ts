/**
 * The whole pipeline for one layout: layout JSON → EditionSpec → make-up → display list →
 * PDF, plus the layout report. Used by `paiban render`, and by watch and serve.
 */
import path from "node:path";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { DisplayDocument } from "../display/types.js";
import { makeFontMap } from "../fonts/fontmap.js";
import { loadLayout } from "../layout/index.js";
import type { EditionSpec } from "../layout/types.js";
import { makeupEdition } from "../makeup/page.js";
import type { LayoutReport } from "../makeup/report.js";
import { writeFileAtomically } from "../render/atomic.js";

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
}

export interface RenderOutcome {
  edition: EditionSpec;
  document: DisplayDocument;
  report: LayoutReport;
  pdf: string;
  reportFile: string;
  bytes: number;
  timings: Record<string, number>;
}

/** Default output paths: out/<layout name>.pdf and out/<layout name>.report.json. */
export function defaultOutputs(layout: string): { pdf: string; report: string } {
  const name = path.basename(layout).replace(/\.json$/i, "");
  return { pdf: path.join("out", `${name}.pdf`), report: path.join("out", `${name}.report.json`) };
}

/** Lay out (no PDF): the edition, its display list and the report. */
export async function layOut(layoutFile: string): Promise<{ edition: EditionSpec; document: DisplayDocument; report: LayoutReport }> {
  const { edition, warnings } = await loadLayout(layoutFile);
  const fonts = makeFontMap(edition.fonts);
  const { document, report } = makeupEdition(edition, fonts, warnings);
  return { edition, document, report };
}

export async function render(req: RenderRequest): Promise<RenderOutcome> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  const { edition, document, report } = await layOut(req.layout);
  lap("layout");
  if (req.mode === "print" && !req.allowMissingGlyphs) refuseMissingGlyphs(req.layout, report);
  const outputs = defaultOutputs(req.layout);
  const pdf = req.out ?? outputs.pdf;
  const reportFile = req.report ?? (req.out ? req.out.replace(/\.pdf$/i, "") + ".report.json" : outputs.report);
  const { writePdf } = await import("../render/pdf.js");
  const result = await writePdf(document, { out: pdf, mode: req.mode, proofTime: req.proofTime, inkLimit: req.inkLimit });
  lap("pdf");
  report.warnings.push(...result.warnings);
  const full: LayoutReport & { mode: string; pdf: string; images: unknown[] } = { ...report, mode: req.mode, pdf, images: result.images };
  await writeFileAtomically(reportFile, new TextEncoder().encode(`${JSON.stringify(full, null, 1)}\n`));
  lap("report");
  return { edition, document, report: full, pdf, reportFile, bytes: result.bytes, timings };
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

export function summariseWarnings(warnings: Warning[]): string[] {
  return warnings.map((w) => `warning: ${w.message}`);
}
