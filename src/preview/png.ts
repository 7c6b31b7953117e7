/**
 * PNG export: every page of a display document as `DIR/<layout>-p<number>.png`, drawn from
 * the same display list the PDF was drawn from (no second layout) as SVG (svg.ts) and
 * rasterised by sharp (librsvg). Nothing outside npm.
 *
 * Why not pdfjs-dist on the written PDF: it needs a canvas, and node-canvas is a native build
 * the machine cannot fetch; the SVG path needs only sharp, which the photo pipeline already
 * uses, and the same SVG is what the live preview shows.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { loadSharp } from "../common/sharp.js";
import { PaibanError } from "../common/diagnostics.js";
import type { DisplayDocument, DisplayPage } from "../display/types.js";
import type { FontStore } from "../fonts/store.js";
import { type OutputSet, writeFileAtomically } from "../render/atomic.js";
import { pagePhotos, pageSvg } from "./svg.js";

export const DEFAULT_DPI = 100;
export const MIN_DPI = 10;
export const MAX_DPI = 600;

export interface PngOptions {
  /** Folder to write into (created when missing). */
  dir: string;
  /** Layout name: the files are <name>-p<number>.png. */
  name: string;
  dpi?: number;
  mode: "proof" | "print";
  /** The fonts the document was set with (the run's store). */
  fonts: FontStore;
}

export interface PngResult {
  files: string[];
  /** Milliseconds for all pages. */
  ms: number;
}

/** A dpi the exporter accepts, or a clear message. */
export function checkDpi(dpi: unknown): number {
  if (typeof dpi !== "number" || !Number.isFinite(dpi) || dpi < MIN_DPI || dpi > MAX_DPI) {
    throw new PaibanError(`--dpi must be a number from ${MIN_DPI} to ${MAX_DPI}, got ${Number.isNaN(dpi) ? "something that is not a number" : String(dpi)}`, { exitCode: 2 });
  }
  return dpi;
}

export function pngName(name: string, page: DisplayPage): string {
  return `${name}-p${page.number}.png`;
}

/** One page as PNG bytes. */
export async function pagePng(page: DisplayPage, dpi: number, mode: PngOptions["mode"], fonts: FontStore): Promise<Buffer> {
  const photos = await pagePhotos(page, Math.min(dpi, 300));
  const svg = pageSvg(page, { dpi, mode, photos, fonts });
  try {
    return await (await loadSharp())(Buffer.from(svg), { limitInputPixels: false }).png({ compressionLevel: 6 }).toBuffer();
  } catch (err) {
    throw new PaibanError(`the page could not be rasterised: ${(err as Error).message}`, { where: `page ${page.number}` });
  }
}

/** Write one PNG per page (or stage them in `outputs`, committed with the PDF); returns the files. */
export async function writePngs(doc: DisplayDocument, opts: PngOptions, outputs?: OutputSet): Promise<PngResult> {
  const started = performance.now();
  const dpi = checkDpi(opts.dpi ?? DEFAULT_DPI);
  const files = doc.pages.map((page) => path.join(opts.dir, pngName(opts.name, page)));
  // librsvg draws one page on one core: an edition goes a few pages at a time.
  const lanes = Math.max(1, Math.min(4, availableParallelism()));
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < doc.pages.length; i = next++) {
      const png = await pagePng(doc.pages[i]!, dpi, opts.mode, opts.fonts);
      await (outputs ? outputs.stage(files[i]!, png) : writeFileAtomically(files[i]!, png));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return { files, ms: Math.round(performance.now() - started) };
}

/**
 * `paiban render --png DIR [--dpi N]`: after the PDF is written, the same display list as
 * PNGs. Prints where they went unless quiet.
 */
export async function exportPngs(
  rendered: { document: DisplayDocument; edition: { name: string }; fonts: FontStore },
  args: { png?: string; dpi?: number; mode: PngOptions["mode"]; quiet?: boolean },
  outputs?: OutputSet,
): Promise<PngResult | undefined> {
  if (args.png === undefined) return undefined;
  if (!args.png.trim()) throw new PaibanError("--png needs a folder to write into", { exitCode: 2 });
  const result = await writePngs(rendered.document, { dir: args.png, name: rendered.edition.name, dpi: args.dpi, mode: args.mode, fonts: rendered.fonts }, outputs);
  const what = result.files.length === 1 ? result.files[0] : `${result.files.length} PNGs in ${args.png} (${rendered.edition.name}-p<number>.png)`;
  if (!args.quiet) process.stdout.write(`${what} (${args.dpi ?? DEFAULT_DPI} dpi) in ${result.ms} ms\n`);
  return result;
}
