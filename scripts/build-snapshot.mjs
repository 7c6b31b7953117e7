#!/usr/bin/env node
/**
 * Build the start-up snapshot (see src/cli/snapshot.ts) after `tsc`: part of `npm run build`.
 *
 * 1. esbuild bundles dist/cli/snapshot.js and everything it imports into dist/paiban.cjs.
 *    Each module's `import.meta.url` becomes its own file's URL, worked out at run time from
 *    the bundle's folder; sharp (a native addon) and the watch/serve-only packages stay
 *    outside the bundle and are required when first used.
 * 2. Node's snapshot builder runs the bundle, which renders a warm-up page, and writes
 *    dist/paiban.blob.
 * 3. dist/paiban.blob.stamp records which checkout and which Node binary the blob belongs
 *    to (first line) and the V8 flags it was built with (second line); bin/paiban starts
 *    from the blob only when both match, with those flags.
 *
 * A failure is reported and leaves no blob: bin/paiban then starts from dist/cli/main.js
 * (slower, same output), and `paiban render --timings` says "started from modules".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const bundle = path.join(dist, "paiban.cjs");
const blob = path.join(dist, "paiban.blob");
const stampFile = `${blob}.stamp`;

/**
 * V8 flags the blob is built and started with (V8 refuses a blob under other flags; the stamp
 * carries them to bin/paiban). A one-page render lasts a quarter of a second: V8's optimising
 * compiler, on its default budget, spends more compiling the functions it finds hot than they
 * then save. Four times the budget optimises only the really hot ones: measured with
 * `perf stat -r 15`, the seed page 0.28–0.30 s → 0.24–0.25 s, the 16-page edition 0.61 s →
 * 0.54 s; a 200,000-character paragraph in `typeset` 0.84 s → 0.89 s.
 */
export const V8_FLAGS = ["--interrupt-budget=270336"];

/** Packages loaded at run time with a real `require`, never bundled. */
const OUTSIDE = /^(sharp|chokidar|playwright-core)$/;
/**
 * Modules the snapshot's three commands never run, left out of the heap image: brotli (1.4 MB
 * of dictionary, fontkit's WOFF2 reader) is required from node_modules on first use; the
 * other commands' modules (preflight, fonts, schema, watch, serve) are only reached through
 * dist/cli/main.js, where bin/paiban sends those commands.
 */
const LAZY_PACKAGE = /^brotli\/decompress(\.js)?$/;
const OTHER_COMMANDS = /^\.\/(misc|watch|serve)\.js$/;

/** What bin/paiban compares: the checkout's folder and the Node binary's size and mtime. */
export function stampFor(nodeBinary) {
  const st = fs.statSync(nodeBinary);
  return `${root}|${st.size} ${Math.floor(st.mtimeMs / 1000)}`;
}

async function bundleCli() {
  const esbuild = await import("esbuild");
  const plugin = {
    name: "paiban-snapshot",
    setup(build) {
      build.onResolve({ filter: OUTSIDE }, (args) => ({ path: args.path, namespace: "outside" }));
      build.onResolve({ filter: LAZY_PACKAGE }, (args) => ({ path: args.path, namespace: "lazy" }));
      build.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
        contents: `module.exports = function () { return __paiban.require(${JSON.stringify(args.path)}).apply(this, arguments); };`,
        loader: "js",
      }));
      build.onResolve({ filter: OTHER_COMMANDS }, (args) =>
        args.importer.endsWith(path.join("cli", "app.js")) ? { path: args.path, namespace: "other-command" } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: "other-command" }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is not in the start-up snapshot: run it through dist/cli/main.js`)});`,
        loader: "js",
      }));
      build.onLoad({ filter: /.*/, namespace: "outside" }, (args) => ({
        contents: `module.exports = __paiban.require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
      build.onLoad({ filter: /\.(m?js|cjs)$/ }, async (args) => {
        let src = await fs.promises.readFile(args.path, "utf8");
        if (src.includes("import.meta.url")) {
          const rel = path.relative(dist, args.path).split(path.sep).join("/");
          src = src.replaceAll("import.meta.url", `__paibanUrl(${JSON.stringify(rel)})`);
        }
        // An Intl.Segmenter made while modules load (string-width does) is a native handle
        // V8 cannot save in a snapshot; made on first use instead, it is the same object.
        src = src.replaceAll("new Intl.Segmenter()", "__paibanSegmenter()");
        return { contents: src, loader: "js" };
      });
    },
  };
  // `var`, not `const`: a module in the bundle may declare its own __dirname at the top level.
  const banner = [
    `var __paiban = { dir: __dirname, require: require };`,
    `var __paibanUrl = (rel) => require("url").pathToFileURL(require("path").join(__paiban.dir, rel)).href;`,
    `var __paibanSegmenter = () => { let s; return { segment: (t) => (s ??= new Intl.Segmenter()).segment(t) }; };`,
  ].join("\n");
  await esbuild.build({
    entryPoints: [path.join(dist, "cli", "snapshot.js")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // No comments, no indentation: the bundle's source stays in the heap image (for lazy
    // compilation), so its size is start-up time. Names are kept for readable stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    charset: "ascii",
    banner: { js: banner },
    plugins: [plugin],
    logLevel: "error",
  });
}

/** The sample page without its photo (sharp cannot run in the builder), paths made absolute. */
function warmUpLayout() {
  const file = path.join(root, "layouts", "quxian.json");
  const layout = JSON.parse(fs.readFileSync(file, "utf8"));
  delete layout.$schema;
  layout.items = layout.items.filter((item) => item.type !== "photo");
  // Copy files (story copy, sidebar items) are named relative to the layout: made absolute.
  const absolute = (value) => {
    if (typeof value === "string") return /\.(md|txt)$/i.test(value) ? path.resolve(path.dirname(file), value) : value;
    if (Array.isArray(value)) return value.map(absolute);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, absolute(v)]));
    return value;
  };
  layout.items = absolute(layout.items);
  const out = path.join(dist, "snapshot-warmup.json");
  fs.writeFileSync(out, JSON.stringify(layout));
  return out;
}

function fail(why) {
  fs.rmSync(blob, { force: true });
  fs.rmSync(stampFile, { force: true });
  process.stderr.write(`paiban: the start-up snapshot was not built (${why}); bin/paiban will start from dist/cli/main.js\n`);
}

async function main() {
  fs.rmSync(stampFile, { force: true });
  try {
    await bundleCli();
  } catch (e) {
    return fail(`bundling: ${e.message}`);
  }
  // Built under another name and renamed: a paiban starting meanwhile reads the old blob or
  // the new one, never half of one.
  const partial = `${blob}.${process.pid}.tmp`;
  const built = spawnSync(process.execPath, [...V8_FLAGS, "--snapshot-blob", partial, "--build-snapshot", bundle], {
    cwd: root,
    env: { ...process.env, PAIBAN_SNAPSHOT_WARMUP: warmUpLayout() },
    encoding: "utf8",
  });
  if (built.status !== 0 || !fs.existsSync(partial)) {
    fs.rmSync(partial, { force: true });
    return fail(`node --build-snapshot exited ${built.status}: ${(built.stderr || "").trim().split("\n").slice(-3).join(" | ")}`);
  }
  fs.renameSync(partial, blob);
  // Node warns of built-in modules it has not verified in snapshots. node:module is used only
  // after start (createRequire, tested); any other one is shown, since it may misbehave in the
  // restored process (worker_threads did: it is now loaded only when used).
  for (const line of (built.stderr || "").split("\n")) {
    if (/Warning:/.test(line) && !/"node:module"/.test(line)) process.stderr.write(`paiban: snapshot builder: ${line}\n`);
  }
  fs.writeFileSync(stampFile, `${stampFor(process.execPath)}\n${V8_FLAGS.join(" ")}\n`);
}

await main();
