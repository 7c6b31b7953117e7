/** A temp file a killed render left behind is removed by the next write to the same path. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { writeFileAtomically } from "../../src/render/atomic.js";
import { tempDir } from "../bad-input/fixtures.js";

test("stale temp files of dead processes go, those of live ones and of other targets stay", async () => {
  const dir = tempDir("paiban-safety-");
  const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
  const live = spawn(process.execPath, ["-e", "setTimeout(() => {}, 20000)"], { stdio: "ignore" });
  try {
    const names = {
      dead: `.page.pdf.${dead}.0123abcd.tmp`,
      live: `.page.pdf.${live.pid}.89abcdef.tmp`,
      other: `.other.pdf.${dead}.0123abcd.tmp`,
      unrelated: "page.pdf.tmp",
    };
    for (const n of Object.values(names)) writeFileSync(join(dir, n), "partial");
    await writeFileAtomically(join(dir, "page.pdf"), Buffer.from("%PDF-1.4 whole\n"));
    expect(readFileSync(join(dir, "page.pdf"), "utf8")).toBe("%PDF-1.4 whole\n");
    expect(existsSync(join(dir, names.dead))).toBe(false);
    expect(existsSync(join(dir, names.live))).toBe(true);
    expect(existsSync(join(dir, names.other))).toBe(true);
    expect(existsSync(join(dir, names.unrelated))).toBe(true);
  } finally {
    live.kill("SIGKILL");
  }
});
