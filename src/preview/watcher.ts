/**
 * Watch a changing set of files (chokidar) and call back once per burst of saves (debounced):
 * an editor's save is often several events (truncate, write, rename), and one render is enough.
 */
import { resolve } from "node:path";
import chokidar, { type FSWatcher } from "chokidar";

export const DEFAULT_DEBOUNCE_MS = 50;

export class FileWatch {
  private readonly watcher: FSWatcher;
  private watched = new Set<string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly onChange: (changed: string[]) => void,
    private readonly debounceMs = DEFAULT_DEBOUNCE_MS,
  ) {
    this.watcher = chokidar.watch([], { ignoreInitial: true, atomic: true, persistent: true });
    for (const event of ["add", "change", "unlink"] as const) this.watcher.on(event, (p: string) => this.hit(p));
    this.watcher.on("error", () => undefined); // a vanished folder is not fatal; the next render says what is missing
  }

  /** Watch exactly these files from now on. */
  set(files: string[]): void {
    const next = new Set(files.map((f) => resolve(f)));
    const added = [...next].filter((f) => !this.watched.has(f));
    const removed = [...this.watched].filter((f) => !next.has(f));
    if (removed.length) this.watcher.unwatch(removed);
    if (added.length) this.watcher.add(added);
    this.watched = next;
  }

  /** Resolves when the watcher has set up its OS watches (tests). */
  ready(): Promise<void> {
    return new Promise((ok) => {
      this.watcher.once("ready", () => ok());
      setTimeout(ok, 1000).unref();
    });
  }

  private hit(path: string): void {
    this.pending.add(resolve(path));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const changed = [...this.pending];
      this.pending.clear();
      this.onChange(changed);
    }, this.debounceMs);
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher.close();
  }
}
