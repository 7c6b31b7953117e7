/** Where a render writes, and whether it may write a print PDF at all. */
import path from "node:path";
import { PaibanError } from "../common/diagnostics.js";
import type { Warning } from "../common/diagnostics.js";
import { PRINT_MIN_PPI } from "../common/print.js";
import type { LayoutReport } from "../makeup/report.js";

/** Default output paths: out/<layout name>.pdf and out/<layout name>.report.json. */
export function defaultOutputs(layout: string): { pdf: string; report: string } {
  const name = path.basename(layout).replace(/\.json$/i, "");
  return { pdf: path.join("out", `${name}.pdf`), report: path.join("out", `${name}.report.json`) };
}

/**
 * The PDF and report files of a render: as given; a report beside a given PDF
 * (x.pdf → x.report.json); otherwise the defaults.
 */
export function outputFiles(req: { layout: string; out?: string; report?: string }): { pdf: string; report: string } {
  const outputs = defaultOutputs(req.layout);
  const pdf = req.out ?? outputs.pdf;
  const report = req.report ?? (req.out ? req.out.replace(/\.pdf$/i, "") + ".report.json" : outputs.report);
  return { pdf, report };
}

/**
 * The missing-glyph policy: a print PDF with holes in the text is worse than none, so print
 * is refused (saying where) when a character has no glyph, unless allowed; a proof marks them.
 */
export function refuseMissingGlyphs(layout: string, report: LayoutReport): void {
  const missing = report.warnings.filter((w) => w.code === "missing-glyph");
  if (!missing.length) return;
  const shown = missing.slice(0, 5).map((w) => w.message.replace(/; it is marked in the proof$/, ""));
  throw new PaibanError(
    `print refused: ${missing.length} character${missing.length > 1 ? "s" : ""} no configured font can set — ${shown.join("; ")}${missing.length > 5 ? "; …" : ""}. ` +
      `Fix the copy, configure a font that has them (paiban fonts --check FILE), or pass --allow-missing-glyphs`,
    { file: layout },
  );
}

/**
 * The resolution policy: a photo under the house minimum (PRINT_MIN_PPI effective in its
 * frame) prints soft and the plant's preflight stops it, so print is refused (naming each
 * photo) unless allowed; a proof only warns. `warnings` are the PDF writer's.
 */
export function refuseLowResolution(layout: string, warnings: Warning[]): void {
  const low = [...new Set(warnings.filter((w) => w.code === "image-resolution").map((w) => `${w.itemId ? `${w.itemId}: ` : ""}${w.message.replace(/ for print$/, "")}`))];
  if (!low.length) return;
  throw new PaibanError(
    `print refused: ${low.length} photo${low.length > 1 ? "s" : ""} below the house minimum of ${PRINT_MIN_PPI} ppi — ${low.slice(0, 5).join("; ")}${low.length > 5 ? "; …" : ""}. ` +
      `Give a larger photo or a smaller frame, or pass --allow-low-resolution`,
    { file: layout },
  );
}

/**
 * The collision policy: text on a box's frame or a photo, a rule across a photo, anything
 * outside its item's frame puts ink on ink, so print is refused (saying where); a proof warns
 * (make-up's own check, src/makeup/collisions.ts).
 */
export function refuseCollisions(layout: string, report: LayoutReport): void {
  const found = report.warnings.filter((w) => w.code === "collision");
  if (!found.length) return;
  const shown = found.slice(0, 3).map((w) => w.message);
  throw new PaibanError(
    `print refused: ${found.length} collision${found.length > 1 ? "s" : ""} in the make-up — ${shown.join("; ")}${found.length > 3 ? "; …" : ""}. Move or resize the items (the proof shows the same as warnings)`,
    { file: layout },
  );
}
