/**
 * The sample page in print mode through the tools a print plant reaches for (qpdf,
 * poppler-utils). Runs only with PAIBAN_DEBIAN_TOOLS=1 (.ci/run installs the tools and sets it).
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { paragraphsInOrder } from "../print/text.js";
import { root } from "../typeset/setup.js";

const enabled = process.env.PAIBAN_DEBIAN_TOOLS === "1";
if (!enabled) console.log("tests/debian/quxian-tools skipped: set PAIBAN_DEBIAN_TOOLS=1 (needs poppler-utils and qpdf)");

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe.skipIf(!enabled)("paiban render layouts/quxian.json --mode print, checked with qpdf and poppler", () => {
  let file = "";
  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paiban-plant-")), "page.pdf");
    const r = spawnSync(process.execPath, [path.join(root, "dist/cli/main.js"), "render", path.join(root, "layouts/quxian.json"), "--mode", "print", "--out", file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
  }, 60_000);

  it("qpdf --check: no errors", () => {
    expect(tool("qpdf", ["--check", file])).toMatch(/No syntax or stream encoding errors found/);
  });

  it("pdffonts: every font embedded and subset", () => {
    const rows = tool("pdffonts", [file]).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it("pdfinfo -box: TrimBox and BleedBox", () => {
    const out = tool("pdfinfo", ["-box", file]);
    expect(out).toMatch(/TrimBox:\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
    expect(out).toMatch(/BleedBox:\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+/);
    const trim = out.match(/TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/)!.slice(1).map(Number);
    expect(trim[2]! - trim[0]!).toBeCloseTo(1105.51, 1);
    expect(trim[3]! - trim[1]!).toBeCloseTo(1539.21, 1);
  });

  it("pdfimages -list: only CMYK images, at 200 ppi or more", () => {
    const rows = tool("pdfimages", ["-list", file]).trim().split("\n").slice(2);
    expect(rows).toHaveLength(1);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      expect(cols[5]).toBe("cmyk");
      expect(Number(cols[12])).toBeGreaterThanOrEqual(200);
      expect(Number(cols[13])).toBeGreaterThanOrEqual(200);
    }
  });

  it("pdftotext -raw: the seed copy, story by story in reading order", () => {
    const text = tool("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]).replace(/[\s\u3000]+/gu, "");
    expect(paragraphsInOrder(text)).toEqual([]);
  });
});

describe.skipIf(!enabled)("paiban render layouts/quxian-vertical.json --mode print (竖排), checked with qpdf and poppler", () => {
  let file = "";
  beforeAll(() => {
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "paiban-plant-")), "vertical.pdf");
    const r = spawnSync(process.execPath, [path.join(root, "dist/cli/main.js"), "render", path.join(root, "layouts/quxian-vertical.json"), "--mode", "print", "--out", file], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no overset/);
  }, 60_000);

  it("qpdf --check: no errors", () => {
    expect(tool("qpdf", ["--check", file])).toMatch(/No syntax or stream encoding errors found/);
  });

  it("pdftotext -raw: the seed copy in reading order, the vertical box and caption included (ToUnicode maps the vert glyphs back)", () => {
    const text = tool("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"]).replace(/[\s\u3000]+/gu, "");
    expect(paragraphsInOrder(text)).toEqual([]);
    // A vertical line with 纵中横 digits and vertical-form marks, as the reader reads it.
    expect(text).toContain("本报讯11月22日，开州区政协副主席刘兆平带领乡村振兴帮扶工作团成员单位负责人");
    expect(text).toContain("开州：助力乡村振兴");
  });
});
