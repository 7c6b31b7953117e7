/**
 * Make-up of an edition: every page of an EditionSpec made up (in this thread or on worker
 * threads), pages kept from a previous make-up reused, the whole put back together in page
 * order as one display list and one layout report.
 */
import type { Warning } from "../common/diagnostics.js";
import type { DisplayDocument } from "../display/types.js";
import type { EditionSpec, PageSpec } from "../makeup/spec.js";
import type { LayoutReport } from "../makeup/report.js";
import type { FontStore } from "../fonts/store.js";
import { assembleEdition, defaultWorkerCount, makeupGroup, makeupInWorkers, pageGroups, type MadePage, type PageFonts } from "./makeup.js";

/** Progress of an edition's make-up: before the first page, then after each page made up. */
export interface MakeupProgress {
  stage: "makeup";
  total: number;
  done: number;
  page?: number;
  name?: string;
  workers: number;
}

/**
 * Pages made up before, by everything a page is made from: its resolved spec (copy text
 * included) and the font configuration. Each make-up keeps exactly the pages of its edition.
 */
export class PageCache {
  private pages = new Map<string, MadePage>();

  /**
   * The key of a page: the same key means the same make-up. A page made up with others (the
   * pages a jumped story joins, `together`) depends on all of them.
   */
  static key(fonts: PageFonts, page: PageSpec, together?: PageSpec[]): string {
    return JSON.stringify(together ? { fonts, page, together } : { fonts, page });
  }

  get(key: string): MadePage | undefined {
    return this.pages.get(key);
  }

  /** Keep these pages, and only these. */
  keep(keys: string[], pages: MadePage[]): void {
    this.pages = new Map(keys.map((k, i) => [k, pages[i]!]));
  }

  clear(): void {
    this.pages.clear();
  }
}

export interface EditionMakeupOptions {
  /** The run's fonts (make-up on worker threads opens its own in each worker). */
  fonts: FontStore;
  /** Pages kept from before; updated to this edition's pages. */
  cache?: PageCache;
  /** Worker threads (see RenderRequest.workers); default from the number of pages to make up. */
  workers?: number;
  onProgress?: (event: MakeupProgress) => void;
}

export interface MadeEdition {
  /** Every page made up, in page order. */
  pages: MadePage[];
  /** Which pages came from the cache. */
  cached: boolean[];
  document: DisplayDocument;
  report: LayoutReport;
  /** Worker threads used (0: this thread). */
  workers: number;
}

/** Make up every page of `edition` (those not in the cache), in page order. */
export async function makeUpEdition(edition: EditionSpec, warnings: Warning[], options: EditionMakeupOptions): Promise<MadeEdition> {
  const progress = options.onProgress ?? (() => {});
  const cache = options.cache;
  const total = edition.pages.length;
  // Pages a jumped story joins are made up together, and kept or made again together.
  const groups = pageGroups(edition.pages);
  const keys: string[] = new Array(total);
  for (const g of groups) {
    const together = g.length > 1 ? g.map((i) => edition.pages[i]!) : undefined;
    for (const i of g) keys[i] = PageCache.key(edition.fonts, edition.pages[i]!, together);
  }
  const made: (MadePage | undefined)[] = keys.map((k) => cache?.get(k));
  const todo = groups.filter((g) => g.some((i) => !made[i]));
  for (const g of todo) for (const i of g) made[i] = undefined;
  const cached = made.map((m) => m !== undefined);
  const todoPages = todo.reduce((n, g) => n + g.length, 0);
  const workers = Math.min(options.workers ?? defaultWorkerCount(todoPages), todo.length);
  let done = total - todoPages;
  progress({ stage: "makeup", total, done, workers });
  const onGroup = (g: number[], m: MadePage[]) => {
    g.forEach((i, k) => {
      made[i] = m[k]!;
      done++;
      progress({ stage: "makeup", total, done, page: edition.pages[i]!.number, name: edition.pages[i]!.name, workers });
    });
  };
  if (workers > 1) {
    await makeupInWorkers(edition.fonts, todo.map((g) => g.map((i) => edition.pages[i]!)), workers, (j, m) => onGroup(todo[j]!, m));
  } else {
    for (const g of todo) onGroup(g, makeupGroup(edition.fonts, g.map((i) => edition.pages[i]!), options.fonts));
  }
  const pages = made as MadePage[];
  cache?.keep(keys, pages);
  const { document, report } = assembleEdition(edition, pages, warnings);
  return { pages, cached, document, report, workers: workers > 1 ? workers : 0 };
}
