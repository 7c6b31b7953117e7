/**
 * The sample page in print mode, read back with npm libraries only (pdf-lib through our
 * preflight, pdfjs-dist for text): what the plant's tools would say, without the plant's tools.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { preflight, type PreflightResult } from "../../src/preflight/preflight.js";
import { root } from "../typeset/setup.js";
import { paragraphsInOrder, pdfText } from "./text.js";

const cli = path.join(root, "dist/cli/main.js");
let dir: string;
let file: string;
let result: PreflightResult;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-print-"));
  file = path.join(dir, "page.pdf");
  const r = spawnSync(process.execPath, [cli, "render", path.join(root, "layouts/quxian.json"), "--mode", "print", "--out", file], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  result = await preflight(file);
}, 60_000);

describe("paiban render layouts/quxian.json --mode print", () => {
  it("passes preflight: no text puts ink on the 区县快递 box's frame", () => {
    // Preflight measures overprinted build-ups where glyphs put ink (their outline boxes): the
    // box's credits end in a closing bracket whose em box reaches into the frame's band, its ink not.
    expect(result.problems).toEqual([]);
  });

  it("embeds and subsets every font", () => {
    expect(result.facts.fonts.length).toBeGreaterThanOrEqual(3);
    for (const f of result.facts.fonts) expect([f.name, f.embedded, f.subset]).toEqual([f.name, true, true]);
  });

  it("has TrimBox and BleedBox: the 对开 trim, 3 mm bleed", () => {
    const b = result.facts.boxes[0]!;
    const trim = b.trim!;
    expect(trim[2] - trim[0]).toBeCloseTo(1105.51, 1);
    expect(trim[3] - trim[1]).toBeCloseTo(1539.21, 1);
    expect(trim[0] - b.bleed![0]).toBeCloseTo(8.5, 1);
  });

  it("holds only CMYK images at 200 ppi or more", () => {
    expect(result.facts.images.length).toBe(1);
    for (const im of result.facts.images) {
      expect(im.colorSpace).toBe("DeviceCMYK");
      expect(im.ppi).toBeGreaterThanOrEqual(200);
    }
  });

  it("extracts as the seed copy, story by story in reading order", async () => {
    expect(paragraphsInOrder(await pdfText(file))).toEqual([]);
  });
});
