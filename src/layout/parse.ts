/**
 * parseLayout: a layout file → EditionSpec (every length in pt, every path absolute, the copy
 * as the pipeline read it), or one PaibanError naming the file, the JSON path and what was
 * expected.
 *
 *   bytes → strict JSON (line:column on syntax errors) → schema (zod) → resolve (units, grid,
 *   files, copy) → warnings (overlaps, copy problems)
 *
 * The layout stage does no I/O: every file (the layout, copy, images, fonts) is reached through
 * the LayoutFiles the caller gives (src/pipeline/load.ts reads the disk). Files are asked for
 * where the layout names them, so the first problem in the file is the one reported.
 */
import { basename, dirname, extname, resolve } from "node:path";
import { calendarDate } from "../common/dates.js";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import { LayoutSource } from "./errors.js";
import { type FileContext, type LayoutFiles, requireFile } from "./files.js";
import { gridUnits, pt, resolveGeometry } from "./geometry.js";
import { checkStoryMeasure, findOverlaps, resolveItem, storyMeasure } from "./items.js";
import { joinJumps, jumpKey, jumpLinks } from "./jumps.js";
import { type JsonPath, JsonSyntaxError, lineColumn, parseJson, pathText } from "./json.js";
import {
  type FontFileJson,
  type ItemJson,
  type LayoutJson,
  type OutputJson,
  type PageOverrideJson,
  type RunningHeadJson,
} from "./schema.js";
import { HOUSE_STYLE, resolveHouseStyle, resolveTextStyle } from "./styles.js";
import type { EditionSpec, Grid, HeadlineParts, OutputSpec, PageSpec, RunningHeadSpec, StoryJump } from "./types.js";
import { headerProblem, readIccHeader } from "../common/icc.js";
import { FONT_ROLES, type FontFile, type FontRole } from "../fonts/types.js";
import { checkLayoutSchema } from "./validate.js";

export { layoutJsonSchema } from "./schema.js";

export async function parseLayout<C extends HeadlineParts>(file: string, files: LayoutFiles<C>): Promise<{ edition: EditionSpec<C>; warnings: Warning[] }> {
  const source = await readLayoutSource(file, files);
  const json = checkLayoutSchema(source);
  const abs = resolve(file);
  const ctx: FileContext<C> = { source, dir: dirname(abs), files, warnings: [] };
  const edition: EditionSpec<C> = {
    name: basename(abs, extname(abs)),
    file: abs,
    paper: json.paper,
    date: json.date,
    fonts: await resolveFonts(ctx, json),
    ...(json.output && { output: await resolveOutput(ctx, json.output) }),
    pages: await resolvePages(ctx, json),
  };
  return { edition, warnings: ctx.warnings };
}

/** Read and parse the file; every failure becomes a PaibanError naming the file. */
export async function readLayoutSource(file: string, files: Pick<LayoutFiles<HeadlineParts>, "layout">): Promise<LayoutSource> {
  let text: string;
  try {
    const bytes = await files.layout(file);
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? `layout file not found (looked at ${resolve(file)})`
        : code === "EISDIR"
          ? "this is a folder, not a layout file"
          : err instanceof TypeError
            ? "layout file is not UTF-8 text; save it as UTF-8"
            : `layout file cannot be read: ${(err as Error).message}`;
    throw new PaibanError(why, { file });
  }
  try {
    return new LayoutSource(file, text, parseJson(text));
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = lineColumn(text, err.offset);
    throw new PaibanError(`JSON syntax error: ${err.message}`, { file, where: `${line}:${column}` });
  }
}

async function resolveFonts(ctx: FileContext<HeadlineParts>, json: LayoutJson): Promise<EditionSpec["fonts"]> {
  const fonts: EditionSpec["fonts"] = {};
  for (const role of FONT_ROLES) {
    const faces = json.fonts?.[role];
    if (!faces) continue;
    const out: { regular?: FontFile; bold?: FontFile } = {};
    for (const weight of ["regular", "bold"] as const) {
      const face = faces[weight];
      if (face !== undefined) out[weight] = await resolveFontFile(ctx, face, ["fonts", role, weight]);
    }
    fonts[role as FontRole] = out;
  }
  return fonts;
}

async function resolveFontFile(ctx: FileContext<HeadlineParts>, face: FontFileJson, path: JsonPath): Promise<FontFile> {
  const written = typeof face === "string" ? face : face.file;
  const at: JsonPath = typeof face === "string" ? path : [...path, "file"];
  const file = await requireFile(ctx, written, "font file", at);
  const font: FontFile = typeof face !== "string" && face.face !== undefined ? { file, face: face.face } : { file };
  // Open it now (the pipeline keeps the face for the render): a file that is no font, or a
  // collection without the face named, is reported at its place in the layout, also by
  // `paiban validate`, rather than later with only the font's path.
  try {
    ctx.files.openFont(font);
  } catch (err) {
    if (!(err instanceof PaibanError)) throw err;
    throw ctx.source.error(at, `font file "${written}": ${err.message}`);
  }
  return font;
}

/**
 * The layout's press profile: a file whose header says a CMYK output profile of ICC version 2
 * (the whole profile is read and checked when print uses it, src/pipeline/output-profile.ts).
 */
async function resolveOutput(ctx: FileContext<HeadlineParts>, output: OutputJson): Promise<OutputSpec> {
  const at: JsonPath = ["output", "profile"];
  const profile = await requireFile(ctx, output.profile, "output profile", at);
  let head: Buffer;
  try {
    head = await ctx.files.head(profile, 128);
  } catch (err) {
    throw ctx.source.error(at, `output profile "${output.profile}" could not be read: ${(err as Error).message}`);
  }
  const header = readIccHeader(head);
  const problem = "problem" in header ? header.problem : headerProblem(header);
  if (problem) throw ctx.source.error(at, `output profile "${output.profile}": ${problem}`);
  return {
    profile,
    ...(output.condition !== undefined && { condition: output.condition }),
    ...(output.registry !== undefined && { registry: output.registry }),
    ...(output.info !== undefined && { info: output.info }),
  };
}

interface PageSource {
  number: number;
  name: string;
  runningHead?: RunningHeadJson;
  items: ItemJson[];
  override?: PageOverrideJson;
  /** Where this page's keys are in the file: [] for a one-page layout, ["pages", i] otherwise. */
  path: JsonPath;
}

/** The pages the file describes: one at top level (items) or an edition (pages) — exactly one. */
function pageSources(ctx: FileContext<HeadlineParts>, json: LayoutJson): PageSource[] {
  const src = ctx.source;
  if (json.items !== undefined && json.pages !== undefined) {
    throw src.error(["pages"], `give either "items" (a one-page layout) or "pages" (an edition), not both`, { atKey: true });
  }
  if (json.items !== undefined) {
    return [{ number: json.number ?? 1, name: json.name ?? "", runningHead: json.runningHead, items: json.items, path: [] }];
  }
  if (json.pages === undefined) {
    throw src.error([], `the layout has neither "items" (a one-page layout) nor "pages" (an edition): give one of them`);
  }
  for (const key of ["number", "name"] as const) {
    if (json[key] !== undefined) {
      throw src.error([key], `in an edition "${key}" belongs to each page in "pages", not to the top level`, { atKey: true });
    }
  }
  const seen = new Map<number, number>();
  return json.pages.map((p, i) => {
    const first = seen.get(p.number);
    if (first !== undefined) throw src.error(["pages", i, "number"], `duplicate page number ${p.number} (already pages[${first}])`);
    seen.set(p.number, i);
    return {
      number: p.number,
      name: p.name ?? "",
      runningHead: p.runningHead ?? json.runningHead,
      items: p.items,
      override: p.page,
      path: ["pages", i],
    };
  });
}

async function resolvePages<C extends HeadlineParts>(ctx: FileContext<C>, json: LayoutJson): Promise<PageSpec<C>[]> {
  const sources = pageSources(ctx, json);
  const itemsPath = (p: number): JsonPath => [...sources[p]!.path, "items"];
  const links = jumpLinks(ctx.source, sources.map((p, i) => ({ number: p.number, items: p.items, itemsPath: itemsPath(i) })));
  const pages: PageSpec<C>[] = [];
  for (const [i, page] of sources.entries()) pages.push(await resolvePage(ctx, json, page, (item) => links.get(jumpKey(i, item))));
  if (links.size) {
    joinJumps(
      ctx.source,
      pages,
      (story, page) => storyMeasure(story, page.grid),
      (story, page, measure, path) => checkStoryMeasure(ctx, story, page.grid, measure, path),
      (p, item) => [...itemsPath(p), item],
    );
  }
  return pages;
}

async function resolvePage<C extends HeadlineParts>(
  ctx: FileContext<C>,
  json: LayoutJson,
  page: PageSource,
  jumpOf: (item: number) => StoryJump | undefined,
): Promise<PageSpec<C>> {
  const geometry = resolveGeometry(ctx.source, json.page, page.override, [...page.path, "page"]);
  const itemsPath: JsonPath = [...page.path, "items"];
  const ids = new Map<string, number>();
  const items = [];
  for (const [i, item] of page.items.entries()) {
    const path = [...itemsPath, i];
    if (item.id !== undefined) {
      const first = ids.get(item.id);
      if (first !== undefined) {
        throw ctx.source.error([...path, "id"], `duplicate item id "${item.id}" (already used by ${pathText([...itemsPath, first])})`);
      }
      ids.set(item.id, i);
    }
    items.push(await resolveItem(ctx, item, i, geometry.grid, path, jumpOf(i)));
  }
  ctx.warnings.push(...findOverlaps(items, page.number));
  const spec: PageSpec<C> = { number: page.number, name: page.name, ...geometry, houseStyle: resolveHouseStyle(json.houseStyle), items };
  // A length of the house style is resolved on the page's grid (em, line, col are the page's).
  const clearance = json.houseStyle?.runaround?.clearance;
  if (clearance !== undefined) spec.houseStyle.runaround.clearance = pt(ctx.source, clearance, gridUnits(geometry.grid), ["houseStyle", "runaround", "clearance"]);
  if (page.runningHead) {
    spec.runningHead = resolveRunningHead(ctx, json, page, geometry.grid, [...page.path, "runningHead"]);
  }
  return spec;
}

const WEEKDAYS = ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"];

/** 星期三 for 2024-11-27. */
export function weekdayOf(isoDate: string): string {
  return WEEKDAYS[calendarDate(isoDate)!.getUTCDay()]!;
}

function resolveRunningHead(ctx: FileContext<HeadlineParts>, json: LayoutJson, page: PageSource, grid: Grid, path: JsonPath): RunningHeadSpec {
  const head = page.runningHead!;
  return {
    paper: json.paper,
    pageName: head.pageName ?? page.name,
    date: json.date,
    weekday: head.weekday ?? weekdayOf(json.date),
    ...(head.editor !== undefined ? { editor: head.editor } : {}),
    style: resolveTextStyle(ctx.source, head.style, HOUSE_STYLE.text.runningHead, grid, [...path, "style"]),
    nameStyle: resolveTextStyle(ctx.source, head.nameStyle, HOUSE_STYLE.text.runningHeadName, grid, [...path, "nameStyle"]),
    ruleWeight: head.ruleWeight !== undefined ? pt(ctx.source, head.ruleWeight, gridUnits(grid), [...path, "ruleWeight"]) : 0.75,
  };
}
