/** The summary of a render: one line per page, what happened to it (pure). */
import type { MadePage } from "./makeup.js";

/** One line of the summary: what happened to a page. */
export interface PageSummary {
  number: number;
  name: string;
  /** Stories (captions, box items) with overset, and their overset lines in all. */
  oversetStories: number;
  oversetLines: number;
  warnings: number;
  /** Make-up time of the page, ms (0 when it was kept from the previous render). */
  ms: number;
  /** Kept from the previous render of a Renderer. */
  cached: boolean;
}

/** The summary of pages made up (`cached[i]`: page i was kept from before). */
export function summarise(pages: readonly MadePage[], cached: readonly boolean[]): PageSummary[] {
  return pages.map((m, i): PageSummary => {
    // A jumped story's overset is counted once, with the story (on its first part's page).
    const over = m.report.stories.filter((s) => s.overset.lines > 0 && !s.partOf);
    return {
      number: m.page.number,
      name: m.page.name,
      oversetStories: over.length,
      oversetLines: over.reduce((n, s) => n + s.overset.lines, 0),
      warnings: m.report.warnings.length + m.fontWarnings.length,
      ms: cached[i] ? 0 : Math.round(m.ms * 10) / 10,
      cached: cached[i]!,
    };
  });
}
