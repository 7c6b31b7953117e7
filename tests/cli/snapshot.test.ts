/**
 * The start-up snapshot, seen from the command line. `bin/paiban` starts render, validate and
 * typeset from dist/paiban.blob when its stamp fits this checkout and the `node` on PATH, and
 * from dist/cli/main.js otherwise. This file guards that:
 * - the snapshot is really used (`--timings` says "started from snapshot"), and gives the same
 *   PDF bytes, report, messages and exit codes as dist/cli/main.js;
 * - PAIBAN_NO_SNAPSHOT, NODE_OPTIONS and a stamp made for another Node binary fall back to the
 *   modules, and the command still works;
 * - the other commands, --version, editions made up in worker threads and typeset still work.
 * CI builds the blob: if it is missing, the tests that need it fail (they never skip).
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const launcher = path.join(root, "bin/paiban");
const mainJs = path.join(root, "dist/cli/main.js");
const blob = path.join(root, "dist/paiban.blob");
const quxian = path.join(root, "layouts/quxian.json");
const edition = path.join(root, "layouts/edition-16.json");
const version = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;

/** The environment a user's shell gives: nothing that turns the snapshot off. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of ["PAIBAN_NO_SNAPSHOT", "NODE_OPTIONS", "PAIBAN_DEBUG"]) if (!(key in extra)) delete env[key];
  return env;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const done = (r: SpawnSyncReturns<string>): Run => {
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** `bin/paiban ARGS`, as a user runs it. */
function paiban(args: string[], opts: { env?: Record<string, string>; input?: string; cwd?: string; exe?: string } = {}): Run {
  return done(spawnSync(opts.exe ?? launcher, args, { cwd: opts.cwd ?? root, env: cleanEnv(opts.env), input: opts.input, encoding: "utf8" }));
}

/** `node dist/cli/main.js ARGS`: the modules, never the snapshot. */
function modules(args: string[], opts: { input?: string; cwd?: string } = {}): Run {
  return done(spawnSync(process.execPath, [mainJs, ...args], { cwd: opts.cwd ?? root, env: cleanEnv(), input: opts.input, encoding: "utf8" }));
}

/** How the process started, from the `stages:` line of `render --timings`. */
function startedFrom(r: Run): string | undefined {
  return /^stages: .*\(started from (\w+)\)$/m.exec(r.stdout)?.[1];
}

/** Fails (never skips) when the blob was not built: CI relies on it. */
function needSnapshot(): void {
  expect(fs.existsSync(blob), `${path.relative(root, blob)} is missing: the start-up snapshot was not built (npm run build runs scripts/build-snapshot.mjs)`).toBe(true);
  expect(fs.existsSync(`${blob}.stamp`), `${path.relative(root, blob)}.stamp is missing: the snapshot build did not finish`).toBe(true);
}

/** A report's JSON with the output paths made neutral (`<dir>/a.pdf` and `<dir>/b.pdf` both become `<dir>/OUT.pdf`). */
function reportWithout(file: string, stem: string): unknown {
  const dir = path.dirname(file);
  const text = fs.readFileSync(file, "utf8").replaceAll(JSON.stringify(path.join(dir, stem)).slice(1, -1), `${dir}/OUT`);
  return JSON.parse(text);
}

let tmp: string;
const out = (name: string) => path.join(tmp, name);
/** layouts/quxian.json in print mode through dist/cli/main.js: the bytes every route must give. */
let reference: Buffer;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-snapshot-"));
  const r = modules(["render", quxian, "--mode", "print", "-o", out("ref.pdf"), "-q"]);
  expect(r.status, r.stderr).toBe(0);
  reference = fs.readFileSync(out("ref.pdf"));
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("bin/paiban and the start-up snapshot", () => {
  it("renders from the snapshot: the same PDF bytes and report as dist/cli/main.js", () => {
    needSnapshot();
    const a = paiban(["render", quxian, "--mode", "print", "-o", out("a.pdf"), "--timings"]);
    expect(a.status, a.stderr).toBe(0);
    expect(startedFrom(a), a.stdout).toBe("snapshot");
    const b = modules(["render", quxian, "--mode", "print", "-o", out("b.pdf"), "--timings"]);
    expect(b.status, b.stderr).toBe(0);
    expect(startedFrom(b), b.stdout).toBe("modules");

    const pdfA = fs.readFileSync(out("a.pdf"));
    expect(pdfA.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdfA.equals(fs.readFileSync(out("b.pdf"))), "the snapshot's PDF is byte for byte the modules' PDF").toBe(true);
    expect(pdfA.equals(reference)).toBe(true);

    const reportA = JSON.parse(fs.readFileSync(out("a.report.json"), "utf8")) as { pdf: string };
    expect(reportA.pdf).toBe(out("a.pdf"));
    expect(reportWithout(out("a.report.json"), "a")).toEqual(reportWithout(out("b.report.json"), "b"));
    // The same warnings, in the same words.
    expect(a.stderr).toBe(b.stderr);
  });

  it("PAIBAN_NO_SNAPSHOT=1 and NODE_OPTIONS each start from the modules, and still render", () => {
    needSnapshot();
    for (const [name, env] of [
      ["PAIBAN_NO_SNAPSHOT=1", { PAIBAN_NO_SNAPSHOT: "1" }],
      ["NODE_OPTIONS=--max-old-space-size=2048", { NODE_OPTIONS: "--max-old-space-size=2048" }],
    ] as const) {
      const pdf = out(`env-${Object.keys(env)[0]}.pdf`);
      const r = paiban(["render", quxian, "--mode", "print", "-o", pdf, "--timings"], { env });
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      expect(startedFrom(r), `${name}: ${r.stdout}`).toBe("modules");
      expect(fs.readFileSync(pdf).equals(reference), `${name}: the same PDF`).toBe(true);
    }
  });

  it("a stamp made for another node binary falls back to the modules, and still renders", () => {
    needSnapshot();
    // A `node` first on PATH that is not the binary the blob was built by: its size and mtime
    // are a shell script's, so the stamp does not fit.
    const bin = fs.mkdtempSync(path.join(tmp, "bin-"));
    fs.writeFileSync(path.join(bin, "node"), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} "$@"\n`, { mode: 0o755 });
    const pdf = out("stale.pdf");
    const r = paiban(["render", quxian, "--mode", "print", "-o", pdf, "--timings"], { env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` } });
    expect(r.status, r.stderr).toBe(0);
    expect(startedFrom(r), r.stdout).toBe("modules");
    expect(fs.readFileSync(pdf).equals(reference)).toBe(true);
  });

  it("a blob older than the compiled CLI (tsc run without the snapshot build) is not used", () => {
    needSnapshot();
    const before = fs.statSync(mainJs);
    const later = new Date(fs.statSync(blob).mtimeMs + 5000);
    fs.utimesSync(mainJs, later, later);
    try {
      const r = paiban(["render", quxian, "--mode", "print", "-o", out("newer.pdf"), "--timings"]);
      expect(r.status, r.stderr).toBe(0);
      expect(startedFrom(r), r.stdout).toBe("modules");
    } finally {
      fs.utimesSync(mainJs, before.atime, before.mtime);
    }
    const again = paiban(["render", quxian, "--mode", "print", "-o", out("newer.pdf"), "--timings"]);
    expect(startedFrom(again), again.stdout).toBe("snapshot");
  });

  it("through a symlink (as npm installs it) and from another folder it still starts from the snapshot", () => {
    needSnapshot();
    const dir = fs.mkdtempSync(path.join(tmp, "elsewhere-"));
    const link = path.join(dir, "paiban");
    fs.symlinkSync(launcher, link);
    const r = paiban(["render", quxian, "--mode", "print", "-o", "here.pdf", "--timings"], { exe: link, cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(startedFrom(r), r.stdout).toBe("snapshot");
    // A relative output path is relative to the folder the command runs in.
    expect(fs.readFileSync(path.join(dir, "here.pdf")).equals(reference)).toBe(true);
  });

  it("bad input gives the same message and exit code through the snapshot as through main.js", () => {
    needSnapshot();
    fs.writeFileSync(out("syntax.json"), '{\n  "paper": "测试报",\n  "items": [,]\n}\n');
    fs.writeFileSync(out("schema.json"), '{"paper": "测试报", "date": "2024-13-40", "items": []}\n');
    const cases: { args: string[]; status: number; says: string | RegExp }[] = [
      { args: ["render", out("missing.json")], status: 1, says: `${out("missing.json")}: layout file not found` },
      { args: ["render", out("syntax.json")], status: 1, says: `${out("syntax.json")}: 3:13: JSON syntax error` },
      { args: ["validate", out("syntax.json")], status: 1, says: `${out("syntax.json")}: 3:13: JSON syntax error` },
      { args: ["render", out("schema.json")], status: 1, says: /date: expected a date as yyyy-mm-dd .*\(line 1, column \d+\)/ },
      { args: ["render"], status: 2, says: "Not enough non-option arguments" },
      { args: ["render", quxian, "--mode", "poster"], status: 2, says: "Invalid values" },
      { args: ["typeset", "--measure", "0"], status: 2, says: "--measure must be a number of em greater than 0" },
      { args: ["typeset", out("missing.txt"), "--measure", "5"], status: 1, says: `${out("missing.txt")}: file not found` },
    ];
    for (const c of cases) {
      const label = `paiban ${c.args.join(" ")}`;
      const s = paiban(c.args);
      const m = modules(c.args);
      expect(m.status, `${label} (main.js)`).toBe(c.status);
      expect(m.stderr, `${label} (main.js)`).toMatch(typeof c.says === "string" ? new RegExp(c.says.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : c.says);
      expect(m.stderr, `${label}: no stack trace`).not.toMatch(/\n\s+at /);
      expect({ status: s.status, stderr: s.stderr, stdout: s.stdout }, `${label} through the snapshot`).toEqual({ status: m.status, stderr: m.stderr, stdout: m.stdout });
    }
  });

  it("--version is paiban's, validate says ok, and a command outside the snapshot (fonts) works", () => {
    needSnapshot();
    for (const args of [["--version"], ["render", "--version"], ["typeset", "--version"]]) {
      const r = paiban(args);
      expect(r.status, `paiban ${args.join(" ")}: ${r.stderr}`).toBe(0);
      expect(r.stdout, `paiban ${args.join(" ")}`).toBe(`${version}\n`);
      expect(r.stdout).not.toContain(process.version.slice(1));
    }

    const v = paiban(["validate", quxian]);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stdout).toMatch(/: ok\b/);
    expect(v).toEqual(modules(["validate", quxian]));

    const f = paiban(["fonts"]);
    expect(f.status, f.stderr).toBe(0);
    expect(f.stdout).toMatch(/^song\s+regular\s+\S+\.(ttf|otf)/m);
    expect(f).toEqual(modules(["fonts"]));
  });

  it("an edition made up in 2 worker threads from the snapshot gives the PDF main.js gives", { timeout: 60_000 }, () => {
    needSnapshot();
    const a = paiban(["render", edition, "--mode", "print", "--workers", "2", "-o", out("ed-a.pdf"), "--timings", "-q"]);
    expect(a.status, `bin/paiban render layouts/edition-16.json --workers 2: ${a.stderr}`).toBe(0);
    expect(startedFrom(a), a.stdout).toBe("snapshot");
    const b = modules(["render", edition, "--mode", "print", "--workers", "2", "-o", out("ed-b.pdf"), "-q"]);
    expect(b.status, b.stderr).toBe(0);
    const pdfA = fs.readFileSync(out("ed-a.pdf"));
    expect(pdfA.equals(fs.readFileSync(out("ed-b.pdf"))), "the 16-page edition, byte for byte").toBe(true);
    expect(reportWithout(out("ed-a.report.json"), "ed-a")).toEqual(reportWithout(out("ed-b.report.json"), "ed-b"));
  });

  it("typeset from the snapshot prints the same lines as main.js", () => {
    needSnapshot();
    const text = "本报讯　今年以来，全区上下齐心协力，各项工作取得新进展。“市委政协工作会议充分肯定了全市政协工作取得的成绩。”\n第二段文字在这里，33618和100%的数据。\n";
    fs.writeFileSync(out("copy.txt"), text);
    for (const args of [
      ["typeset", out("copy.txt"), "--measure", "11"],
      ["typeset", out("copy.txt"), "--measure", "7", "--size", "10.5", "--style", "quanjiao", "--json"],
    ]) {
      const s = paiban(args);
      expect(s.status, s.stderr).toBe(0);
      expect(s.stdout.length).toBeGreaterThan(0);
      expect(s).toEqual(modules(args));
    }
    // From stdin too.
    const s = paiban(["typeset", "--measure", "5", "--indent", "0"], { input: "一二三四五，六七八\n一二三\n" });
    expect(s).toEqual({ status: 0, stdout: "一二三四\n五，六七八\n\n一二三\n", stderr: "" });
  });
});
