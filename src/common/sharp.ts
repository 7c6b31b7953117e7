/**
 * sharp, loaded on first use. Loading it (libvips) costs ~80 ms, and a render whose photos are
 * all in the processed-image cache, or that has none, needs no image decoding at all.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import type sharpType from "sharp";

let loading: Promise<typeof sharpType> | undefined;

export function loadSharp(): Promise<typeof sharpType> {
  loading ??= import("sharp").then((m) => m.default);
  return loading;
}

let version: string | undefined;

/** sharp's version without loading it (for cache keys): from its package.json. */
export function sharpVersion(): string {
  if (!version) {
    const main = createRequire(import.meta.url).resolve("sharp");
    const pkg = path.join(path.dirname(main), "..", "package.json");
    version = (JSON.parse(fs.readFileSync(pkg, "utf8")) as { version: string }).version;
  }
  return version;
}
