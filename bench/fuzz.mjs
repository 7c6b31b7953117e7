#!/usr/bin/env node
/**
 * The long fuzz run: `npm run fuzz -- --runs 2000 --seed 42` (builds first; runs on dist/).
 *
 * Cases come from tests/fuzz/gen.mjs (the same generators as the short run in npm test). Each
 * case runs in a worker thread; one that has not finished after --bound ms (default 10 s) is a
 * hang: the worker is killed and a new one takes the next case. A case that throws anything but
 * a PaibanError is a crash. Prints the counts and, for every crash and hang, the seed and the
 * case number to replay (`--seed N --only K`) and the layout.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

const here = fileURLToPath(import.meta.url);

if (isMainThread) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : dflt;
  };
  const runs = opt("runs", 200);
  const seed = opt("seed", Date.now() % 2 ** 31);
  const bound = opt("bound", 10_000);
  const only = opt("only", -1);
  const root = mkdtempSync(join(tmpdir(), "paiban-fuzz-"));
  const { fuzzCase } = await import("../tests/fuzz/gen.mjs");
  const cases = fc.sample(fuzzCase(fc), { numRuns: runs, seed });

  const tally = { cases: 0, pdf: 0, refused: 0, crashes: 0, hangs: 0 };
  const problems = [];
  const times = [];
  let worker;
  const spawn = () => {
    worker = new Worker(here, { workerData: { root } });
    worker.unref();
  };
  spawn();
  const started = performance.now();
  for (let k = 0; k < cases.length; k++) {
    if (only >= 0 && k !== only) continue;
    const c = cases[k];
    const result = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ outcome: "hang" }), bound);
      const done = (r) => {
        clearTimeout(timer);
        worker.off("message", done);
        worker.off("error", failed);
        resolve(r);
      };
      const failed = (e) => done({ outcome: "crash", message: `worker died: ${e?.stack ?? e}` });
      worker.on("message", done);
      worker.on("error", failed);
      worker.postMessage({ k, c });
    });
    tally.cases++;
    if (result.outcome === "hang" || result.message?.startsWith("worker died")) {
      await worker.terminate();
      spawn();
    }
    if (result.outcome === "pdf") tally.pdf++;
    else if (result.outcome === "refused") tally.refused++;
    else {
      tally[result.outcome === "hang" ? "hangs" : "crashes"]++;
      const file = join(root, `problem-${k}.json`);
      writeFileSync(file, JSON.stringify(c, null, 1));
      problems.push(`${result.outcome} in case ${k} (replay: --seed ${seed} --runs ${runs} --only ${k}; case in ${file})${result.message ? `\n    ${result.message.split("\n").slice(0, 6).join("\n    ")}` : ""}`);
    }
    if (result.ms !== undefined) times.push(result.ms);
    if (tally.cases % 100 === 0) process.stderr.write(`… ${tally.cases}/${runs}\n`);
  }
  await worker.terminate();
  times.sort((a, b) => a - b);
  const pct = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0);
  console.log(
    `fuzz: seed ${seed}, ${tally.cases} cases in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${tally.pdf} PDFs, ${tally.refused} refused with a PaibanError, ${tally.crashes} crashes, ${tally.hangs} hangs (bound ${bound} ms); ` +
      `per case median ${pct(0.5)} ms, p99 ${pct(0.99)} ms, max ${pct(1)} ms`,
  );
  for (const p of problems) console.log(`  ${p}`);
  process.exitCode = tally.crashes + tally.hangs > 0 ? 1 : 0;
} else {
  (await import("../dist/pipeline/fast-paths.js")).installFastPaths(); // as the command line does
  const { PaibanError } = await import("../dist/common/diagnostics.js");
  const { layOut } = await import("../dist/pipeline/render.js");
  const { writePdf } = await import("../dist/render/pdf.js");
  const { runCase, writeImages } = await import("../tests/fuzz/gen.mjs");
  const sharp = (await import("sharp")).default;
  const { root } = workerData;
  await writeImages(root, sharp);
  parentPort.on("message", async ({ k, c }) => {
    try {
      const r = await runCase(c, root, { layOut, writePdf, PaibanError }, join(root, ".cache"));
      parentPort.postMessage(r);
    } catch (err) {
      parentPort.postMessage({ outcome: "crash", message: err?.stack ?? String(err) });
    }
  });
}
