import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { DisplayDocument } from "../../src/display/types.js";
import { FontStore } from "../../src/fonts/store.js";
import { layOut } from "../../src/pipeline/render.js";
import { checkDpi, writePngs } from "../../src/preview/png.js";
import { CLI, REPO, sampleProject } from "./helpers.js";

describe("PNG export from the display list", () => {
  let doc: DisplayDocument;
  let name = "";
  beforeAll(async () => {
    const r = await layOut(path.join(REPO, "layouts/quxian.json"));
    doc = r.document;
    name = r.edition.name;
  }, 60_000);

  it("writes <layout>-p<number>.png at the dpi asked for", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "paiban-png-"));
    const { files } = await writePngs(doc, { dir, name, dpi: 50, mode: "proof", fonts: new FontStore() });
    const page = doc.pages[0]!;
    expect(files).toEqual([path.join(dir, `quxian-p${page.number}.png`)]);
    const meta = await sharp(files[0]!).metadata();
    expect(meta.format).toBe("png");
    expect(meta.width).toBe(Math.round((page.trimWidth * 50) / 72));
    expect(meta.height).toBe(Math.round((page.trimHeight * 50) / 72));
  }, 60_000);

  it("shows ink where the display list has it: dark text, a coloured photo, a white margin", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "paiban-png-"));
    const { files } = await writePngs(doc, { dir, name, dpi: 36, mode: "proof", fonts: new FontStore() });
    const { data, info } = await sharp(files[0]!).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(px(2, 2)).toEqual([255, 255, 255]); // outside the type area
    let dark = 0;
    for (let i = 0; i < data.length; i += 3) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
    expect(dark / (data.length / 3)).toBeGreaterThan(0.01);
    const photo = doc.pages[0]!.items.find((i) => i.kind === "image")!;
    if (photo.kind !== "image") throw new Error("no photo");
    const [r, g, b] = px(Math.round(((photo.x + photo.width / 2) * 36) / 72), Math.round(((photo.y + photo.height / 2) * 36) / 72));
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeGreaterThan(10); // not grey: the photo is there
  }, 60_000);

  it("refuses a dpi out of range with a clear message", () => {
    expect(() => checkDpi(5)).toThrow(/--dpi must be a number from 10 to 600, got 5/);
    expect(() => checkDpi(Number.NaN)).toThrow(/not a number/);
    expect(checkDpi(150)).toBe(150);
  });
});

describe("paiban render --png --dpi", () => {
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });

  it("writes the PDF and one PNG per page", () => {
    const p = sampleProject();
    const r = run(["render", "layouts/quxian.json", "--png", "png", "--dpi", "30"], p.dir);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/png\/quxian-p4\.png \(30 dpi\) in \d+ ms/);
    expect(existsSync(path.join(p.dir, "png/quxian-p4.png"))).toBe(true);
    expect(existsSync(path.join(p.dir, "out/quxian.pdf"))).toBe(true);
  }, 60_000);

  it("says what is wrong with a bad --dpi, before rendering, without a stack trace", () => {
    const p = sampleProject();
    for (const [args, message] of [
      [["--png", "png", "--dpi", "0"], /--dpi must be a number from 10 to 600, got 0/],
      [["--png", "png", "--dpi", "lots"], /--dpi must be a number from 10 to 600, got something that is not a number/],
      [["--dpi", "100"], /dpi -> png/],
    ] as const) {
      const r = run(["render", "layouts/quxian.json", ...args], p.dir);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
      expect(existsSync(path.join(p.dir, "out/quxian.pdf"))).toBe(false);
    }
  }, 60_000);
});
