/**
 * PDF/X-1a:2001 identification and the deterministic parts of the file: info dictionary,
 * OutputIntent naming a registered newspaper characterization, and a file ID that is a hash
 * of the file's content.
 *
 * ISO 15930-1:2001 identifies X-1a:2001 by two keys: GTS_PDFXVersion "PDF/X-1:2001" (the
 * standard) and GTS_PDFXConformance "PDF/X-1a:2001" (the conformance level); "PDF/X-1a:2001"
 * as the version is not a version the standard defines. The file is PDF 1.3, so no page
 * carries /UserUnit (a PDF 1.6 key pdfkit writes on every page).
 */
import { calendarDate } from "../common/dates.js";
import { createHash } from "node:crypto";
import type { DisplayDocument } from "../display/types.js";
import { PaibanError } from "../common/diagnostics.js";
import { PdfToken, indirect, setCatalogEntry, type PdfkitDocument } from "./pdfkit-internals.js";

export const PDFX_VERSION = "PDF/X-1:2001";
export const PDFX_CONFORMANCE = "PDF/X-1a:2001";

/**
 * The ICC Characterization Data Registry (color.org) lists IFRA26: ISO 12647-3 coldset
 * offset on standard newsprint, 26 % tone value increase (the data behind WAN-IFRA's
 * ISOnewspaper26v4). PDF/X-1a allows naming a registered condition without embedding a profile.
 */
export const OUTPUT_INTENT = {
  identifier: "IFRA26",
  condition: "Coldset offset on standard newsprint, 26 % TVI (ISO 12647-3:2004)",
  registry: "http://www.color.org",
  info: "ISOnewspaper26v4 (WAN-IFRA), ICC characterization data registry name IFRA26",
} as const;

export const PRODUCER = "paiban (pdfkit 0.20.2)";

/** The issue date as a Date at 00:00 UTC; the only clock the PDF knows. */
export function issueDate(doc: DisplayDocument): Date {
  const date = calendarDate(doc.date ?? "");
  if (!date) {
    throw new PaibanError(`document date "${doc.date}" is not a valid yyyy-mm-dd date`, { where: "date" });
  }
  return date;
}

/** The info dictionary; print adds the PDF/X keys. */
export function infoDictionary(doc: DisplayDocument, mode: "print" | "proof"): Record<string, unknown> {
  const date = issueDate(doc);
  const info: Record<string, unknown> = {
    Title: doc.title,
    Subject: `${doc.paper} ${doc.date}`,
    Creator: "paiban",
    Producer: PRODUCER,
    CreationDate: date,
    ModDate: date,
  };
  if (mode === "print") {
    info.Trapped = new PdfToken("/False");
    info.GTS_PDFXVersion = PDFX_VERSION;
    info.GTS_PDFXConformance = PDFX_CONFORMANCE;
  }
  return info;
}

/** Keys a PDF 1.3 page may not carry (pdfkit writes /UserUnit 1 on every page). */
export function pdfxPageDictionary(page: Record<string, unknown>): void {
  delete page.UserUnit;
}

/** Put the single GTS_PDFX OutputIntent into the catalog. */
export function addOutputIntent(doc: PdfkitDocument): void {
  const intent = indirect(doc, {
    Type: "OutputIntent",
    S: "GTS_PDFX",
    OutputConditionIdentifier: new String(OUTPUT_INTENT.identifier),
    OutputCondition: new String(OUTPUT_INTENT.condition),
    RegistryName: new String(OUTPUT_INTENT.registry),
    Info: new String(OUTPUT_INTENT.info),
  });
  setCatalogEntry(doc, "OutputIntents", [intent]);
}

/**
 * Replace the trailer's /ID with an MD5 of the file (ID bytes zeroed while hashing): equal
 * content gives equal IDs, different content different ones. Same length, so offsets hold.
 */
export function stampFileId(pdf: Buffer): Buffer {
  const at = pdf.lastIndexOf("/ID [<");
  if (at < 0) throw new Error("pdfkit wrote no trailer /ID: see pdfkit-internals.ts");
  const first = at + "/ID [<".length;
  const firstEnd = pdf.indexOf(">", first);
  const second = pdf.indexOf("<", firstEnd) + 1;
  const secondEnd = pdf.indexOf(">", second);
  const len = firstEnd - first;
  if (len <= 0 || secondEnd - second !== len) throw new Error("unexpected trailer /ID layout");
  pdf.fill(0x30, first, firstEnd);
  pdf.fill(0x30, second, secondEnd);
  const digest = createHash("md5").update(pdf).digest("hex").slice(0, len).padEnd(len, "0");
  pdf.write(digest, first, "latin1");
  pdf.write(digest, second, "latin1");
  return pdf;
}
