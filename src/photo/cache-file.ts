/**
 * Writing a file of the processed-image cache (.cache/paiban): into a temporary name, then
 * renamed, so a reader finds the whole file or none. The cache is an optimisation only: a
 * file that cannot be written is simply not there next time, never an error.
 */
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

export async function writeCacheFile(path: string, data: Uint8Array | string): Promise<void> {
  // Random now, not from a generator state the start-up snapshot may hold (see atomic.ts).
  const temp = `${path}.${process.pid}.${randomUUID({ disableEntropyCache: true }).slice(0, 8)}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, data);
    await rename(temp, path);
  } catch {
    await rm(temp, { force: true }).catch(() => {});
  }
}
