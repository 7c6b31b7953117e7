/**
 * PDF writing for the pipeline: the display list to a PDF file, atomically, remembering the
 * last PDF so that rendering the same pages with the same options and photo files again
 * (`paiban watch` after a change that did not touch them) writes the kept bytes.
 */
import type { FontStore } from "../fonts/store.js";
import { stat } from "node:fs/promises";
import type { Warning } from "../common/diagnostics.js";
import type { OutputProfile } from "../common/icc.js";
import type { DisplayDocument, DisplayPage } from "../display/types.js";
import type { OutputSet } from "../render/atomic.js";
import type { PdfImageFact } from "../render/pdf.js";

export type PdfWriterModule = typeof import("../render/pdf.js");

/**
 * Start loading the PDF writer (pdfkit, sharp), which takes a while: a render starts it first
 * and awaits it only when the pages are made up. A failure is reported where it is awaited.
 */
export function loadPdfWriter(): Promise<PdfWriterModule> {
  const module = import("../render/pdf.js");
  module.catch(() => {});
  return module;
}

export interface PdfOutputOptions {
  /** The file to write. */
  out: string;
  mode: "print" | "proof";
  proofTime?: string;
  inkLimit?: number;
  /** Print: the plant's press profile (checked); default: the shipped one. */
  outputProfile?: OutputProfile;
  /** The run's fonts. */
  fonts: FontStore;
  /** Called with what writing found before the file is written; it throws to write nothing (a refused print). */
  check?: (written: PdfWritten) => void;
}

/** What writing the PDF found. */
export interface PdfWritten {
  bytes: number;
  warnings: Warning[];
  images: PdfImageFact[];
}

interface PdfMemo {
  key: string;
  pages: DisplayPage[];
  bytes: Buffer;
  result: PdfWritten;
}

/** Writes PDFs, keeping the last one (with what it was made from). */
export class PdfOutput {
  private memo: PdfMemo | undefined;

  /** Forget the kept PDF. */
  clear(): void {
    this.memo = undefined;
  }

  /**
   * Stage `document` as a PDF for `opts.out` in `outputs` (committed with the report and PNGs):
   * the kept bytes when nothing it depends on changed.
   */
  async write(document: DisplayDocument, opts: PdfOutputOptions, outputs: OutputSet, writer: Promise<PdfWriterModule> = loadPdfWriter()): Promise<PdfWritten> {
    const { renderPdfBytes } = await writer;
    const key = await pdfKey(document, opts);
    if (this.memo && this.memo.key === key && sameObjects(this.memo.pages, document.pages)) {
      opts.check?.(this.memo.result);
      await outputs.stage(opts.out, this.memo.bytes);
      return this.memo.result;
    }
    const written = await renderPdfBytes(document, {
      out: opts.out,
      mode: opts.mode,
      proofTime: opts.proofTime,
      inkLimit: opts.inkLimit,
      fonts: opts.fonts,
      ...(opts.outputProfile && { outputProfile: opts.outputProfile }),
    });
    const result: PdfWritten = { bytes: written.pdf.length, warnings: written.warnings, images: written.images };
    this.memo = { key, pages: document.pages, bytes: written.pdf, result };
    opts.check?.(result);
    await outputs.stage(opts.out, written.pdf);
    return result;
  }
}

/**
 * What a PDF depends on besides the display pages: the options, and each photo file's size
 * and modification time (a changed photo must be processed again).
 */
async function pdfKey(document: DisplayDocument, opts: { mode: string; proofTime?: string; inkLimit?: number; outputProfile?: OutputProfile }): Promise<string> {
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
  const p = opts.outputProfile;
  const profile = p ? [p.digest, p.identifier, p.condition, p.info, p.registry ?? null] : null;
  return JSON.stringify({ doc, mode: opts.mode, proofTime: opts.proofTime ?? null, inkLimit: opts.inkLimit ?? null, profile, photos, cwd: process.cwd() });
}

function sameObjects<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
