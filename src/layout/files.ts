/**
 * Files a layout names (copy, images, fonts): resolved relative to the layout file and checked
 * to exist, with a message giving the path as written and as resolved.
 */
import { stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import { loadCopy } from "../copy/load.js";
import type { StoryCopy } from "../copy/types.js";
import type { LayoutSource } from "./errors.js";
import type { JsonPath } from "./json.js";

export interface FileContext {
  source: LayoutSource;
  /** Folder of the layout file: relative paths start here. */
  dir: string;
  warnings: Warning[];
}

export function resolvePath(dir: string, written: string): string {
  return isAbsolute(written) ? written : resolve(dir, written);
}

/** The absolute path of a file the layout names, which must exist and be a file. */
export async function requireFile(ctx: FileContext, written: string, kind: string, path: JsonPath): Promise<string> {
  const abs = resolvePath(ctx.dir, written);
  let isFile = false;
  try {
    isFile = (await stat(abs)).isFile();
  } catch {
    throw ctx.source.error(path, `${kind} not found: "${written}" (resolved to ${abs})`);
  }
  if (!isFile) throw ctx.source.error(path, `${kind} "${written}" is not a file (resolved to ${abs})`);
  return abs;
}

/** Load a copy file the layout names; its warnings are tagged with the item's id. */
export async function requireCopy(ctx: FileContext, written: string, itemId: string, path: JsonPath): Promise<StoryCopy> {
  const abs = await requireFile(ctx, written, "copy file", path);
  try {
    const { copy, warnings } = await loadCopy(abs);
    for (const w of warnings) ctx.warnings.push({ ...w, itemId });
    return copy;
  } catch (err) {
    if (err instanceof PaibanError) throw err;
    throw ctx.source.error(path, `copy file "${written}" could not be read: ${(err as Error).message}`);
  }
}
