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
import { assembleEdition, defaultWorkerCount, makeupInWorkers, makeupOnePage, type MadePage, type PageFonts } from "./makeup.js";

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

  /** The key of a page: the same key means the same make-up. */
  static key(fonts: PageFonts, page: PageSpec): string {
    return JSON.stringify({ fonts, page });
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
  const keys = edition.pages.map((page) => PageCache.key(edition.fonts, page));
  const made: (MadePage | undefined)[] = keys.map((k) => cache?.get(k));
  const cached = made.map((m) => m !== undefined);
  const todo = made.flatMap((m, i) => (m ? [] : [i]));
  const workers = Math.min(options.workers ?? defaultWorkerCount(todo.length), todo.length);
  let done = total - todo.length;
  progress({ stage: "makeup", total, done, workers });
  const onPage = (i: number, m: MadePage) => {
    made[i] = m;
    done++;
    progress({ stage: "makeup", total, done, page: edition.pages[i]!.number, name: edition.pages[i]!.name, workers });
  };
  if (workers > 1) {
    const results = await makeupInWorkers(edition.fonts, todo.map((i) => edition.pages[i]!), workers, (j, m) => onPage(todo[j]!, m));
    results.forEach((m, j) => (made[todo[j]!] = m));
  } else {
    for (const i of todo) onPage(i, makeupOnePage(edition.fonts, edition.pages[i]!, options.fonts));
  }
  const pages = made as MadePage[];
  cache?.keep(keys, pages);
  const { document, report } = assembleEdition(edition, pages, warnings);
  return { pages, cached, document, report, workers: workers > 1 ? workers : 0 };
}
