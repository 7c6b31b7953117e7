/**
 * Make-up of an edition's pages, one page at a time, in this thread or spread over worker
 * threads, put back together in page order so the result never depends on which page finished
 * first.
 *
 * Every page gets a fresh font map: the font-fallback warnings of each page are returned with
 * it and merged in page order (each once), which gives exactly the list one shared map would
 * have built. Every make-up of a layout goes through here (render, layOut for serve and PNGs).
 */
import os from "node:os";
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { DisplayDocument, DisplayPage } from "../display/types.js";
import { makeFontMap } from "../fonts/fontmap.js";
import type { FontStore } from "../fonts/store.js";
import type { EditionSpec, PageSpec } from "../makeup/spec.js";
import { assembleEdition as assembleMadePages, makeupPages } from "../makeup/page.js";
import type { LayoutReport, PageReport } from "../makeup/report.js";

/** One page made up. */
export interface MadePage {
  page: DisplayPage;
  report: PageReport;
  /** Font-fallback warnings this page's make-up raised. */
  fontWarnings: Warning[];
  /** Make-up time, ms. */
  ms: number;
}

export type PageFonts = EditionSpec["fonts"];

/** Make up one page with its own font map, its faces from `store`. */
export function makeupOnePage(fonts: PageFonts, page: PageSpec, store: FontStore): MadePage {
  return makeupGroup(fonts, [page], store)[0]!;
}

/**
 * Make up a group of pages (one page, or the pages a jumped story joins) with one font map, its
 * faces from `store` (what a worker runs): the group's font warnings go with its first page, its
 * time is shared out evenly.
 */
export function makeupGroup(fonts: PageFonts, pages: PageSpec[], store: FontStore): MadePage[] {
  const t = performance.now();
  const map = makeFontMap(fonts, store);
  const made = makeupPages(map, pages);
  const ms = (performance.now() - t) / pages.length;
  const fontWarnings = map.warnings();
  return made.map((m, i) => ({ page: m.page, report: m.report, fontWarnings: i === 0 ? fontWarnings : [], ms }));
}

/**
 * The edition's pages in groups made up together, as indices in page order: pages joined by a
 * jumped story (转版) — its parts are set as one flow — in one group, every other page alone, so
 * pages without jumps are made up apart (and in parallel on workers) as ever.
 */
export function pageGroups(pages: readonly PageSpec[]): number[][] {
  const index = new Map(pages.map((p, i) => [p.number, i]));
  const root = pages.map((_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]!]!;
    return i;
  };
  pages.forEach((page, i) => {
    for (const item of page.items) {
      const to = item.type === "story" ? item.jump?.to : undefined;
      const j = to ? index.get(to.page) : undefined;
      if (j !== undefined) root[find(i)] = find(j);
    }
  });
  const groups = new Map<number, number[]>();
  pages.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()];
}

/** The edition's display list and report from pages made up apart (font warnings once each). */
export function assembleEdition(edition: EditionSpec, made: MadePage[], warnings: Warning[]): { document: DisplayDocument; report: LayoutReport } {
  const fontWarnings = new Map<string, Warning>();
  for (const m of made) for (const w of m.fontWarnings) if (!fontWarnings.has(w.message)) fontWarnings.set(w.message, w);
  return assembleMadePages(edition, made, warnings, [...fontWarnings.values()]);
}

/**
 * Fewest pages for which worker threads are started by default. Measured on this project's
 * machine (bench/results.json): a worker needs ~0.4 s to start (it loads the make-up modules
 * and opens its fonts; workers cannot start from the snapshot), while the main thread, started
 * from the snapshot, makes up a page in ~11 ms (the 16 pages of layouts/edition-16.json in
 * ~0.18 s). W workers pay off once pages × 11 ms × (1 − 1/W) exceeds that start: from ~48
 * pages with four cores, ~41 with eight, never with two.
 */
export const MIN_PAGES_FOR_WORKERS = 48;

/**
 * How many worker threads make up `pages` pages by default: one per core for an edition of
 * MIN_PAGES_FOR_WORKERS pages or more on a machine of more than two cores, none otherwise.
 * `--workers N` asks for threads whatever the size.
 */
export function defaultWorkerCount(pages: number): number {
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  if (pages < MIN_PAGES_FOR_WORKERS || cores <= 2) return 0;
  return Math.min(pages, cores);
}

interface WorkerReply {
  index: number;
  made?: MadePage[];
  error?: { message: string; name: string; file?: string; where?: string; exitCode?: number; stack?: string };
}

/**
 * Make up `pages` (groups of pages made up together: see pageGroups) on `count` worker threads,
 * handing out the next group to whichever worker is free. `onPage` hears of each group as it is
 * done (in completion order); the result is in the groups' order.
 */
export async function makeupInWorkers(
  fonts: PageFonts,
  pages: PageSpec[][],
  count: number,
  onPage?: (index: number, made: MadePage[]) => void,
): Promise<MadePage[][]> {
  const results: MadePage[][] = new Array(pages.length);
  const workerUrl = workerScript();
  // Loaded here, not with the module: worker_threads loaded into a start-up snapshot
  // (src/cli/snapshot.ts) gives workers that fail on their first process.cwd() (Node 20).
  // (A require, not import(): the snapshot's bundle has no dynamic-import hook.)
  const { Worker } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
  const n = Math.max(1, Math.min(count, pages.length));
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: unknown) => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const feed = (w: Worker) => {
        if (failed) return;
        if (next < pages.length) {
          const index = next++;
          w.postMessage({ index, fonts, pages: pages[index] });
        }
      };
      for (let i = 0; i < n; i++) {
        const w = new Worker(workerUrl);
        workers.push(w);
        w.on("message", (reply: WorkerReply) => {
          if (reply.error) return fail(rebuildError(reply.error));
          results[reply.index] = reply.made!;
          done++;
          onPage?.(reply.index, reply.made!);
          if (done === pages.length) resolve();
          else feed(w);
        });
        w.on("error", fail);
        w.on("exit", (code) => {
          if (done < pages.length) fail(new Error(`a make-up worker stopped (exit code ${code}) before the edition was done`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/**
 * The compiled worker script, dist/pipeline/worker.js. Every module that can run this code sits
 * two folders below the package root (src/pipeline/makeup.ts under vitest, dist/pipeline/makeup.js;
 * the snapshot's bundle dist/paiban.cjs gives each module its own file's URL, see
 * scripts/build-snapshot.mjs), so one relative path serves them all.
 */
function workerScript(): URL {
  return new URL("../../dist/pipeline/worker.js", import.meta.url);
}

/** A worker's error as the error the main thread would have thrown (PaibanError keeps its message and place). */
function rebuildError(e: NonNullable<WorkerReply["error"]>): Error {
  if (e.name === "PaibanError") return new PaibanError(e.message, { file: e.file, where: e.where, exitCode: e.exitCode });
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}
