/** Make-up of a page and of an edition: every item on the grid, into the display list and the report. */
import type { Warning } from "../common/diagnostics.js";
import type { DisplayDocument, DisplayItem, DisplayPage } from "../display/types.js";
import type { FontMap } from "../fonts/fontmap.js";
import type { EditionSpec, PageSpec } from "./spec.js";
import type { PartRef } from "../layout/types.js";
import { collisions, outsideFrame } from "./collisions.js";
import { makeContext, type MakeupContext } from "./context.js";
import { areaRect } from "./geometry.js";
import { makeupJumpedStory, type StoryPart } from "./jump.js";
import type { MadeItem, MakeupItem } from "./maker.js";
import { makeItem } from "./makers.js";
import { pageExclusions, pageOverprints } from "./runaround.js";
import type { LayoutReport, PageReport, StoryReport } from "./report.js";

/** What make-up sets on a page, in order: the layout's items, then the running head. */
export function pageItems(page: PageSpec): MakeupItem[] {
  return page.runningHead ? [...page.items, { type: "running-head", ...page.runningHead }] : page.items;
}

export function makeupPage(fonts: FontMap, page: PageSpec): { page: DisplayPage; report: PageReport } {
  return makeupPages(fonts, [page])[0]!;
}

/**
 * Make up pages that belong together: those joined by jumped stories (转版), whose parts are
 * set as one flow before the pages they are on (src/makeup/jump.ts). Every jump's parts must be
 * among `pages` (an edition's page groups, src/pipeline/makeup.ts); pages without jumps are made
 * up one at a time as ever.
 */
export function makeupPages(fonts: FontMap, pages: PageSpec[]): { page: DisplayPage; report: PageReport }[] {
  const ctxs = pages.map((page) => {
    const ctx = makeContext(fonts, page);
    ctx.exclusions = pageExclusions(page);
    return ctx;
  });
  const premade = new Map<string, MadeItem>();
  const at = new Map<string, StoryPart>();
  pages.forEach((page, p) => {
    for (const item of page.items) if (item.type === "story" && item.jump) at.set(`${page.number}/${item.id}`, { spec: item, ctx: ctxs[p]!, grid: page.grid });
  });
  for (const [key, head] of at) {
    if (head.spec.jump!.from) continue;
    const chain: StoryPart[] = [];
    for (let part: StoryPart | undefined = head; part; ) {
      chain.push(part);
      const to: PartRef | undefined = part.spec.jump!.to;
      part = to && at.get(`${to.page}/${to.id}`);
      if (to && !part) throw new Error(`make-up of ${key} without its continuation ${to.id} on page ${to.page}`);
    }
    makeupJumpedStory(chain).forEach((made, k) => premade.set(`${chain[k]!.ctx.page}/${chain[k]!.spec.id}`, made));
  }
  return pages.map((page, p) => makeupPageIn(ctxs[p]!, page, premade));
}

function makeupPageIn(ctx: MakeupContext, page: PageSpec, premade: Map<string, MadeItem>): { page: DisplayPage; report: PageReport } {
  const items: DisplayItem[] = [];
  const stories: StoryReport[] = [];
  for (const item of pageItems(page)) {
    const made = (item.type === "story" && item.jump && premade.get(`${page.number}/${item.id}`)) || makeItem(ctx, page.grid, item);
    const frame = itemFrame(page, item);
    if (frame && "id" in item) ctx.warnings.push(...outsideFrame(item.id, made.items, frame, page.number));
    items.push(...made.items);
    stories.push(...made.reports);
  }
  ctx.warnings.push(...collisions(items, ctx.houseStyle, page.number, pageOverprints(page)));
  for (const s of stories) {
    if (s.overset.lines && !s.partOf) {
      const end = s.parts?.[s.parts.length - 1];
      const where = end ? ` in its last part, ${end.id} on page ${end.page}` : "";
      ctx.warnings.push({
        code: "overset",
        message: `${s.id}: ${s.overset.lines} lines (${s.overset.chars} characters) do not fit${where}; cut the copy or give the story more room`,
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
      stories: made.flatMap((m) => m.report.stories.filter((s) => !s.partOf)),
      warnings: [...warnings, ...fontWarnings, ...made.flatMap((m) => m.report.warnings)],
    },
  };
}
