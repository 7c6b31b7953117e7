/** Make-up of a page and of an edition: every item on the grid, into the display list and the report. */
import type { Warning } from "../common/diagnostics.js";
import type { DisplayDocument, DisplayItem, DisplayPage } from "../display/types.js";
import type { FontMap } from "../fonts/fontmap.js";
import type { EditionSpec, PageSpec } from "../layout/types.js";
import { makeContext } from "./context.js";
import { makeupPhoto } from "./photo.js";
import type { LayoutReport, PageReport, StoryReport } from "./report.js";
import { makeupRunningHead } from "./running-head.js";
import { makeupSidebar } from "./sidebar.js";
import { makeupStory } from "./story.js";

export function makeupPage(fonts: FontMap, page: PageSpec): { page: DisplayPage; report: PageReport } {
  const ctx = makeContext(fonts);
  const items: DisplayItem[] = [];
  const stories: StoryReport[] = [];
  for (const item of page.items) {
    switch (item.type) {
      case "story": {
        const r = makeupStory(ctx, page.grid, item, page.number);
        items.push(...r.items);
        stories.push(r.report);
        break;
      }
      case "photo": {
        const r = makeupPhoto(ctx, page.grid, item, page.number);
        items.push(...r.items);
        if (r.report) stories.push(r.report);
        break;
      }
      case "sidebar": {
        const r = makeupSidebar(ctx, page.grid, item, page.number);
        items.push(...r.items);
        stories.push(...r.reports);
        break;
      }
      case "rule": {
        const { type: _type, id, ...rule } = item;
        items.push({ kind: "rule", ...rule, itemId: id });
        break;
      }
    }
  }
  if (page.runningHead) items.push(...makeupRunningHead(ctx, page.grid, page.runningHead, page.number));
  for (const s of stories) {
    if (s.overset.lines) {
      ctx.warnings.push({
        code: "overset",
        message: `${s.id}: ${s.overset.lines} lines (${s.overset.chars} characters) do not fit; cut the copy or give the story more room`,
        itemId: s.id,
      });
    }
  }
  return {
    page: { number: page.number, name: page.name, trimWidth: page.trimWidth, trimHeight: page.trimHeight, bleed: page.bleed, items },
    report: { number: page.number, name: page.name, stories, warnings: ctx.warnings },
  };
}

/**
 * The edition's display list and report from its pages, made up in order. `warnings` are those
 * found before make-up (layout), `fontWarnings` the font map's (each once).
 */
export function assembleEdition(
  edition: EditionSpec,
  made: { page: DisplayPage; report: PageReport }[],
  warnings: Warning[],
  fontWarnings: Warning[],
): { document: DisplayDocument; report: LayoutReport } {
  const first = edition.pages[0];
  return {
    document: {
      title: `${edition.paper} ${edition.date}${first ? ` 第${first.number}版 ${first.name}` : ""}`,
      paper: edition.paper,
      date: edition.date,
      pages: made.map((m) => m.page),
    },
    report: {
      layout: edition.name,
      pages: made.map((m) => m.report),
      stories: made.flatMap((m) => m.report.stories),
      warnings: [...warnings, ...fontWarnings, ...made.flatMap((m) => m.report.warnings)],
    },
  };
}
