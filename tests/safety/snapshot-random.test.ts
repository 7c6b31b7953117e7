/**
 * Processes started from the start-up snapshot draw their own random temp-file names (issue 13,
 * item 10). randomUUID's entropy cache was saved with the heap, so every process drew the same
 * suffix; renders in separate PID namespaces (each process pid 1, as in containers) then chose
 * the same temp name and failed with EEXIST or ENOENT.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { LAUNCHER, page, story, tempDir, writeLayout } from "../bad-input/fixtures.js";

function canUnshare(): boolean {
  try {
    execFileSync("unshare", ["--pid", "--fork", "true"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const blob = join(import.meta.dirname, "../../dist/paiban.blob");

describe.runIf(canUnshare() && existsSync(blob))("temp names from the snapshot", () => {
  test("8 renders of one page to one PDF, each in its own PID namespace, all succeed", { timeout: 120_000 }, async () => {
    const dir = tempDir();
    writeLayout(dir, page([story()]));
    const runs = Array.from(
      { length: 8 },
      () =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile("unshare", ["--pid", "--fork", LAUNCHER, "render", "layout.json", "--out", "same.pdf", "--quiet"], { cwd: dir, env: { ...process.env, NODE_OPTIONS: "" } }, (err, _o, stderr) =>
            resolve({ code: err ? Number(err.code) : 0, stderr }),
          );
        }),
    );
    const results = await Promise.all(runs);
    expect(results.map((r) => r.stderr.split("\n").filter((l) => /^paiban: (?!warning)/.test(l)))).toEqual(Array.from({ length: 8 }, () => []));
    expect(results.map((r) => r.code)).toEqual(Array.from({ length: 8 }, () => 0));
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
