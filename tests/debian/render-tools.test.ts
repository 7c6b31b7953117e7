/**
 * Checks of our print PDF with the Debian tools a print plant would reach for: qpdf and
 * poppler-utils. Runs only with PAIBAN_DEBIAN_TOOLS=1 (apt-get install -y poppler-utils qpdf).
 */
import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { writePdf } from "../../src/render/pdf.js";
import { marksMargin } from "../../src/render/marks.js";
import { BLEED, TRIM_H, TRIM_W, makeAlphaPng, makePhoto, sampleDocument, tempDir } from "../render/helpers.js";

const enabled = process.env.PAIBAN_DEBIAN_TOOLS === "1";
if (!enabled) {
  console.log("tests/debian skipped: set PAIBAN_DEBIAN_TOOLS=1 (needs apt-get install -y poppler-utils qpdf)");
}

function tool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe.skipIf(!enabled)("print PDF through qpdf and poppler", () => {
  let file = "";
  beforeAll(async () => {
    const dir = tempDir("paiban-debian-");
    file = join(dir, "print.pdf");
    const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
    await writePdf(doc, { out: file, mode: "print", cacheDir: join(dir, "cache") });
  }, 60_000);

  it("qpdf --check finds no errors", () => {
    const out = tool("qpdf", ["--check", file]);
    expect(out).toMatch(/No syntax or stream encoding errors found/);
  });

  it("pdffonts: every font embedded, subset, with a ToUnicode map", () => {
    const rows = tool("pdffonts", [file]).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it("pdfinfo -box: PDF/X-1a:2001, trim and bleed boxes", () => {
    const out = tool("pdfinfo", ["-box", file]);
    const m = marksMargin(BLEED);
    const fmt = (n: number) => n.toFixed(2);
    expect(out).toMatch(/PDF version:\s+1\.3/);
    expect(out).toMatch(/PDF subtype:\s+PDF\/X-1:2001/); // poppler names the GTS_PDFXVersion key; the conformance key says X-1a
    expect(out).toMatch(new RegExp(`TrimBox:\\s+${fmt(m)}\\s+${fmt(m)}\\s+${fmt(m + TRIM_W)}\\s+${fmt(m + TRIM_H)}`));
    expect(out).toMatch(new RegExp(`BleedBox:\\s+${fmt(m - BLEED)}\\s+${fmt(m - BLEED)}`));
    expect(out).toMatch(/CreationDate:\s+Wed Nov 27 00:00:00 2024/);
  });

  it("pdfimages -list: CMYK JPEGs at about 300 ppi", () => {
    const rows = tool("pdfimages", ["-list", file]).trim().split("\n").slice(2);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      expect(cols[5]).toBe("cmyk"); // color
      expect(cols[8]).toBe("jpeg"); // enc
      expect(Number(cols[12])).toBeGreaterThanOrEqual(295); // x-ppi
    }
  });

  it("pdftotext gives the text in reading order", () => {
    const text = tool("pdftotext", ["-layout", file, "-"]);
    expect(text).toContain("区县快递");
    expect(text.replace(/\s+/g, "")).toContain("本报讯（记者王小明）");
    expect(text).toContain("重庆政协报");
    expect(text).not.toContain("校样");
  });
});
