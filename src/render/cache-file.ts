/**
 * Writing a file of the processed-image cache (.cache/paiban): into a temporary name, then
 * renamed, so a reader finds the whole file or none. The cache is an optimisation only: a
 * file that cannot be written is simply not there next time, never an error.
 */
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export async function writeCacheFile(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
}
