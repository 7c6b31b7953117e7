/**
 * The start-up snapshot: the `paiban` command line with every module of render, validate and
 * typeset already loaded, saved as a V8 heap image that Node starts from
 * (`node --snapshot-blob dist/paiban.blob -- render …`).
 *
 * Why: a cold `paiban render` spent ~250 ms loading and initialising modules (fontkit,
 * pdfkit, zod, yaml, yargs and ours) before it read the layout. From the snapshot that work is
 * already done. `scripts/build-snapshot.mjs` bundles this file (esbuild, one CommonJS file)
 * and runs Node's snapshot builder on it; `bin/paiban` starts from the blob when the blob was
 * made by the same Node binary for the same checkout, and from dist/cli/main.js otherwise.
 *
 * Before the heap is saved, the builder renders a warm-up page (the sample without its photo:
 * sharp, a native addon, cannot be in a snapshot) in proof and print mode, so the functions
 * of the render path are compiled to bytecode once at build time rather than in every
 * process. Then every per-process cache is emptied: the snapshot holds code and constants,
 * never fonts (each render's FontStore is closed when it is done), a font map or a layout.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { forgetFontMap } from "../fonts/fontmap.js";
import { installFastPaths } from "../pipeline/fast-paths.js";
import { render } from "../pipeline/render.js";
import { runCli } from "./app.js";
import { setStart } from "./start.js";
// What the three commands load on demand, loaded now so that it is in the heap image.
import "./render.js";
import "./typeset.js";
import "./fit.js";
import "../makeup/galley.js";
import "../render/pdf.js";

/**
 * Set by the bundle's banner (scripts/build-snapshot.mjs): the folder the bundle's relative
 * paths start from, and the `require` for packages outside the bundle (sharp).
 */
declare const __paiban: { dir: string; require: NodeRequire };

/** The blob this process started from (`--snapshot-blob FILE` or `--snapshot-blob=FILE`). */
function blobPath(): string | undefined {
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--snapshot-blob") return args[i + 1];
    if (args[i]!.startsWith("--snapshot-blob=")) return args[i]!.slice("--snapshot-blob=".length);
  }
  return undefined;
}

async function warmUp(layout: string): Promise<void> {
  installFastPaths(); // the fast paths' code compiled into the heap image too
  const dir = mkdtempSync(path.join(os.tmpdir(), "paiban-warmup-"));
  try {
    for (const mode of ["proof", "print"] as const) {
      await render({ layout, mode, out: path.join(dir, `${mode}.pdf`), workers: 0, proofTime: "warm-up" });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The renders' font stores were theirs and are closed; the font map file is the one cache left.
  forgetFontMap();
}

if (v8.startupSnapshot?.isBuildingSnapshot()) {
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    const blob = blobPath();
    if (blob) {
      // The bundle sits beside the blob in dist/; packages outside it resolve from there.
      __paiban.dir = path.dirname(path.resolve(blob));
      __paiban.require = createRequire(path.join(__paiban.dir, "paiban.cjs"));
    }
    setStart("snapshot");
    // Again in this process: PAIBAN_NO_FAST_PATHS=1 takes back what the warm-up put in.
    installFastPaths();
    // With `--`, Node leaves every argument to us: argv is [node, ...arguments].
    void runCli(process.argv.slice(1));
  });
  const layout = process.env.PAIBAN_SNAPSHOT_WARMUP;
  if (layout) {
    warmUp(layout).catch((e: unknown) => {
      process.stderr.write(`paiban: snapshot warm-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
  }
}
