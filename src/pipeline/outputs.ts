/** Where a render writes, and whether it may write a print PDF at all. */
import path from "node:path";
import { PaibanError } from "../common/diagnostics.js";
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
