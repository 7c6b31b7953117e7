/**
 * The fast paths through fontkit, pdfkit, zlib and yargs are put in by one call
 * (installFastPaths) and kept out by PAIBAN_NO_FAST_PATHS=1, under which paiban gives the same
 * pages, more slowly.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { fastPaths, PLAIN_PATHS } from "../../src/common/fast-paths.js";
import { FontStore } from "../../src/fonts/store.js";
import { FAST_PATHS, fastPathsInstalled, installFastPaths } from "../../src/pipeline/fast-paths.js";
import { SERIF } from "../render/helpers.js";

const root = path.resolve(import.meta.dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "paiban-fast-paths-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The prototype holding fontkit's TrueType glyph decoding. */
function glyphClass(font: object): Record<string | symbol, unknown> {
  let proto = Object.getPrototypeOf((font as { getGlyph(id: number): object }).getGlyph(0)) as Record<string | symbol, unknown> | null;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, "_decode")) proto = Object.getPrototypeOf(proto);
  return proto!;
}

describe("installFastPaths", () => {
  const stores: FontStore[] = [];
  const store = () => {
    const s = new FontStore();
    stores.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of stores.splice(0)) s.close();
    installFastPaths(); // as the test setup left it
  });

  it("puts every fast path in with one call, and the plain paths back with PAIBAN_NO_FAST_PATHS=1", () => {
    installFastPaths(true);
    expect({ ...fastPaths }).toEqual(FAST_PATHS);
    expect(fastPathsInstalled()).toBe(true);
    installFastPaths(false);
    expect({ ...fastPaths }).toEqual(PLAIN_PATHS);
    expect(fastPathsInstalled()).toBe(false);
  });

  it("takes back its patch of fontkit's glyph class, and the plain path reads the font file whole", () => {
    installFastPaths(true);
    const fastStore = store();
    const fast = fastStore.parse(SERIF.file)!;
    const decode = glyphClass(fast)._decode;
    expect(glyphClass(fast)[Symbol.for("paiban.outlines")]).toBe(true);
    // Read now (the ink box is worked out on first read): the patch is about to be taken back.
    const fastGlyph = { ...fastStore.open({ file: SERIF.file }).glyph("国".codePointAt(0)!) };

    installFastPaths(false);
    const plainStore = store();
    const plain = plainStore.parse(SERIF.file)!;
    expect(plain).not.toBe(fast);
    expect(glyphClass(plain)._decode).not.toBe(decode);
    expect(glyphClass(plain)[Symbol.for("paiban.outlines")]).toBeUndefined();
    // Read whole: an outline far into the file decodes without the patch, and still does once
    // the store that read it is closed (no file kept open).
    plainStore.close();
    const glyph = (plain as unknown as { glyphForCodePoint(cp: number): { path: { commands: unknown[] } } }).glyphForCodePoint("龍".codePointAt(0)!);
    expect(glyph.path.commands.length).toBeGreaterThan(0);
    expect({ ...store().open({ file: SERIF.file }).glyph("国".codePointAt(0)!) }).toEqual(fastGlyph);
    expect(fastGlyph.inkRight).toBeGreaterThan(fastGlyph.inkLeft);
  });
});

describe("PAIBAN_NO_FAST_PATHS=1 on the command line", () => {
  const render = (name: string, env: Record<string, string>) => {
    const pdf = path.join(tmp, `${name}.pdf`);
    const report = path.join(tmp, `${name}.json`);
    const r = spawnSync(path.join(root, "bin/paiban"), ["render", "layouts/quxian.json", "--mode", "print", "--out", pdf, "--report", report, "-q"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ...env },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    return { pdf: readFileSync(pdf), report: readFileSync(report, "utf8").replace(pdf, "PDF") };
  };

  it("gives the same report, the PDF's streams deflated at pdfkit's own level instead of level 1", () => {
    const fast = render("fast", { PAIBAN_NO_FAST_PATHS: "" });
    const plain = render("plain", { PAIBAN_NO_FAST_PATHS: "1" });
    expect(plain.report).toBe(fast.report);
    // The zlib header's second byte names the level: 01 fastest, 9c default.
    const heads = (pdf: Buffer) => new Set([...pdf.toString("latin1").matchAll(/stream\n/g)].map((m) => pdf.subarray(m.index + 7, m.index + 9).toString("hex")));
    expect(heads(fast.pdf)).toContain("7801");
    expect(heads(fast.pdf)).not.toContain("789c");
    expect(heads(plain.pdf)).toContain("789c");
    expect(heads(plain.pdf)).not.toContain("7801");
  });
});
