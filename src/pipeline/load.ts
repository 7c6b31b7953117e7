/**
 * Loading a layout for a run: the layout stage parses it (src/layout), and this module gives
 * the parser the files it names, read from disk: the layout file, copy (src/copy), image
 * headers and fonts (opened in the run's font store, src/fonts).
 */
import { open, stat } from "node:fs/promises";
import { readInputFile } from "../common/input-file.js";
import type { Warning } from "../common/diagnostics.js";
import { loadCopy } from "../copy/load.js";
import type { StoryCopy } from "../copy/types.js";
import { FontStore } from "../fonts/store.js";
import { parseLayout, type LayoutFiles } from "../layout/index.js";
import type { EditionSpec } from "../makeup/spec.js";

/** The largest layout file read: 8 MB, a thousand times a real edition's layout. */
export const MAX_LAYOUT_BYTES = 8 * 1024 * 1024;

/** The files a layout names, as they are on disk; fonts are opened in `fonts`. */
export function diskFiles(fonts: FontStore): LayoutFiles<StoryCopy> {
  return {
    layout: (file) => readInputFile(file, MAX_LAYOUT_BYTES),
    async kind(abs) {
      try {
        return (await stat(abs)).isFile() ? "file" : "other";
      } catch {
        return "missing";
      }
    },
    copy: (abs) => loadCopy(abs),
    async head(abs, length) {
      const handle = await open(abs, "r");
      try {
        const buf = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        return buf.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    openFont: (font) => void fonts.open(font),
  };
}

/**
 * A layout file → EditionSpec (every length in pt, every path absolute, the copy read), or one
 * PaibanError naming the file, the JSON path and what was expected. Its fonts are opened in
 * `fonts` (the run's store; without one, a store of its own, closed when done), so a font that
 * is no font is reported where the layout names it.
 */
export async function loadLayout(file: string, fonts?: FontStore): Promise<{ edition: EditionSpec; warnings: Warning[] }> {
  const store = fonts ?? new FontStore();
  try {
    return await parseLayout(file, diskFiles(store));
  } finally {
    if (!fonts) store.close();
  }
}

/** The same check as loadLayout, under the name the layout tests use. */
export const validateLayout = loadLayout;
