/** Running the real CLI on a row's files, and the checks every row shares. */
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { CLI, LAUNCHER, tempDir } from "./fixtures.js";

/** What stands at the output path before the run: it must survive any failure byte for byte. */
export const PREVIOUS_PDF = Buffer.from("%PDF-1.4\n% the previous PDF, which a failed run must leave alone\n%%EOF\n", "latin1");
export const PREVIOUS_REPORT = '{"previous": true}\n';

export interface RunResult {
  dir: string;
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  pdf: string;
  report: string;
}

export function runCli(dir: string, args: string[], env: Record<string, string> = {}, timeout = 60_000): Promise<Omit<RunResult, "pdf" | "report">> {
  const started = performance.now();
  return new Promise((resolve) => {
    const [program, argv] = process.env.PAIBAN_TEST_CLI === "bin" ? [LAUNCHER, args] : [process.execPath, [CLI, ...args]];
    execFile(program, argv, { cwd: dir, env: { ...process.env, PAIBAN_DEBUG: "", ...env }, timeout, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ dir, code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/**
 * Write the row's files, put a "previous" PDF and report at the output path, run
 * `paiban <command> layout.json [--out out/page.pdf] args…` in the folder.
 */
export async function runRow(
  setup: (dir: string) => Promise<string[] | void> | string[] | void,
  command: string,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
  out = "out/page.pdf",
): Promise<RunResult> {
  const dir = tempDir();
  const args = (await setup(dir)) ?? ["layout.json"];
  const pdf = join(dir, "out", "page.pdf");
  const report = join(dir, "out", "page.report.json");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(dir, "out"), { recursive: true });
  writeFileSync(pdf, PREVIOUS_PDF);
  writeFileSync(report, PREVIOUS_REPORT);
  const full = command === "render" ? [command, ...args, "--out", out, ...extraArgs] : [command, ...args, ...extraArgs];
  const r = await runCli(dir, full, env);
  return { ...r, pdf, report };
}

/** Never a stack trace, never "internal error", never Node's own error output. */
export function expectNoCrash(r: RunResult): void {
  expect(r.stderr, "internal error").not.toMatch(/internal error/i);
  expect(r.stderr, "stack trace").not.toMatch(/^\s+at .*(:\d+:\d+\)?|native)$/m);
  expect(r.stderr, "uncaught").not.toMatch(/Uncaught|Unhandled|node:internal|TypeError|RangeError|ReferenceError|SyntaxError:/);
  expect(r.code, `exit code (stderr: ${r.stderr})`).not.toBe(-1);
}

/** A refusal: exit 1, one `paiban: FILE: PLACE: message` line, nothing written. */
export function expectRefused(r: RunResult, message: RegExp): void {
  expectNoCrash(r);
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trimEnd().split("\n").filter((l) => !l.startsWith("paiban: warning:"));
  expect(lines.length, r.stderr).toBe(1);
  expect(lines[0]).toMatch(/^paiban: /);
  expect(lines[0]).toMatch(message);
  expectUntouched(r);
}

/**
 * A usage error: exit 2, one `paiban: …` line (yargs may add its one-line hint in parentheses),
 * nothing written.
 */
export function expectUsage(r: RunResult, message: RegExp): void {
  expectNoCrash(r);
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split("\n").filter((l) => !/^\(paiban .*--help/.test(l));
  expect(lines.length, r.stderr).toBe(1);
  expect(lines[0]).toMatch(/^paiban: /);
  expect(lines[0]).toMatch(message);
  expectUntouched(r);
}

/** The previous PDF and report stand as they were, and nothing else was left in out/. */
export function expectUntouched(r: RunResult): void {
  expect(readFileSync(r.pdf).equals(PREVIOUS_PDF), "the previous PDF is untouched").toBe(true);
  expect(readFileSync(r.report, "utf8")).toBe(PREVIOUS_REPORT);
  expect(readdirSync(join(r.dir, "out")).sort(), "no new or temp files").toEqual(["page.pdf", "page.report.json"]);
}

/** A rendered page: exit 0, a complete new PDF and report; returns the report. */
export function expectRendered(r: RunResult): { warnings: { code: string; message: string; itemId?: string; paragraph?: number; offset?: number }[]; stories: { id: string; overset: { lines: number; chars: number }; paragraphs: { text: string; lines: string[] }[] }[] } {
  expectNoCrash(r);
  expect(r.code, r.stderr).toBe(0);
  const bytes = readFileSync(r.pdf);
  expect(bytes.equals(PREVIOUS_PDF)).toBe(false);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(bytes.subarray(-6).toString("latin1")).toMatch(/%%EOF\s*$/);
  expect(readdirSync(join(r.dir, "out")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  return JSON.parse(readFileSync(r.report, "utf8"));
}

export function existsIn(dir: string, name: string): boolean {
  return existsSync(join(dir, name));
}
