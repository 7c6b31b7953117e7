/**
 * Jumps (转版) in the 16-page edition's print PDF, read back with poppler's pdftotext as a plant
 * or an archive would: the front page's two stories end with （下转第2版）, their continuations on
 * page 2 open with （上接第1版）. Runs only with PAIBAN_DEBIAN_TOOLS=1.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { render } from "../../src/pipeline/render.js";

const enabled = process.env.PAIBAN_DEBIAN_TOOLS === "1";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe.skipIf(!enabled)("jump lines in the edition's print PDF (pdftotext)", () => {
  it("page 1 says （下转第2版） twice, page 2 （上接第1版） twice", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-jump-text-"));
    try {
      const out = path.join(dir, "edition.pdf");
      await render({ layout: path.join(root, "layouts/edition-16.json"), mode: "print", out, workers: 0 });
      const page = (n: number) => execFileSync("pdftotext", ["-f", String(n), "-l", String(n), out, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
      const count = (text: string, s: string) => text.split(s).length - 1;
      expect(count(page(1), "（下转第2版）")).toBe(2);
      expect(count(page(1), "（上接")).toBe(0);
      expect(count(page(2), "（上接第1版）")).toBe(2);
      expect(count(page(2), "（下转")).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
