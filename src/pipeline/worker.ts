/**
 * A make-up worker thread: receives { index, fonts, pages } (a group of PageSpecs made up
 * together, plain data: one page, or the pages a jumped story joins), makes them up and posts
 * back their display pages and reports. Fonts are opened once per worker (the
 * worker's own FontStore) and kept for every page it is handed.
 */
import { parentPort } from "node:worker_threads";
import { PaibanError } from "../common/diagnostics.js";
import type { PageSpec } from "../makeup/spec.js";
import { FontStore } from "../fonts/store.js";
import { installFastPaths } from "./fast-paths.js";
import { makeupGroup, type PageFonts } from "./makeup.js";

installFastPaths();

if (!parentPort) throw new Error("pipeline/worker.js runs as a worker thread");
const port = parentPort;
/** The worker's fonts: it lives for one edition's make-up (the pool is terminated after it). */
const fonts = new FontStore();

port.on("message", (job: { index: number; fonts: PageFonts; pages: PageSpec[] }) => {
  try {
    port.postMessage({ index: job.index, made: makeupGroup(job.fonts, job.pages, fonts) });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({
      index: job.index,
      error: {
        name: err instanceof PaibanError ? "PaibanError" : err.name,
        message: err.message,
        stack: err.stack,
        ...(err instanceof PaibanError ? { file: err.file, where: err.where, exitCode: err.exitCode } : {}),
      },
    });
  }
});
