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
import type { OutputProfile } from "../common/icc.js";
import { PdfToken, indirect, setCatalogEntry, streamObject, type PdfkitDocument } from "./pdfkit-internals.js";

export const PDFX_VERSION = "PDF/X-1:2001";
export const PDFX_CONFORMANCE = "PDF/X-1a:2001";

/**
 * The condition the photos are separated for, declared for what it is. The default profile
 * (assets/icc/paiban-cmyk-tac240.icc, see its LICENSE.md) is built from FOGRA39L
 * characterization data — coated offset, ISO 12647-2 — with total ink limited to 240 %: the
 * ICC Characterization Data Registry (color.org) names that data FOGRA39. It is a freely
 * redistributable stand-in, not a newsprint (IFRA26, ISOnewspaper26v4) profile; declaring
 * IFRA26 while separating with FOGRA39 data told the plant a condition the file was not made
 * for. PDF/X-1a allows naming a registered condition without embedding a profile.
 */
export const OUTPUT_INTENT = {
  identifier: "FOGRA39",
  condition: "Offset printing on coated paper (ISO 12647-2:2004/Amd 1, paper type 1 or 2); photos separated with total ink limited to 240 %",
  registry: "http://www.color.org",
  info: "paiban-cmyk-tac240.icc: built from FOGRA39L characterization data (icc-profiles-free) with ArgyllCMS, total ink 240 %, black 95 %",
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

/**
 * Put the single GTS_PDFX OutputIntent into the catalog: the default's registered condition
 * without a profile, or a plant's profile (the one the photos were separated with) embedded
 * as DestOutputProfile, byte for byte, under the condition the plant named or the profile's
 * own description (src/common/icc.ts outputIntentNames).
 */
export function addOutputIntent(doc: PdfkitDocument, profile?: OutputProfile): void {
  if (!profile) {
    const intent = indirect(doc, {
      Type: "OutputIntent",
      S: "GTS_PDFX",
      OutputConditionIdentifier: new String(OUTPUT_INTENT.identifier),
      OutputCondition: new String(OUTPUT_INTENT.condition),
      RegistryName: new String(OUTPUT_INTENT.registry),
      Info: new String(OUTPUT_INTENT.info),
    });
    setCatalogEntry(doc, "OutputIntents", [intent]);
    return;
  }
  const dest = streamObject(doc, { N: 4 }, profile.bytes);
  const intent = indirect(doc, {
    Type: "OutputIntent",
    S: "GTS_PDFX",
    OutputConditionIdentifier: new String(profile.identifier),
    OutputCondition: new String(profile.condition),
    ...(profile.registry !== undefined && { RegistryName: new String(profile.registry) }),
    Info: new String(profile.info),
    DestOutputProfile: dest,
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
