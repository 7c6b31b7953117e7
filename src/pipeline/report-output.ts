/**
 * Report writing: the layout report of a render, with what writing the PDF found (its
 * warnings, the photos' effective resolution), as the JSON file beside the PDF.
 */
import type { LayoutReport } from "../makeup/report.js";
import type { OutputSet } from "../render/atomic.js";
import type { PdfWritten } from "./pdf-output.js";

/** The report file's content: the make-up's report, the PDF's warnings after its own, the mode, the PDF and its images. */
export type RenderReport = LayoutReport & { mode: string; pdf: string; images: unknown[] };

/** The report of a render (a new object; `report` is left as it is). */
export function renderReport(report: LayoutReport, mode: string, pdf: string, written: Pick<PdfWritten, "warnings" | "images">): RenderReport {
  return { ...report, warnings: [...report.warnings, ...written.warnings], mode, pdf, images: written.images };
}

/** Stage the report as JSON (one space indent, a final newline), committed with the PDF. */
export async function writeReport(file: string, report: RenderReport, outputs: OutputSet): Promise<void> {
  await outputs.stage(file, new TextEncoder().encode(`${JSON.stringify(report, null, 1)}\n`));
}
