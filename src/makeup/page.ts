/** Make-up of a page and of an edition: every item on the grid, into the display list and the report. */
import type { Warning } from "../common/diagnostics.js";
import type { DisplayDocument, DisplayItem, DisplayPage } from "../display/types.js";
import type { FontMap } from "../fonts/fontmap.js";
import type { EditionSpec, PageSpec } from "./spec.js";
import { collisions, outsideFrame } from "./collisions.js";
import { makeContext } from "./context.js";
import { areaRect } from "./geometry.js";
import type { MakeupItem } from "./maker.js";
import { makeItem } from "./makers.js";
import { pageExclusions, pageOverprints } from "./runaround.js";
import type { LayoutReport, PageReport, StoryReport } from "./report.js";

/** What make-up sets on a page, in order: the layout's items, then the running head. */
export function pageItems(page: PageSpec): MakeupItem[] {
  return page.runningHead ? [...page.items, { type: "running-head", ...page.runningHead }] : page.items;
}

export function makeupPage(fonts: FontMap, page: PageSpec): { page: DisplayPage; report: PageReport } {
  const ctx = makeContext(fonts, page);
  ctx.exclusions = pageExclusions(page);
  const items: DisplayItem[] = [];
  const stories: StoryReport[] = [];
  for (const item of pageItems(page)) {
    const made = makeItem(ctx, page.grid, item);
    const frame = itemFrame(page, item);
    if (frame && "id" in item) ctx.warnings.push(...outsideFrame(item.id, made.items, frame, page.number));
    items.push(...made.items);
    stories.push(...made.reports);
  }
  ctx.warnings.push(...collisions(items, ctx.houseStyle, page.number, pageOverprints(page)));
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

/** The frame an item's make-up must stay inside: its grid area (a stepped area's bounding box); none for rules and the running head. */
function itemFrame(page: PageSpec, item: MakeupItem): { x: number; y: number; width: number; height: number } | undefined {
  const areas = "areas" in item ? item.areas : "area" in item ? [item.area] : [];
  if (!areas.length || item.type === "rule") return undefined;
  const rects = areas.map((a) => areaRect(page.grid, a));
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  return { x, y, width: Math.max(...rects.map((r) => r.x + r.width)) - x, height: Math.max(...rects.map((r) => r.y + r.height)) - y };
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
