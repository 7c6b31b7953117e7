#!/usr/bin/env node
/**
 * paiban benchmark: `npm run bench` (builds first), or `node bench/run.js` after a build.
 *
 *   (a) typeset every seed paragraph (samples/seed/copy.json) with fonts loaded: median of many
 *       runs; font load and the first shaping timed on their own; copyfit's variants (each
 *       paragraph one line longer and one shorter, fitVariants); a run of 175,000 —— (once)
 *   (b) the seed page in print mode, cold: a whole new process per run, median of ≥ 5, through
 *       bin/paiban as a user runs it (it starts from the start-up snapshot); also through
 *       dist/cli/main.js (no snapshot), and once with an empty processed-image cache
 *   (c) warm re-render: a later render in the same process, as `paiban watch` does
 *   (d) the 16-page edition (layouts/edition-16.json), print, whole process, wall
 *   (e) peak RSS of the processes in (b) and (d)
 *
 * Prints a table and writes bench/results.json. Options: --runs N (cold runs, default 7),
 * --quick (fewer runs), --label TEXT (stored with the results).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => pathToFileURL(path.join(root, "dist", p)).href;
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = flag("--quick");
const coldRuns = Math.max(5, Number(option("--runs", quick ? 5 : 7)));
const label = option("--label", "");
const CLI = path.join(root, "dist/cli/main.js");
/** The `paiban` command as installed (bin/paiban: the start-up snapshot when it fits). */
const PAIBAN = path.join(root, "bin/paiban");
const SEED_LAYOUT = path.join(root, "layouts/quxian.json");
const EDITION = path.join(root, "layouts/edition-16.json");
const TIME = "/usr/bin/time";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const tmp = mkdtempSync(path.join(os.tmpdir(), "paiban-bench-"));

/**
 * One whole process: wall ms and peak RSS (MB, from /usr/bin/time when the machine has it).
 * `argv` starts with the program: a script for node, or bin/paiban itself.
 */
function runProcess(argv, cwd = root) {
  const haveTime = existsSync(TIME);
  const rssFile = path.join(tmp, "rss.txt");
  const command = argv[0] === PAIBAN ? argv : [process.execPath, ...argv];
  const cmd = haveTime ? TIME : command[0];
  const cmdArgs = haveTime ? ["-f", "%M %U %S", "-o", rssFile, ...command] : command.slice(1);
  const t0 = performance.now();
  const r = spawnSync(cmd, cmdArgs, { cwd, encoding: "utf8", env: { ...process.env, CI: process.env.CI ?? "" } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status}):\n${r.stderr}`);
  const [kb, user, sys] = haveTime ? readFileSync(rssFile, "utf8").trim().split("\n").at(-1).split(" ").map(Number) : [NaN, NaN, NaN];
  return { ms, rss: kb / 1024, cpuMs: (user + sys) * 1000 };
}

async function benchTypeset() {
  (await import(dist("pipeline/fast-paths.js"))).installFastPaths(); // as the command line does
  const { FontStore } = await import(dist("fonts/store.js"));
  const { makeFontMap } = await import(dist("fonts/fontmap.js"));
  const { composeParagraph } = await import(dist("typeset/compose.js"));
  const seed = JSON.parse(readFileSync(path.join(root, "samples/seed/copy.json"), "utf8"));
  const jobs = seed.stories.flatMap((s) => (s.paragraphs ?? []).map((text) => ({ text, measure: s.measureEm ?? 23 })));
  const chars = jobs.reduce((n, j) => n + [...j.text].length, 0);
  let t = performance.now();
  const store = new FontStore();
  const faces = [store.open(makeFontMap({}, store).resolve("song", "regular").font)];
  const fontLoad = performance.now() - t;
  t = performance.now();
  composeParagraph(jobs[0].text, faces, { measure: jobs[0].measure, size: 9 });
  const firstShaping = performance.now() - t;
  t = performance.now();
  for (const j of jobs) composeParagraph(j.text, faces, { measure: j.measure, size: 9 });
  const firstAll = performance.now() - t;
  const runs = quick ? 20 : 60;
  const times = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    for (const j of jobs) composeParagraph(j.text, faces, { measure: j.measure, size: 9 });
    times.push(performance.now() - t);
  }
  const { fitVariants } = await import(dist("typeset/fit.js"));
  const fitTimes = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    for (const j of jobs) {
      const f = fitVariants(j.text, faces, { measure: j.measure, size: 9 });
      f.variant(1);
      f.variant(-1);
    }
    fitTimes.push(performance.now() - t);
  }
  // Issue 13: a run of —— was one unit (50 s at 175,000); now a run of 2-em units, linear.
  t = performance.now();
  composeParagraph(`前${"—".repeat(175_000)}后文`, faces, { measure: 11, size: 9 });
  const dashRunMs = performance.now() - t;
  return {
    paragraphs: jobs.length,
    chars,
    runs,
    fontLoadMs: fontLoad,
    firstShapingMs: firstShaping,
    firstPassMs: firstAll,
    medianMs: median(times),
    minMs: Math.min(...times),
    fitMedianMs: median(fitTimes),
    dashRunMs,
  };
}

/** How bin/paiban started: "snapshot" or "modules" (from `render --timings`). */
function startOf(out) {
  const r = spawnSync(PAIBAN, ["render", SEED_LAYOUT, "--mode", "print", "--out", out, "--timings"], { cwd: root, encoding: "utf8" });
  return /started from (\w+)/.exec(r.stdout ?? "")?.[1] ?? `failed: ${r.stderr}`;
}

function benchCold() {
  const out = path.join(tmp, "seed.pdf");
  const argv = [PAIBAN, "render", SEED_LAYOUT, "--mode", "print", "--out", out, "--quiet"];
  runProcess(argv); // fills the OS file cache and the processed-image cache
  const start = startOf(out);
  const runs = [];
  for (let i = 0; i < coldRuns; i++) runs.push(runProcess(argv));
  // The same without the snapshot: every module loaded as usual.
  const plain = [];
  for (let i = 0; i < coldRuns; i++) plain.push(runProcess([CLI, ...argv.slice(1)]));
  // Once more with an empty processed-image cache (.cache/paiban is per working directory).
  const emptyCacheDir = mkdtempSync(path.join(tmp, "nocache-"));
  const noCache = runProcess(argv, emptyCacheDir);
  return {
    start,
    runs: coldRuns,
    medianMs: median(runs.map((r) => r.ms)),
    medianCpuMs: median(runs.map((r) => r.cpuMs)),
    minMs: Math.min(...runs.map((r) => r.ms)),
    rssMB: Math.max(...runs.map((r) => r.rss)),
    withoutSnapshotMedianMs: median(plain.map((r) => r.ms)),
    emptyImageCacheMs: noCache.ms,
  };
}

async function benchWarm() {
  (await import(dist("pipeline/fast-paths.js"))).installFastPaths();
  const mod = await import(dist("pipeline/render.js"));
  const out = path.join(tmp, "warm.pdf");
  const req = { layout: SEED_LAYOUT, mode: "print", out, proofTime: "bench" };
  const renderer = mod.createRenderer();
  let t = performance.now();
  await renderer.render(req);
  const first = performance.now() - t;
  const times = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    t = performance.now();
    await renderer.render(req);
    times.push(performance.now() - t);
  }
  // After a copy edit: a copy of the sample whose one story changes before every render (one
  // page made up again, the PDF written again), as in `paiban watch` while an editor types.
  const copyRoot = mkdtempSync(path.join(tmp, "edit-"));
  cpSync(path.join(root, "layouts"), path.join(copyRoot, "layouts"), { recursive: true });
  cpSync(path.join(root, "samples"), path.join(copyRoot, "samples"), { recursive: true });
  const story = path.join(copyRoot, "samples/quxian/rongchang.md");
  const original = readFileSync(story, "utf8");
  const edited = {};
  for (const mode of ["proof", "print"]) {
    const editReq = { layout: path.join(copyRoot, "layouts/quxian.json"), mode, out: path.join(tmp, `edit-${mode}.pdf`), proofTime: "bench" };
    const editor = mod.createRenderer();
    await editor.render(editReq);
    const edits = [];
    for (let i = 0; i < (quick ? 5 : 11); i++) {
      writeFileSync(story, original.replace("。", `${"新".repeat((i % 3) + 1)}。`));
      t = performance.now();
      await editor.render(editReq);
      edits.push(performance.now() - t);
    }
    writeFileSync(story, original);
    edited[mode] = median(edits);
  }
  return { api: "createRenderer", firstMs: first, medianMs: median(times), minMs: Math.min(...times), afterEditProofMs: edited.proof, afterEditPrintMs: edited.print };
}

function benchEdition() {
  if (!existsSync(EDITION)) return null;
  const out = path.join(tmp, "edition.pdf");
  const argv = [PAIBAN, "render", EDITION, "--mode", "print", "--out", out, "--quiet"];
  runProcess(argv);
  const runs = [];
  for (let i = 0; i < (quick ? 3 : 5); i++) runs.push(runProcess(argv));
  return { pages: 16, runs: runs.length, medianMs: median(runs.map((r) => r.ms)), medianCpuMs: median(runs.map((r) => r.cpuMs)), minMs: Math.min(...runs.map((r) => r.ms)), rssMB: Math.max(...runs.map((r) => r.rss)) };
}

const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "",
  memoryGB: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  /** Other work on the machine skews wall times: the 1-minute load average when the run began. */
  loadAverage: round(os.loadavg()[0], 2),
};

const typeset = await benchTypeset();
const cold = benchCold();
const edition = benchEdition();
const warm = await benchWarm();
rmSync(tmp, { recursive: true, force: true });

const peakRss = Math.max(cold.rssMB, edition?.rssMB ?? 0);
const rows = [
  ["(a) typeset seed copy, fonts loaded (median)", typeset.medianMs, "ms", "< 20 ms", typeset.medianMs < 20],
  ["    font load (song regular)", typeset.fontLoadMs, "ms", "", null],
  ["    first shaping (one paragraph)", typeset.firstShapingMs, "ms", "", null],
  ["    first pass over all paragraphs", typeset.firstPassMs, "ms", "", null],
  ["    copyfit: every paragraph +1 and −1 line (fitVariants, median)", typeset.fitMedianMs, "ms", "", null],
  ["    a run of 175,000 —— in an 11-em column (once)", typeset.dashRunMs, "ms", "", null],
  [`(b) seed page, print, cold process, bin/paiban (median; started from ${cold.start})`, cold.medianMs, "ms", "≤ 300 ms", cold.medianMs <= 300],
  ["    the same without the snapshot (dist/cli/main.js)", cold.withoutSnapshotMedianMs, "ms", "", null],
  ["    CPU time (user + sys, median)", cold.medianCpuMs, "ms", "", null],
  ["    … with an empty image cache (1 run)", cold.emptyImageCacheMs, "ms", "", null],
  ["(c) warm re-render, same process (median)", warm.medianMs, "ms", "≤ 50 ms", warm.medianMs <= 50],
  ["    first render in that process", warm.firstMs, "ms", "", null],
  ["    after a copy edit, proof (median)", warm.afterEditProofMs, "ms", "", null],
  ["    after a copy edit, print (median)", warm.afterEditPrintMs, "ms", "", null],
  ["(d) 16-page edition, print, wall (median)", edition?.medianMs ?? Number.NaN, "ms", "≤ 1500 ms", edition ? edition.medianMs <= 1500 : null],
  ["    CPU time (user + sys, median)", edition?.medianCpuMs ?? Number.NaN, "ms", "", null],
  ["(e) peak RSS (seed page / edition)", peakRss, "MB", "≤ 250 MB", peakRss <= 250],
];
const results = {
  label,
  date: new Date().toISOString(),
  machine,
  typeset,
  cold,
  warm,
  edition,
  peakRssMB: peakRss,
  targets: Object.fromEntries(rows.filter((r) => r[4] !== null).map((r) => [r[0].slice(0, 3), r[4]])),
};

const w0 = Math.max(...rows.map((r) => r[0].length));
console.log(`paiban bench — ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGB} GB, node ${machine.node}, ${machine.platform}, load ${machine.loadAverage}${label ? ` — ${label}` : ""}`);
console.log(`${"measure".padEnd(w0)}  ${"value".padStart(9)}  target     ok`);
for (const [name, v, unit, target, ok] of rows) {
  console.log(`${name.padEnd(w0)}  ${`${round(v)} ${unit}`.padStart(9)}  ${target.padEnd(9)}  ${ok === null ? "" : ok ? "yes" : "NO"}`);
}
console.log(`(e) seed page ${round(cold.rssMB)} MB, edition ${round(edition?.rssMB ?? Number.NaN)} MB; warm path: ${warm.api} (unchanged input: pages and PDF from its caches)`);
writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify(results, null, 1)}\n`);
console.log("written: bench/results.json");
