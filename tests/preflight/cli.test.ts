/**
 * `paiban preflight` through the real CLI: hostile PDFs get one clean line and exit 1 in
 * bounded time (pdf-lib's console warnings silenced), bad option values are usage errors
 * (exit 2), and --json carries the findings with page and object numbers.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CLI } from "../bad-input/fixtures.js";
import { tempDir } from "../render/helpers.js";
import { HOSTILE, cleanPdf } from "./minimal-pdf.js";

let dir: string;
beforeAll(() => {
  dir = tempDir("paiban-preflight-cli-");
});

function preflightCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, "preflight", ...args], { cwd: dir, env: { ...process.env, PAIBAN_DEBUG: "" }, timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

// Through the CLI: the cases where pdf-lib itself struggles (and would warn on the console);
// every hostile case is also answered in-process in preflight.test.ts.
const THROUGH_CLI = ["%PDF-1.4 alone", "a Root that is not a dictionary", "200,000 nested [ in an object", "a 2 MB single token", "a 500 KB flate bomb as page content (500 MB inflated)"];

describe("paiban preflight on hostile PDFs", () => {
  HOSTILE.filter((h) => THROUGH_CLI.includes(h.name)).forEach((h, i) => {
    it(`${h.name}: one line, exit 1`, { timeout: 60_000 }, async () => {
      const name = `hostile-${i}.pdf`;
      writeFileSync(join(dir, name), h.file());
      const r = await preflightCli([name]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).not.toMatch(/internal error|^\s+at |Error:/m);
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^paiban: ${name}: `));
      expect(lines[0]).toMatch(h.message);
      // Seconds of CPU on an idle machine; the bound leaves room for a loaded one.
      expect(r.ms).toBeLessThan(30_000);
    });
  });
});

describe("paiban preflight options and output", () => {
  it("refuses --min-ppi abc and --ink-limit abc as usage errors (exit 2), not a check switched off", async () => {
    writeFileSync(join(dir, "clean.pdf"), cleanPdf());
    for (const [flag, message] of [
      ["--min-ppi", "paiban: --min-ppi must be a number above 0 and at most 10000"],
      ["--ink-limit", "paiban: --ink-limit must be a number above 0 and at most 1000"],
    ] as const) {
      const r = await preflightCli(["clean.pdf", flag, "abc"]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd()).toBe(message);
    }
  });

  it("passes a clean file, exit 0", async () => {
    writeFileSync(join(dir, "clean.pdf"), cleanPdf());
    const r = await preflightCli(["clean.pdf"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, "clean.pdf: fit for print\n", ""]);
  });

  it("gives the findings with page and object numbers in --json and in the text", async () => {
    writeFileSync(join(dir, "rgb-image.pdf"), cleanPdf({
      content: "q 100 0 0 100 50 50 cm /Im Do Q",
      resources: "<< /XObject << /Im 7 0 R >> >>",
      more: ["<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 12 >>\nstream\n\0\0\0\0\0\0\0\0\0\0\0\0\nendstream"],
    }));
    const r = await preflightCli(["rgb-image.pdf", "--json", "--min-ppi", "1"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.ok).toBe(false);
    expect(json.problems).toEqual([{ code: "rgb-colour", message: "RGB colour (DeviceRGB); print needs CMYK in an image", page: 1, object: 7 }]);
    expect(json.facts.images).toEqual([{ page: 1, width: 2, height: 2, colorSpace: "DeviceRGB", bitsPerComponent: 8, object: 7, ppi: 1.4 }]);
    const text = await preflightCli(["rgb-image.pdf", "--min-ppi", "1"]);
    expect(text.stdout).toBe("rgb-image.pdf: NOT fit for print\n  page 1: object 7: rgb-colour: RGB colour (DeviceRGB); print needs CMYK in an image\n");
  });
});
