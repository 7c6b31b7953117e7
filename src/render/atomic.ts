/**
 * Replace a file all at once: write a temp file beside it, flush it, rename it over the
 * target. A reader sees the old file or the new one, never half of either; a failure removes
 * the temp file and leaves the old one alone. Two writers racing each rename a complete file,
 * so the last rename wins and the result is one whole PDF.
 */
import { randomUUID } from "node:crypto";
import { open, rename, rm, mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PaibanError } from "../common/diagnostics.js";

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
}

export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch {
    throw new PaibanError(`cannot create the output folder`, { file: dirname(target) });
  }
  const temp = tempPathFor(target);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? "unknown";
    throw new PaibanError(`cannot write the output (${code})`, { file: target });
  }
}
