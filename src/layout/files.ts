/**
 * Files a layout names (copy, images, fonts): resolved relative to the layout file and checked
 * where the layout names them, with a message giving the path as written and as resolved.
 *
 * The layout stage does no I/O of its own: the pipeline hands the parser a LayoutFiles that
 * reads the disk (src/pipeline/load.ts). The messages about a place in the layout stay here.
 */
import { isAbsolute, resolve } from "node:path";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { FontFile } from "../fonts/types.js";
import type { LayoutSource } from "./errors.js";
import type { JsonPath } from "./json.js";
import type { HeadlineParts } from "./types.js";

/** How the parser reaches the files a layout names; `Copy` is what a copy file reads as. */
export interface LayoutFiles<Copy extends HeadlineParts> {
  /** The bytes of the layout file itself; throws what fs throws. */
  layout(file: string): Promise<Uint8Array>;
  /** Whether a path is a file, something else (a folder), or nothing that can be reached. */
  kind(abs: string): Promise<"file" | "other" | "missing">;
  /** The copy in a file and its warnings; PaibanError for bad copy, what fs throws otherwise. */
  copy(abs: string): Promise<{ copy: Copy; warnings: Warning[] }>;
  /** The first `length` bytes of a file (fewer when it is shorter); throws what fs throws. */
  head(abs: string, length: number): Promise<Buffer>;
  /** Open a font, so a file that is no font is reported where the layout names it; PaibanError. */
  openFont(font: FontFile): void;
}

export interface FileContext<Copy extends HeadlineParts> {
  source: LayoutSource;
  /** Folder of the layout file: relative paths start here. */
  dir: string;
  files: LayoutFiles<Copy>;
  warnings: Warning[];
}

export function resolvePath(dir: string, written: string): string {
  return isAbsolute(written) ? written : resolve(dir, written);
}

/** The absolute path of a file the layout names, which must exist and be a file. */
export async function requireFile<C extends HeadlineParts>(ctx: FileContext<C>, written: string, kind: string, path: JsonPath): Promise<string> {
  const abs = resolvePath(ctx.dir, written);
  const found = await ctx.files.kind(abs);
  if (found === "missing") throw ctx.source.error(path, `${kind} not found: "${written}" (resolved to ${abs})`);
  if (found !== "file") throw ctx.source.error(path, `${kind} "${written}" is not a file (resolved to ${abs})`);
  return abs;
}

/** Load a copy file the layout names; its warnings are tagged with the item's id. */
export async function requireCopy<C extends HeadlineParts>(ctx: FileContext<C>, written: string, itemId: string, path: JsonPath): Promise<C> {
  const abs = await requireFile(ctx, written, "copy file", path);
  try {
    const { copy, warnings } = await ctx.files.copy(abs);
    for (const w of warnings) ctx.warnings.push({ ...w, itemId });
    return copy;
  } catch (err) {
    if (err instanceof PaibanError) throw err;
    throw ctx.source.error(path, `copy file "${written}" could not be read: ${(err as Error).message}`);
  }
}
