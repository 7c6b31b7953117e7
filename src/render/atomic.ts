/**
 * Replace a file all at once: write a temp file beside it, flush it, rename it over the
 * target. A reader sees the old file or the new one, never half of either; a failure removes
 * the temp file and leaves the old one alone. Two writers racing each rename a complete file,
 * so the last rename wins and the result is one whole PDF.
 */
import { randomUUID } from "node:crypto";
import { lstat, open, readdir, rename, rm, mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { PaibanError } from "../common/diagnostics.js";

/**
 * The temp name: the process id, for removeStaleTemps, and a random part drawn now from the
 * system's generator. Not from randomUUID's entropy cache: the start-up snapshot saves that
 * cache with the heap, so every process started from it drew the same "random" parts, and
 * processes with the same id (each the first process of its container) collided.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomUUID({ disableEntropyCache: true }).slice(0, 8)}.tmp`);
}

/**
 * A process killed between writing its temp file and renaming it (SIGKILL, power cut) leaves
 * the temp file behind. The next write to the same target removes such leftovers: temp files
 * of this target whose process is gone. Those of a live process (a render running now) stay.
 */
export async function removeStaleTemps(target: string): Promise<string[]> {
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(target));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
    const m = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(dirname(target), name), { force: true });
    removed.push(name);
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const set = new OutputSet();
  await set.stage(target, bytes);
  await set.commit();
}

/** What stands at an output path: nothing, a file, a folder, or something else (a device, a FIFO). */
async function kindAt(target: string): Promise<"none" | "file" | "folder" | "special"> {
  try {
    const st = await lstat(target);
    return st.isFile() || st.isSymbolicLink() ? "file" : st.isDirectory() ? "folder" : "special";
  } catch {
    return "none";
  }
}

/**
 * The files of one render (PDF, report, PNGs), committed all or nothing: each is written in
 * full to its temp file first (stage); only when every one is written are they renamed over
 * their targets (commit). A failure while staging (a full disk, a report path that is a
 * folder, a PNG folder that is a file) removes every temp file and leaves every previous output
 * as it was, so the PDF and its report never get out of step.
 */
export class OutputSet {
  private staged: { target: string; temp: string }[] = [];

  /** Write `bytes` to a temp file beside `target`; on failure discard everything staged. */
  async stage(target: string, bytes: Uint8Array): Promise<void> {
    try {
      await this.stageOne(target, bytes);
    } catch (err) {
      await this.discard();
      throw err;
    }
  }

  private async stageOne(target: string, bytes: Uint8Array): Promise<void> {
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch {
      throw new PaibanError(`cannot create the output folder`, { file: dirname(target) });
    }
    const kind = await kindAt(target);
    if (kind === "folder") throw new PaibanError(`cannot write the output (EISDIR)`, { file: target });
    if (kind === "special") throw new PaibanError(`cannot write the output: this is a device or a pipe, not a file`, { file: target });
    await removeStaleTemps(target);
    const temp = tempPathFor(target);
    this.staged.push({ target, temp });
    try {
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? "unknown";
      throw new PaibanError(`cannot write the output (${code})`, { file: target });
    }
  }

  /** Rename every staged file over its target. */
  async commit(): Promise<void> {
    const staged = this.staged;
    this.staged = [];
    for (const [i, { target, temp }] of staged.entries()) {
      try {
        await rename(temp, target);
      } catch (err) {
        for (const rest of staged.slice(i)) await rm(rest.temp, { force: true });
        const code = (err as NodeJS.ErrnoException).code ?? "unknown";
        throw new PaibanError(`cannot write the output (${code})`, { file: target });
      }
    }
  }

  /** Remove every staged temp file; the targets stay as they were. */
  async discard(): Promise<void> {
    const staged = this.staged;
    this.staged = [];
    for (const { temp } of staged) await rm(temp, { force: true });
  }
}
