/**
 * Watch a changing set of files (chokidar) and call back once per burst of saves (debounced):
 * an editor's save is often several events (truncate, write, rename), and one render is enough.
 *
 * Beside the OS watches, every watched file is looked at directly once a second (its size and
 * modification time, or that it is gone). An OS watch dies with its folder: a layout whose
 * folder is renamed away and back, or deleted and restored, is then still seen, and the watch
 * is set up again. The timer also keeps the process running while every OS watch is gone
 * (before, `paiban watch` then ran out of work and Node ended it with exit code 13).
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import chokidar, { type FSWatcher } from "chokidar";

export const DEFAULT_DEBOUNCE_MS = 50;
/** How often the watched files are looked at directly, ms. */
export const POLL_MS = 1000;

/** A file's state as the poll compares it: size and modification time, or gone. */
function stateOf(file: string): string {
  try {
    const s = statSync(file);
    return `${s.size}:${s.mtimeMs}:${s.ino}`;
  } catch {
    return "gone";
  }
}

export class FileWatch {
  private readonly watcher: FSWatcher;
  private watched = new Set<string>();
  private seen = new Map<string, string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private readonly poll: NodeJS.Timeout;

  constructor(
    private readonly onChange: (changed: string[]) => void,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
    pollMs = POLL_MS,
  ) {
    this.watcher = chokidar.watch([], { ignoreInitial: true, atomic: true, persistent: true });
    for (const event of ["add", "change", "unlink"] as const) this.watcher.on(event, (p: string) => this.hit(p));
    this.watcher.on("error", () => undefined); // a vanished folder is not fatal: the poll still sees the files
    this.poll = setInterval(() => this.check(), pollMs);
  }

  /** Watch exactly these files from now on. */
  set(files: string[]): void {
    const next = new Set(files.map((f) => resolve(f)));
    const added = [...next].filter((f) => !this.watched.has(f));
    const removed = [...this.watched].filter((f) => !next.has(f));
    if (removed.length) this.watcher.unwatch(removed);
    if (added.length) this.watcher.add(added);
    for (const f of removed) this.seen.delete(f);
    for (const f of added) this.seen.set(f, stateOf(f));
    this.watched = next;
  }

  /** Resolves when the watcher has set up its OS watches (tests). */
  ready(): Promise<void> {
    return new Promise((ok) => {
      this.watcher.once("ready", () => ok());
      setTimeout(ok, 1000).unref();
    });
  }

  /** Files whose state changed without an event: their OS watch is lost; set it up again. */
  private check(): void {
    for (const f of this.watched) {
      const now = stateOf(f);
      if (now === this.seen.get(f)) continue;
      this.watcher.unwatch(f);
      this.watcher.add(f);
      this.hit(f);
    }
  }

  private hit(path: string): void {
    const file = resolve(path);
    this.pending.add(file);
    if (this.watched.has(file)) this.seen.set(file, stateOf(file));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const changed = [...this.pending];
      this.pending.clear();
      this.onChange(changed);
    }, this.debounceMs);
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    await this.watcher.close();
  }
}
