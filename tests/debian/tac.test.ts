/**
 * Total ink as the plates get it: the seed page and every page of the 16-page edition, in print
 * mode, through Ghostscript's separation device (tiffsep, 100 dpi), the four plates summed per
 * pixel inside the TrimBox (tests/debian/tac.ts). Runs only with PAIBAN_DEBIAN_TOOLS=1
 * (.ci/run installs ghostscript and sets it).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_INK_LIMIT } from "../../src/common/print.js";
import { root } from "../typeset/setup.js";
import { pageTac } from "./tac.js";

const enabled = process.env.PAIBAN_DEBIAN_TOOLS === "1";
if (!enabled) console.log("tests/debian/tac skipped: set PAIBAN_DEBIAN_TOOLS=1 (needs ghostscript and poppler-utils)");

function printPdf(layout: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paiban-tac-")), "print.pdf");
  const r = spawnSync(process.execPath, [path.join(root, "dist/cli/main.js"), "render", path.join(root, layout), "--mode", "print", "--out", file, "-q"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return file;
}

describe.skipIf(!enabled)(`total ink under ${DEFAULT_INK_LIMIT} % everywhere inside the trim (gs -sDEVICE=tiffsep)`, () => {
  it.each([
    ["the seed page", "layouts/quxian.json", 1],
    ["every page of the 16-page edition", "layouts/edition-16.json", 16],
  ] as const)("%s", async (_name, layout, pages) => {
    const found = await pageTac(printPdf(layout), 100, DEFAULT_INK_LIMIT);
    expect(found).toHaveLength(pages);
    // Pixels over the limit, per page: none (the highest and where it is, for the message).
    expect(found.filter((p) => p.over > 0 || p.max > DEFAULT_INK_LIMIT)).toEqual([]);
    // The plates carry ink at all: a page of black text reaches 100 %.
    for (const p of found) expect(p.max).toBeGreaterThanOrEqual(100);
  }, 180_000);
});
