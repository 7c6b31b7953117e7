/**
 * The items of a page — story, photo, sidebar, rule — from the file's words to PageSpec's
 * points, each checked against the grid it sits on.
 */
import type { Warning } from "../common/diagnostics.js";
import { headerSize, MAX_MEGAPIXELS } from "../common/image-header.js";
import { fmt } from "./errors.js";
import { type FileContext, requireCopy, requireFile } from "./files.js";
import { areaWidth, columnX, fittingMeasure, gridUnits, lineY, pt, resolveArea } from "./geometry.js";
import { STORY_KEYS } from "./jumps.js";
import type { JsonPath } from "./json.js";
import { MAX_OVERLAP_WARNINGS } from "./limits.js";
import type { ItemJson, PhotoJson, RuleJson, SidebarJson, StoryJson } from "./schema.js";
import { HOUSE_STYLE, resolveBodyStyle, resolveColour, resolveTextStyle, BLACK, type StyleDefault } from "./styles.js";
import type { GridArea, Grid, HeadlineParts, HeadlineSpec, ItemSpec, PhotoSpec, RuleSpec, SidebarSpec, StoryJump, StorySpec, TextStyle } from "./types.js";

/**
 * The width a vertical headline (竖题) takes at the right edge of its story's area, pt: one
 * column per part (kicker, title, subtitle), each as wide as its leading, the house's part gap
 * (em of the title's size) between them, and one grid gutter before the body.
 */
export function verticalHeadlineWidth(parts: readonly TextStyle[], title: TextStyle, partGap: number, gutter: number): number {
  if (!parts.length) return 0;
  return parts.reduce((w, p) => w + p.leading, 0) + (parts.length - 1) * partGap * title.size + gutter;
}

/**
 * Vertical text (竖排): `tiers` tiers (栏) of lines `measure` pt long, a gutter apart, must fit
 * in `available` pt of height.
 */
function checkVerticalMeasure(ctx: FileContext<HeadlineParts>, measure: number, measureText: string, tiers: number, gutter: number, available: number, what: string, path: JsonPath): void {
  const needed = tiers * measure + (tiers - 1) * gutter;
  if (needed <= available + 0.01) return;
  const fits = (available - (tiers - 1) * gutter) / tiers;
  const layout = tiers === 1 ? `${fmt(measure)} pt` : `${tiers} tiers × ${fmt(measure)} pt + ${tiers - 1} gutter${tiers > 2 ? "s" : ""} × ${fmt(gutter)} pt = ${fmt(needed)} pt`;
  throw ctx.source.error(path, `measure "${measureText}" is too long for vertical lines: ${layout}, but ${what} is ${fmt(available)} pt tall; the longest line that fits is ${fmt(fits)} pt`);
}

/**
 * An item of the page. `jump`: the item is a part of a jumped story (jumps.ts); a continuation
 * (a part with `from`) is resolved with stand-ins for its story's copy and styles, which
 * joinJumps puts in once every page is resolved.
 */
export async function resolveItem<C extends HeadlineParts>(
  ctx: FileContext<C>,
  item: ItemJson,
  index: number,
  grid: Grid,
  path: JsonPath,
  jump?: StoryJump,
): Promise<ItemSpec<C>> {
  switch (item.type) {
    case "story":
      return resolveStory(ctx, item, grid, path, jump);
    case "photo":
      return resolvePhoto(ctx, item, grid, path);
    case "sidebar":
      return resolveSidebar(ctx, item, grid, path);
    case "rule":
      return resolveRule(ctx, item, index, grid, path);
  }
}

/**
 * Check that `columns` text columns of `measure` pt, with grid gutters between them, fit in
 * `available` pt. `what` names the space ("the area (4 grid columns)").
 */
function checkMeasure(
  ctx: FileContext<HeadlineParts>,
  measure: number,
  measureText: string,
  columns: number,
  gutter: number,
  available: number,
  what: string,
  path: JsonPath,
): void {
  const needed = columns * measure + (columns - 1) * gutter;
  if (needed <= available + 0.01) return;
  const fits = (available - (columns - 1) * gutter) / columns;
  const layout = columns === 1 ? `${fmt(measure)} pt` : `${columns} columns × ${fmt(measure)} pt + ${columns - 1} gutter${columns > 2 ? "s" : ""} × ${fmt(gutter)} pt = ${fmt(needed)} pt`;
  throw ctx.source.error(
    path,
    `measure "${measureText}" is too wide: ${layout}, but ${what} is ${fmt(available)} pt wide; the widest measure that fits is ${fmt(fits)} pt`,
  );
}

/** Inside a box, columns may stand closer than on the page: the house style's gutter, in grid gutters. */
export const BOX_GUTTER = HOUSE_STYLE.sidebar.gutter;

async function resolveStory<C extends HeadlineParts>(ctx: FileContext<C>, story: StoryJson, grid: Grid, path: JsonPath, jump?: StoryJump): Promise<StorySpec<C>> {
  const rects = Array.isArray(story.area) ? story.area : [story.area];
  const areas = rects.map((r, i) => resolveArea(ctx.source, r, grid, Array.isArray(story.area) ? [...path, "area", i] : [...path, "area"]));
  const continuation = jump?.from !== undefined;
  if (continuation) {
    for (const key of STORY_KEYS) {
      if (story[key] !== undefined) {
        throw ctx.source.error(
          [...path, key],
          `"${key}" belongs to the story: a continuation is set as its story "${jump.story.id}" is (give "${key}" there)`,
          { atKey: true },
        );
      }
    }
  }
  // A continuation's copy is its story's (joinJumps); its heading repeats the title, if it has one.
  const copy = continuation ? ((story.headline ? { title: "转版" } : {}) as C) : await requireCopy(ctx, story.copy!, story.id, [...path, "copy"]);
  const direction = story.direction ?? "horizontal";
  const columns = story.columns ?? (direction === "vertical" ? 1 : areas[0]!.span);
  const body = resolveBodyStyle(ctx.source, story.body, HOUSE_STYLE.text.body, grid, [...path, "body"]);
  const headline = resolveHeadline(ctx, story, copy, columns, grid, areas[0]!, path, continuation ? HOUSE_STYLE.text.jumpTitle : HOUSE_STYLE.text.title);
  const base = {
    type: "story" as const,
    id: story.id,
    copy,
    direction,
    areas,
    columns,
    headline,
    body,
    byline: resolveTextStyle(ctx.source, story.byline, HOUSE_STYLE.text.byline, grid, [...path, "byline"]),
    credit: resolveTextStyle(ctx.source, story.credit, HOUSE_STYLE.text.credit, grid, [...path, "credit"]),
    copyfit: story.copyfit ?? true,
    ...(jump ? { jump } : {}),
  };
  // Room the headline takes from the first area: grid lines above the body, or a 竖题's width at its right.
  const strip = headline.direction === "vertical" ? headline.width : 0;
  const above = headline.direction === "vertical" ? 0 : headline.lines * grid.linePitch;
  if (strip > 0 && areaWidth(areas[0]!, grid) - strip < body.size) {
    throw ctx.source.error([...path, "headline", "direction"], `the vertical headline takes ${fmt(strip)} pt of the area's ${fmt(areaWidth(areas[0]!, grid))} pt width, leaving no room for the body beside it`);
  }
  if (direction === "vertical") {
    const heights = areas.map((a, i) => a.lines * grid.linePitch - (i === 0 ? above : 0));
    const what = (i: number) => `the area${areas.length > 1 ? ` (area[${i}])` : ""}${i === 0 && above ? " below the headline" : ""}`;
    if (story.measure !== undefined) {
      const measurePt = pt(ctx.source, story.measure, gridUnits(grid, body.size), [...path, "measure"]);
      heights.forEach((h, i) => checkVerticalMeasure(ctx, measurePt, story.measure!, columns, grid.gutter, h, what(i), [...path, "measure"]));
      return { ...base, measure: measurePt / body.size };
    }
    const lowest = Math.min(...heights);
    if ((lowest - (columns - 1) * grid.gutter) / columns < 2 * body.size) {
      throw ctx.source.error([...path, "columns"], `${columns} tiers of vertical lines do not fit in ${fmt(lowest)} pt: each line would be shorter than two characters`);
    }
    return base;
  }

  let measure: number | undefined;
  if (story.measure !== undefined) {
    const measurePt = pt(ctx.source, story.measure, gridUnits(grid, body.size), [...path, "measure"]);
    areas.forEach((area, i) => {
      const what = `the area${areas.length > 1 ? ` (area[${i}])` : ""} (${area.span} grid column${area.span > 1 ? "s" : ""})`;
      checkMeasure(ctx, measurePt, story.measure!, columns, grid.gutter, areaWidth(area, grid) - (i === 0 ? strip : 0), what + (i === 0 && strip ? " beside the vertical headline" : ""), [...path, "measure"]);
    });
    measure = measurePt / body.size;
  } else {
    const narrowest = Math.min(...areas.map((a, i) => areaWidth(a, grid) - (i === 0 ? strip : 0)));
    if ((narrowest - (columns - 1) * grid.gutter) / columns < body.size) {
      throw ctx.source.error([...path, "columns"], `${columns} text columns do not fit in ${fmt(narrowest)} pt: each would be narrower than one character`);
    }
  }

  return { ...base, ...(measure !== undefined ? { measure } : {}) };
}

/** Check that `columns` text columns of `measure` pt fit each of a story's areas (a continuation set at its story's measure). */
export function checkStoryMeasure(ctx: FileContext<HeadlineParts>, story: StorySpec, grid: Grid, measure: number, path: JsonPath): void {
  story.areas.forEach((area, i) => {
    const what = `the area${story.areas.length > 1 ? ` (area[${i}])` : ""} (${area.span} grid column${area.span > 1 ? "s" : ""})`;
    checkMeasure(ctx, measure, `${fmt(measure / story.body.size)}em`, story.columns, grid.gutter, areaWidth(area, grid), what, path);
  });
}

/** A story's measure in em of its body: given, or the widest that fits its first area. */
export function storyMeasure(story: StorySpec, grid: Grid): number {
  return story.measure ?? fittingMeasure(areaWidth(story.areas[0]!, grid), story.columns, grid.gutter, story.body.size);
}

/**
 * The headline block. When the file gives no `lines`, it takes the grid lines its parts need
 * (kicker, title, subtitle as present in the copy) plus one line of space above and below.
 */
function resolveHeadline(
  ctx: FileContext<HeadlineParts>,
  story: StoryJson,
  copy: HeadlineParts,
  columns: number,
  grid: Grid,
  firstArea: GridArea,
  path: JsonPath,
  titleDefault: StyleDefault,
): HeadlineSpec {
  const json = story.headline;
  const hp: JsonPath = [...path, "headline"];
  const kicker = resolveTextStyle(ctx.source, json?.kicker, HOUSE_STYLE.text.kicker, grid, [...hp, "kicker"]);
  const title = resolveTextStyle(ctx.source, json?.title, titleDefault, grid, [...hp, "title"]);
  const subtitle = resolveTextStyle(ctx.source, json?.subtitle, HOUSE_STYLE.text.subtitle, grid, [...hp, "subtitle"]);
  const direction = json?.direction ?? "horizontal";
  const span = json?.span ?? columns;
  const parts: TextStyle[] = [
    ...(copy.kicker ? [kicker] : []),
    ...(copy.title ? [title] : []),
    ...(copy.subtitle ? [subtitle] : []),
  ];
  if (direction === "vertical") {
    if (json?.lines !== undefined) {
      throw ctx.source.error([...hp, "lines"], `a vertical headline (竖题) takes no grid lines above the body: it stands at the right of the area, as wide as its parts`, { atKey: true });
    }
    if (json?.span !== undefined) {
      throw ctx.source.error([...hp, "span"], `a vertical headline (竖题) spans no text columns: it stands at the right of the area, its full height`, { atKey: true });
    }
    const width = verticalHeadlineWidth(parts, title, HOUSE_STYLE.headline.partGap, grid.gutter);
    return { direction, lines: 0, span: 0, width, align: json?.align ?? "center", kicker, title, subtitle };
  }
  if (span > columns) {
    throw ctx.source.error([...hp, "span"], `headline span ${span} is more than the story's ${columns} text column${columns > 1 ? "s" : ""}`);
  }
  const needed = parts.reduce((sum, s) => sum + s.leading, 0);
  const lines = json?.lines ?? (parts.length === 0 ? 0 : Math.ceil(needed / grid.linePitch - 1e-9) + 2);
  if (lines >= firstArea.lines) {
    throw ctx.source.error(
      json?.lines !== undefined ? [...hp, "lines"] : [...path, "area"],
      `the headline takes ${lines} grid lines, leaving no room for text in an area of ${firstArea.lines} lines`,
    );
  }
  return { direction, lines, span, width: 0, align: json?.align ?? "center", kicker, title, subtitle };
}

async function resolvePhoto<C extends HeadlineParts>(ctx: FileContext<C>, photo: PhotoJson, grid: Grid, path: JsonPath): Promise<PhotoSpec<C>> {
  const area = resolveArea(ctx.source, photo.area, grid, [...path, "area"]);
  const image = await requireFile(ctx, photo.image, "image", [...path, "image"]);
  await checkImageHeader(ctx, photo.image, image, [...path, "image"]);
  const spec: PhotoSpec<C> = {
    type: "photo",
    id: photo.id,
    area,
    image,
    fit: photo.fit ?? "fill",
    focus: { x: photo.focus?.[0] ?? 0.5, y: photo.focus?.[1] ?? 0.5 },
    ...(photo.label !== undefined ? { label: photo.label } : {}),
    labelStyle: resolveTextStyle(ctx.source, photo.labelStyle, HOUSE_STYLE.text.photoLabel, grid, [...path, "labelStyle"]),
    ...resolveRunaround(ctx, photo.runaround, grid, path),
  };
  const cap = photo.caption;
  if (cap) {
    const cp: JsonPath = [...path, "caption"];
    const copy = await requireCopy(ctx, cap.copy, photo.id, [...cp, "copy"]);
    const style = resolveBodyStyle(ctx.source, cap.style, HOUSE_STYLE.text.caption, grid, [...cp, "style"]);
    const position = cap.position ?? "right";
    const direction = cap.direction ?? "horizontal";
    if (direction === "vertical" && position === "below") {
      throw ctx.source.error([...cp, "direction"], `a vertical caption stands beside its photo: give "position": "right" or "left" (below a photo a caption runs horizontally)`);
    }
    const width = areaWidth(area, grid);
    let measurePt: number;
    if (cap.measure !== undefined) {
      measurePt = pt(ctx.source, cap.measure, gridUnits(grid, style.size), [...cp, "measure"]);
      if (position === "below") {
        checkMeasure(ctx, measurePt, cap.measure, 1, 0, width, `the photo's area (${area.span} grid columns)`, [...cp, "measure"]);
      } else if (measurePt + grid.gutter >= width) {
        throw ctx.source.error(
          [...cp, "measure"],
          `measure "${cap.measure}" (${fmt(measurePt)} pt) plus a gutter leaves no room for the photo beside it: the area is ${fmt(width)} pt wide`,
        );
      }
    } else {
      // Beside the photo: one grid column; below: the photo's width.
      measurePt = position === "below" ? width : grid.columnWidth;
    }
    spec.caption = {
      copy,
      direction,
      position,
      measure: measurePt / style.size,
      style,
      credit: resolveTextStyle(ctx.source, cap.credit, HOUSE_STYLE.text.credit, grid, [...cp, "credit"]),
    };
  }
  return spec;
}

/**
 * What the header alone tells of an image, checked where the layout names it (so `validate`
 * finds it too): an empty file, or one whose header claims more pixels than may be decoded.
 * Only the first megabyte is read; the renderer checks the whole file again.
 */
async function checkImageHeader(ctx: FileContext<HeadlineParts>, written: string, abs: string, path: JsonPath): Promise<void> {
  let head: Buffer;
  try {
    head = await ctx.files.head(abs, 1 << 20);
  } catch (err) {
    throw ctx.source.error(path, `image "${written}" cannot be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (head.length === 0) throw ctx.source.error(path, `image "${written}" is empty (0 bytes)`);
  const size = headerSize(head);
  if (size && size.width * size.height > MAX_MEGAPIXELS * 1e6) {
    const mp = (size.width * size.height) / 1e6;
    throw ctx.source.error(path, `image "${written}" is ${size.width}×${size.height} = ${mp.toFixed(0)} megapixels; more than ${MAX_MEGAPIXELS} is refused`);
  }
}

async function resolveSidebar<C extends HeadlineParts>(ctx: FileContext<C>, box: SidebarJson, grid: Grid, path: JsonPath): Promise<SidebarSpec<C>> {
  const area = resolveArea(ctx.source, box.area, grid, [...path, "area"]);
  const body = resolveBodyStyle(ctx.source, box.body, HOUSE_STYLE.text.body, grid, [...path, "body"]);
  const units = gridUnits(grid, body.size);
  const borderWeight = box.borderWeight !== undefined ? pt(ctx.source, box.borderWeight, units, [...path, "borderWeight"]) : 1;
  const padding = box.padding !== undefined ? pt(ctx.source, box.padding, units, [...path, "padding"]) : 0.5 * body.size;
  const columns = box.columns ?? 1;
  const direction = box.direction ?? "horizontal";
  const inner = areaWidth(area, grid) - 2 * (borderWeight + padding);
  let measure: number | undefined;
  if (direction === "vertical") {
    // Below the title bar, to the foot of the box.
    const tall = (area.lines - HOUSE_STYLE.sidebar.titleLines) * grid.linePitch - (borderWeight + padding);
    if (box.measure !== undefined) {
      const measurePt = pt(ctx.source, box.measure, units, [...path, "measure"]);
      checkVerticalMeasure(ctx, measurePt, box.measure, columns, grid.gutter, tall, "the inside of the box below its title bar", [...path, "measure"]);
      measure = measurePt / body.size;
    } else if ((tall - (columns - 1) * grid.gutter) / columns < 2 * body.size) {
      throw ctx.source.error([...path, "columns"], `${columns} tiers of vertical lines do not fit inside the box (${fmt(tall)} pt below its title bar)`);
    }
    if (inner < grid.linePitch) throw ctx.source.error([...path, "area"], `the box is too narrow for one vertical line (${fmt(inner)} pt inside, a line takes ${fmt(grid.linePitch)} pt)`);
  } else if (box.measure !== undefined) {
    const measurePt = pt(ctx.source, box.measure, units, [...path, "measure"]);
    checkMeasure(ctx, measurePt, box.measure, columns, BOX_GUTTER * grid.gutter, inner, "the inside of the box (area less border and padding)", [...path, "measure"]);
    measure = measurePt / body.size;
  } else if ((inner - (columns - 1) * BOX_GUTTER * grid.gutter) / columns < body.size) {
    throw ctx.source.error([...path, "columns"], `${columns} text columns do not fit inside the box (${fmt(inner)} pt)`);
  }
  const items: C[] = [];
  for (const [i, written] of box.items.entries()) {
    items.push(await requireCopy(ctx, written, box.id, [...path, "items", i]));
  }
  return {
    type: "sidebar",
    id: box.id,
    area,
    title: box.title,
    titleStyle: resolveTextStyle(ctx.source, box.titleStyle, HOUSE_STYLE.text.sidebarTitle, grid, [...path, "titleStyle"]),
    titleBar: box.titleBar !== undefined ? resolveColour(box.titleBar) : { c: 0, m: 0, y: 0, k: 15 },
    direction,
    border: box.border ?? "plain",
    borderWeight,
    padding,
    columns,
    ...(measure !== undefined ? { measure } : {}),
    items,
    itemHead: resolveTextStyle(ctx.source, box.itemHead, HOUSE_STYLE.text.sidebarItemHead, grid, [...path, "itemHead"]),
    body,
    credit: resolveTextStyle(ctx.source, box.credit, HOUSE_STYLE.text.credit, grid, [...path, "credit"]),
    ...(box.dateline !== undefined ? { dateline: box.dateline } : {}),
    copyfit: box.copyfit ?? true,
    ...resolveRunaround(ctx, box.runaround, grid, path),
  };
}

/** 图文互斥: the clearance in pt, or false (print over the text); nothing when the file gives none (the house style's then). */
function resolveRunaround(ctx: FileContext<HeadlineParts>, runaround: string | false | undefined, grid: Grid, path: JsonPath): { runaround?: number | false } {
  if (runaround === undefined) return {};
  if (runaround === false) return { runaround: false };
  return { runaround: pt(ctx.source, runaround, gridUnits(grid), [...path, "runaround"]) };
}

/**
 * An item that takes its area out of a story's flow (图文互斥) or prints over it deliberately
 * (runaround false): a photo or box over a story. Their overlap is meant, not a warning.
 */
export function runsAround(a: ItemSpec, b: ItemSpec): boolean {
  const over = (x: ItemSpec, y: ItemSpec) => (x.type === "photo" || x.type === "sidebar") && y.type === "story";
  return over(a, b) || over(b, a);
}

/**
 * Rules. A grid line's box is one line pitch tall, its text (body size) at the top and the
 * leading gap (pitch − body size) below. A vertical rule stands in the middle of the gutter
 * before `column`, from the top of line `line` to the foot of the text on its last line; a
 * horizontal rule lies in the middle of the gap above line `line`, across `span` columns.
 */
function resolveRule(ctx: FileContext<HeadlineParts>, rule: RuleJson, index: number, grid: Grid, path: JsonPath): RuleSpec {
  const src = ctx.source;
  const gap = grid.linePitch - grid.bodySize;
  let x1: number, y1: number, x2: number, y2: number;
  if (rule.orientation === "vertical") {
    if (rule.span !== undefined) throw src.error([...path, "span"], `a vertical rule has no span; give lines (its length in grid lines)`, { atKey: true });
    if (rule.lines === undefined) throw src.error(path, `a vertical rule needs lines: how many grid lines long it is`);
    if (rule.column < 2 || rule.column > grid.columns) {
      throw src.error([...path, "column"], `a vertical rule stands in the gutter before a column: column must be 2–${grid.columns}, found ${rule.column}`);
    }
    resolveArea(src, { column: rule.column, span: 1, line: rule.line, lines: rule.lines }, grid, path);
    x1 = x2 = columnX(grid, rule.column - 1) - grid.gutter / 2;
    y1 = lineY(grid, rule.line - 1);
    y2 = lineY(grid, rule.line - 1 + rule.lines) - gap;
  } else {
    if (rule.lines !== undefined) throw src.error([...path, "lines"], `a horizontal rule has no lines; give span (its length in grid columns)`, { atKey: true });
    if (rule.span === undefined) throw src.error(path, `a horizontal rule needs span: how many grid columns long it is`);
    if (rule.line < 2 || rule.line > grid.lines) {
      throw src.error([...path, "line"], `a horizontal rule lies in the gap above a grid line: line must be 2–${grid.lines}, found ${rule.line}`);
    }
    resolveArea(src, { column: rule.column, span: rule.span, line: rule.line, lines: 1 }, grid, path);
    y1 = y2 = lineY(grid, rule.line - 1) - gap / 2;
    x1 = columnX(grid, rule.column - 1);
    x2 = columnX(grid, rule.column - 1 + rule.span) - grid.gutter;
  }
  return {
    type: "rule",
    id: rule.id ?? `rule-${index + 1}`,
    x1,
    y1,
    x2,
    y2,
    weight: rule.weight !== undefined ? pt(src, rule.weight, gridUnits(grid), [...path, "weight"]) : 0.5,
    style: rule.style ?? "solid",
    color: rule.color !== undefined ? resolveColour(rule.color) : { ...BLACK },
  };
}

/** Grid rectangles an item covers (rules cover none). */
export function itemAreas(item: ItemSpec): GridArea[] {
  switch (item.type) {
    case "story":
      return item.areas;
    case "photo":
    case "sidebar":
      return [item.area];
    case "rule":
      return [];
  }
}

function intersect(a: GridArea, b: GridArea): GridArea | undefined {
  const column = Math.max(a.column, b.column);
  const line = Math.max(a.line, b.line);
  const colEnd = Math.min(a.column + a.span, b.column + b.span);
  const lineEnd = Math.min(a.line + a.lines, b.line + b.lines);
  if (colEnd <= column || lineEnd <= line) return undefined;
  return { column, span: colEnd - column, line, lines: lineEnd - line };
}

/** Items whose areas share grid cells: a warning each, naming both ids and the shared cells (1-based). */
export function findOverlaps(items: readonly ItemSpec[], page: number): Warning[] {
  const warnings: Warning[] = [];
  const areas = items.map(itemAreas);
  let more = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (runsAround(items[i]!, items[j]!)) continue;
      const shared = firstShared(areas[i]!, areas[j]!);
      if (!shared) continue;
      if (warnings.length >= MAX_OVERLAP_WARNINGS) {
        more++;
        continue;
      }
      const a = items[i]!;
      const b = items[j]!;
      warnings.push({
        code: "overlap",
        itemId: a.id,
        message: `page ${page}: items "${a.id}" and "${b.id}" overlap at columns ${shared.column + 1}–${shared.column + shared.span}, lines ${shared.line + 1}–${shared.line + shared.lines}`,
      });
    }
  }
  if (more) warnings.push({ code: "overlap", message: `page ${page}: ${more} more pairs of items overlap` });
  return warnings;
}

function firstShared(as: readonly GridArea[], bs: readonly GridArea[]): GridArea | undefined {
  for (const ra of as) {
    for (const rb of bs) {
      const x = intersect(ra, rb);
      if (x) return x;
    }
  }
  return undefined;
}
