/**
 * Rows of the bad-input table for `paiban preflight` (issue 13, items 8 and 14): hostile PDFs,
 * each answered with one line naming the file, exit 1, in bounded time and memory; option
 * values that would switch a check off are usage errors. The PDFs are built by
 * tests/preflight/minimal-pdf.ts.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { HOSTILE, cleanPdf } from "../preflight/minimal-pdf.js";
import type { Row } from "./rows.js";
import { expectRefused, expectUsage } from "./run.js";

/** What each hostile PDF gets (the line after `paiban: hostile.pdf: `). */
const GETS: Record<string, string> = {
  "%PDF-1.4 alone": "the PDF has no document catalog (no /Root in the trailer)",
  "no Root in the trailer": "the PDF has no document catalog (no /Root in the trailer)",
  "a Root that is not a dictionary": "the PDF's /Root is not a dictionary (damaged)",
  "a /Kids cycle": "the page tree has a cycle (/Kids reach object 2 twice)",
  "a /Parent cycle": "the page tree's root has a /Parent (a /Parent cycle or a damaged tree)",
  "200,000 nested [ in an object": "the document catalog has no page tree (/Pages is missing or not a dictionary)",
  "200,000 nested [ in page content": "the PDF is damaged or hostile: arrays or dictionaries in page content nested deeper than 64",
  "a 2 MB single token": "the document catalog has no page tree (/Pages is missing or not a dictionary)",
  "a 2 MB single token in page content": "the PDF is damaged or hostile: a token in page content is longer than 64 KB",
  "a form XObject that draws itself 10 times": "the PDF is damaged or hostile: form XObject 5 draws itself (a cycle)",
  "forms nested 10 deep, each drawing the next 10 times": "the PDF is damaged or hostile: too many form XObjects drawn (more than the form budget) …",
  "an image declaring 100000 × 100000 pixels with 16 bytes of data": "the PDF is damaged or hostile: image 5 0 R declares 100000 × 100000 pixels, more than preflight measures (120 M)",
  "an image declaring 4000 × 4000 pixels with 16 bytes of data": "the PDF is damaged or hostile: image 5 0 R declares 4000 × 4000 pixels (64000000 bytes) but holds 16 bytes: damaged",
  "a 500 KB flate bomb as page content (500 MB inflated)": "the PDF is damaged or hostile: a stream decompresses to more than 64 MB",
  "a flate bomb in an object stream": "the PDF is damaged or hostile: an object stream decompresses to more than 64 MB",
};

export const PREFLIGHT_ROWS: Row[] = [
  ...HOSTILE.map(
    (h): Row => ({
      group: "preflight",
      input: `PDF: ${h.name}`,
      gets: `\`hostile.pdf: ${GETS[h.name] ?? "…"}\` in seconds`,
      outcome: "refused",
      command: "preflight",
      timed: true,
      setup: (dir) => {
        writeFileSync(join(dir, "hostile.pdf"), h.file());
        return ["hostile.pdf"];
      },
      check: (r) => {
        // pdf-lib's console warnings stay silent: the one line is paiban's.
        expectRefused(r, new RegExp(`^paiban: hostile\\.pdf: .*${h.message.source}`));
        expect(r.stdout).toBe("");
        // A few seconds of CPU on an idle machine (README, Print); room for a loaded one.
        expect(r.ms).toBeLessThan(25_000);
      },
    }),
  ),
  ...(["--ink-limit", "--min-ppi"] as const).map(
    (flag): Row => ({
      group: "preflight",
      input: `${flag} abc`,
      gets: `\`${flag} must be a number above 0 and at most ${flag === "--ink-limit" ? 1000 : 10000}\` (the check is never switched off)`,
      outcome: "usage",
      command: "preflight",
      args: [flag, "abc"],
      setup: (dir) => {
        writeFileSync(join(dir, "clean.pdf"), cleanPdf());
        return ["clean.pdf"];
      },
      check: (r) => expectUsage(r, new RegExp(`^paiban: ${flag} must be a number above 0 and at most \\d+$`)),
    }),
  ),
];
