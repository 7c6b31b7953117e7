/** Where a render writes, and whether it may write a print PDF at all. */
import { stat } from "node:fs/promises";
import path from "node:path";
import { PaibanError } from "../common/diagnostics.js";
import type { Warning } from "../common/diagnostics.js";
import { PRINT_MIN_PPI } from "../common/print.js";
import type { EditionSpec } from "../makeup/spec.js";
import type { LayoutReport } from "../makeup/report.js";
import { allFiles, editionFiles } from "./inputs.js";

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

/** The same file: the same resolved path, or (both existing) the same device and inode, so a hard link or a symlink is caught too. */
async function identity(file: string): Promise<string | undefined> {
  try {
    const st = await stat(file);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Outputs that would destroy what the user has: an output that is one of the render's inputs
 * (the layout, a copy file, a photo, a font), a device or a pipe (rename would put a regular
 * file in place of /dev/null), or the other output. Each is a usage error (exit 2), found
 * before anything is made.
 */
export async function checkOutputs(files: { pdf: string; report: string }, edition: EditionSpec, more: { flag: string; file: string }[] = [], moreInputs: string[] = []): Promise<void> {
  const outputs = [{ flag: "--out", file: files.pdf }, { flag: "--report", file: files.report }, ...more];
  const inputs = [...allFiles(editionFiles(edition)), ...moreInputs];
  const byPath = new Map(inputs.map((f) => [path.resolve(f), f]));
  const byId = new Map<string, string>();
  for (const f of inputs) {
    const id = await identity(f);
    if (id) byId.set(id, f);
  }
  const seen = new Map<string, string>();
  for (const { flag, file } of outputs) {
    const abs = path.resolve(file);
    const id = await identity(file);
    const input = byPath.get(abs) ?? (id ? byId.get(id) : undefined);
    if (input !== undefined) {
      const what = input === edition.file ? "the layout file" : moreInputs.includes(input) ? "a file the render reads" : "a file the layout reads";
      throw new PaibanError(`${flag} ${file} would overwrite ${what} (${input}); name another output file`, { exitCode: 2 });
    }
    try {
      const st = await stat(file);
      if (!st.isFile() && !st.isDirectory()) {
        throw new PaibanError(`${flag} ${file} is a device or a pipe, not a file; name a file to write`, { exitCode: 2 });
      }
    } catch (err) {
      if (err instanceof PaibanError) throw err;
    }
    const other = seen.get(abs) ?? (id ? seen.get(id) : undefined);
    if (other !== undefined) throw new PaibanError(`${flag} ${file} is the same file as ${other}; the PDF and the report need a file each`, { exitCode: 2 });
    seen.set(abs, `${flag} ${file}`);
    if (id) seen.set(id, `${flag} ${file}`);
  }
}
