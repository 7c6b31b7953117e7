/**
 * Output safety: the PDF at the output path is always a whole PDF, the old one or the new one.
 * - two renders to the same path at once leave one complete PDF (parsed with pdf-lib);
 * - a render killed (SIGKILL) at random moments never leaves a partial PDF and never destroys
 *   the previous one. A kill between writing the temp file and renaming it may leave
 *   `.page.pdf.<pid>.<id>.tmp` beside it; the next write to that path removes it (decided:
 *   removeStaleTemps in src/render/atomic.ts, for temp files whose process is gone).
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, test } from "vitest";
import { COPY, page, story, tempDir, writeLayout } from "../bad-input/fixtures.js";
import { runCli } from "../bad-input/run.js";

function twoLayouts(dir: string): void {
  writeLayout(dir, page([story("old.md")]), "old.json");
  writeLayout(dir, page([story("new.md"), story("new.md", { id: "second", area: { column: 3, span: 2, line: 1, lines: 20 } })]), "new.json");
  writeFileSync(join(dir, "old.md"), COPY);
  writeFileSync(join(dir, "new.md"), COPY.replace("第二段文字在这里。", "第二段换了新的文字，也长了一些。".repeat(30)));
}

async function expectWholePdf(bytes: Buffer): Promise<number> {
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const doc = await PDFDocument.load(bytes);
  return doc.getPageCount();
}

const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

describe("output safety", () => {
  test("two renders to the same path at once leave one complete PDF", { timeout: 60_000 }, async () => {
    const dir = tempDir("paiban-safety-");
    twoLayouts(dir);
    // References, rendered one at a time (print mode is byte-for-byte deterministic).
    for (const name of ["old", "new"]) expect((await runCli(dir, ["render", `${name}.json`, "--mode", "print", "--out", `${name}-ref.pdf`, "-q"])).code).toBe(0);
    const refs = ["old", "new"].map((n) => readFileSync(join(dir, `${n}-ref.pdf`)));
    expect(refs[0]!.equals(refs[1]!)).toBe(false);
    for (let round = 0; round < 3; round++) {
      const [a, b] = await Promise.all([
        runCli(dir, ["render", "old.json", "--mode", "print", "--out", "same.pdf", "-q"]),
        runCli(dir, ["render", "new.json", "--mode", "print", "--out", "same.pdf", "-q"]),
      ]);
      expect([a.code, b.code, a.stderr + b.stderr]).toEqual([0, 0, ""]);
      const bytes = readFileSync(join(dir, "same.pdf"));
      expect(refs.some((r) => r.equals(bytes)), "the file is one of the two complete PDFs").toBe(true);
      expect(await expectWholePdf(bytes)).toBe(1);
      JSON.parse(readFileSync(join(dir, "same.report.json"), "utf8"));
      expect(temps(dir)).toEqual([]);
    }
  });

  test("a render killed at random moments leaves the old or the new PDF, never part of one", { timeout: 120_000 }, async () => {
    const dir = tempDir("paiban-safety-");
    twoLayouts(dir);
    for (const name of ["old", "new"]) expect((await runCli(dir, ["render", `${name}.json`, "--mode", "print", "--out", `${name}-ref.pdf`, "-q"])).code).toBe(0);
    const old = readFileSync(join(dir, "old-ref.pdf"));
    const fresh = readFileSync(join(dir, "new-ref.pdf"));
    // How long one render takes here, to spread the kills over all of it.
    const t = (await runCli(dir, ["render", "new.json", "--mode", "print", "--out", "timing.pdf", "-q"])).ms;
    const seen = { old: 0, new: 0 };
    let leftovers = 0;
    for (let i = 0; i < 12; i++) {
      copyFileSync(join(dir, "old-ref.pdf"), join(dir, "page.pdf"));
      const child = spawn(process.execPath, [join(import.meta.dirname, "../../dist/cli/main.js"), "render", "new.json", "--mode", "print", "--out", "page.pdf", "-q"], { cwd: dir, stdio: "ignore" });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      // Kills spread from the start of the run to just past its usual end.
      const delay = ((i + Math.random()) / 12) * t * 1.1;
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGKILL");
      await exited;
      const bytes = readFileSync(join(dir, "page.pdf"));
      const isOld = bytes.equals(old);
      const isNew = bytes.equals(fresh);
      expect(isOld || isNew, `after a kill at ${Math.round(delay)} ms the file is the old or the new PDF (${bytes.length} bytes)`).toBe(true);
      await expectWholePdf(bytes);
      seen[isOld ? "old" : "new"]++;
      leftovers += temps(dir).length;
    }
    // Temp files a killed run left are removed by the next run to the same path.
    expect((await runCli(dir, ["render", "new.json", "--mode", "print", "--out", "page.pdf", "-q"])).code).toBe(0);
    expect(temps(dir)).toEqual([]);
    expect(readFileSync(join(dir, "page.pdf")).equals(fresh)).toBe(true);
    console.log(`kills: ${seen.old} left the old PDF, ${seen.new} the new one; ${leftovers} temp files seen after kills, all removed by the next run`);
  });
});
