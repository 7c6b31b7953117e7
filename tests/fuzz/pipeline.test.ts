/**
 * Fuzzing the whole pipeline in-process: random layouts (valid and slightly broken) with random
 * copy always end in a PDF or a PaibanError, never another exception, each within a bound.
 * The short run is part of `npm test`; `npm run fuzz -- --runs 2000 --seed N` runs long.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import sharp from "sharp";
import { expect, test } from "vitest";
import { PaibanError } from "../../src/common/diagnostics.js";
import { layOut } from "../../src/pipeline/render.js";
import { writePdf } from "../../src/render/pdf.js";
// @ts-expect-error plain JavaScript shared with bench/fuzz.mjs
import { fuzzCase, runCase, writeImages } from "./gen.mjs";

const RUNS = Number(process.env.PAIBAN_FUZZ_RUNS ?? 100);
/** One case, pdf written or refused, in this many ms at most. */
const CASE_BOUND_MS = 5_000;

test(`pipeline: ${RUNS} random layouts give a PDF or a PaibanError`, { timeout: 120_000 }, async () => {
  const root = mkdtempSync(join(tmpdir(), "paiban-fuzz-"));
  await writeImages(root, sharp);
  const cacheDir = join(root, ".cache");
  const outcomes = { pdf: 0, refused: 0 };
  let slowest = 0;
  await fc.assert(
    fc.asyncProperty(fuzzCase(fc), async (c: unknown) => {
      const r = await runCase(c, root, { layOut, writePdf, PaibanError }, cacheDir);
      outcomes[r.outcome as "pdf" | "refused"]++;
      slowest = Math.max(slowest, r.ms);
      expect(r.ms, "time for one case").toBeLessThan(CASE_BOUND_MS);
      if (r.outcome === "refused") {
        // A refusal is one line a user can act on.
        expect(r.message).not.toMatch(/\n|undefined|NaN|\[object/);
      }
    }),
    { numRuns: RUNS, seed: process.env.PAIBAN_FUZZ_SEED ? Number(process.env.PAIBAN_FUZZ_SEED) : undefined, endOnFailure: true },
  );
  console.log(`fuzz: ${RUNS} cases, ${outcomes.pdf} PDFs, ${outcomes.refused} refused, slowest ${Math.round(slowest)} ms`);
  // Both kinds of case are exercised.
  expect(outcomes.pdf).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
});
