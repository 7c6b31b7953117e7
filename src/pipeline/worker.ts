/**
 * A make-up worker thread: receives { index, fonts, page } (a PageSpec, plain data), makes the
 * page up and posts back its display page and report. Fonts are opened once per worker (the
 * worker's own FontStore) and kept for every page it is handed.
 */
import { parentPort } from "node:worker_threads";
import { PaibanError } from "../common/diagnostics.js";
import type { PageSpec } from "../makeup/spec.js";
import { FontStore } from "../fonts/store.js";
import { installFastPaths } from "./fast-paths.js";
import { makeupOnePage, type PageFonts } from "./makeup.js";

installFastPaths();

if (!parentPort) throw new Error("pipeline/worker.js runs as a worker thread");
const port = parentPort;
/** The worker's fonts: it lives for one edition's make-up (the pool is terminated after it). */
const fonts = new FontStore();

port.on("message", (job: { index: number; fonts: PageFonts; page: PageSpec }) => {
  try {
    port.postMessage({ index: job.index, made: makeupOnePage(job.fonts, job.page, fonts) });
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
