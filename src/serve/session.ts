/**
 * A live render loop for watch and serve: render once, watch the files the layout names,
 * re-render after each burst of saves (one render at a time; saves during a render queue one
 * more), and hand every attempt, good or bad, to the caller. Caches stay warm in-process: the
 * session owns a FontStore that every attempt reads; a changed font file closes it and takes a
 * new one, so the new outlines and metrics are read — and no other session is touched.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { PaibanError } from "../common/diagnostics.js";
import { FontStore } from "../fonts/store.js";
import type { EditionSpec } from "../makeup/spec.js";
import type { LayoutReport } from "../makeup/report.js";
import { diffReports } from "./diff.js";
import { allFiles, editionFiles } from "./files.js";
import { FileWatch } from "./watcher.js";

export interface Outcome<T> {
  edition: EditionSpec;
  report: LayoutReport;
  value: T;
}

interface AttemptBase {
  /** 1 for the first render, +1 per attempt. */
  version: number;
  /** Files whose change caused this attempt (empty for the first). */
  changed: string[];
  ms: number;
  /** When it finished, ISO time. */
  at: string;
}

export type Attempt<T> =
  | (AttemptBase & { ok: true; outcome: Outcome<T>; diff: string[]; /** No good render came before this one. */ first: boolean })
  | (AttemptBase & { ok: false; error: string });

export interface SessionOptions<T> {
  layout: string;
  /** One attempt: the layout, read with the session's fonts. */
  work: (layout: string, fonts: FontStore) => Promise<Outcome<T>>;
  onAttempt: (attempt: Attempt<T>) => void;
  /** Told when a font file changed, before the attempt it causes (to drop caches of its own). */
  onFontsChanged?: () => void;
  debounceMs?: number;
}

/** The one line a failure prints: PaibanError.format(), never a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof PaibanError) return err.format();
  return `internal error: ${err instanceof Error ? err.message : String(err)}`;
}

const HASHED_UP_TO = 64 * 1024 * 1024;

/** A digest of a regular file's bytes; undefined when it is gone, special or too big to hash. */
function contentOf(file: string): string | undefined {
  try {
    const s = statSync(file);
    if (!s.isFile() || s.size > HASHED_UP_TO) return undefined;
    return createHash("sha1").update(readFileSync(file)).digest("hex");
  } catch {
    return undefined;
  }
}

export class LiveSession<T> {
  private readonly watch: FileWatch;
  private version = 0;
  private lastGood: Outcome<T> | undefined;
  private watched: string[] = [];
  private fonts = new Set<string>();
  private running: Promise<void> | undefined;
  private queued: string[] | undefined;
  /** What each changed file held when it last caused an attempt. */
  private contents = new Map<string, string>();
  /** The session's fonts, kept across attempts until a font file changes. */
  private fontStore = new FontStore();
  latest: Attempt<T> | undefined;

  constructor(private readonly opts: SessionOptions<T>) {
    this.watch = new FileWatch((changed) => this.saved(changed), opts.debounceMs);
  }

  /** First render, then watch. Resolves with the first attempt (which may have failed). */
  async start(): Promise<Attempt<T>> {
    await this.attempt([]);
    await this.watch.ready();
    return this.latest!;
  }

  async close(): Promise<void> {
    await this.watch.close();
    await this.running;
    this.fontStore.close();
  }

  /** Wait for the render in progress and any queued one (tests). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private saved(all: string[]): void {
    // A save can reach us twice (the OS event mid-write, then the poll): a file whose bytes are the
    // ones that caused the last attempt has not changed, and re-rendering it would only replace the
    // report's diff with "no change".
    const files = all.filter((f) => {
      const now = contentOf(f);
      if (now !== undefined && this.contents.get(f) === now) return false;
      if (now === undefined) this.contents.delete(f); // gone: whatever comes back is a change
      else this.contents.set(f, now);
      return true;
    });
    if (files.length) this.changed(files);
  }

  private changed(files: string[]): void {
    if (this.running) {
      this.queued = [...(this.queued ?? []), ...files];
      return;
    }
    this.running = this.attempt(files)
      .catch(() => undefined)
      .finally(() => this.next());
  }

  private next(): void {
    this.running = undefined;
    const queued = this.queued;
    this.queued = undefined;
    if (queued) this.changed(queued);
  }

  private async attempt(changed: string[]): Promise<void> {
    if (changed.some((f) => this.fonts.has(f))) {
      this.fontStore.close();
      this.fontStore = new FontStore();
      this.opts.onFontsChanged?.();
    }
    const started = performance.now();
    const base = () => ({ version: ++this.version, changed, ms: Math.round(performance.now() - started), at: new Date().toISOString() });
    let attempt: Attempt<T>;
    try {
      const outcome = await this.opts.work(this.opts.layout, this.fontStore);
      const first = !this.lastGood;
      const diff = this.lastGood ? diffReports(this.lastGood.report, outcome.report) : [];
      this.lastGood = outcome;
      this.follow(outcome.edition);
      attempt = { ...base(), ok: true, outcome, diff, first };
    } catch (err) {
      this.watch.set([...this.watched, resolve(this.opts.layout)]);
      attempt = { ...base(), ok: false, error: describeError(err) };
    }
    this.latest = attempt;
    this.opts.onAttempt(attempt);
  }

  private follow(edition: EditionSpec): void {
    const files = editionFiles(edition);
    this.fonts = new Set(files.fonts);
    this.watched = allFiles(files);
    this.watch.set(this.watched);
  }
}
