/**
 * Page geometry: trim, bleed, type area and grid, resolved to pt, and grid rectangles checked
 * against the grid. Pure functions over the schema-checked JSON.
 */
import type { GridArea, Grid } from "./types.js";
import type { LayoutSource } from "./errors.js";
import { fmt } from "./errors.js";
import type { JsonPath } from "./json.js";
import { TRIM_PRESETS, type GridRectJson, type PageGeometryJson, type PageOverrideJson } from "./schema.js";
import { lengthOutOfBounds } from "./limits.js";
import { fontSizeToPt, lengthToPt, type UnitContext } from "./units.js";

/** The field a path ends in (`bleed` for page.bleed, `width` for page.trim.width). */
function fieldOf(path: JsonPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return path[i] as string;
  return undefined;
}

function checked(source: LayoutSource, text: string, v: number | { problem: string }, path: JsonPath): number {
  if (typeof v !== "number") throw source.error(path, v.problem);
  const bad = lengthOutOfBounds(fieldOf(path), text, v);
  if (bad) throw source.error(path, bad);
  return v;
}

/** A length in pt within its field's bounds (limits.ts), or a PaibanError at `path` saying why not. */
export function pt(source: LayoutSource, text: string, ctx: UnitContext, path: JsonPath): number {
  return checked(source, text, lengthToPt(text, ctx), path);
}

export function sizePt(source: LayoutSource, text: string, ctx: UnitContext, path: JsonPath): number {
  return checked(source, text, fontSizeToPt(text, ctx), path);
}

export interface PageGeometry {
  trimWidth: number;
  trimHeight: number;
  bleed: number;
  grid: Grid;
}

/** A value and the place in the file it came from (the page's override or the edition default). */
interface Sourced<T> {
  value: T;
  path: JsonPath;
}

function pick<T>(over: NoInfer<T> | undefined, overPath: JsonPath, base: T, basePath: JsonPath): Sourced<T> {
  return over !== undefined ? { value: over, path: overPath } : { value: base, path: basePath };
}

/**
 * Resolve the edition's page geometry with one page's overrides (`over`, at `overPath`).
 * Grid lengths may use em (of the grid body size); line and col are not known yet there.
 */
export function resolveGeometry(
  source: LayoutSource,
  base: PageGeometryJson,
  over: PageOverrideJson | undefined,
  overPath: JsonPath,
): PageGeometry {
  const basePath: JsonPath = ["page"];
  const at = <K extends string>(group: "grid" | "typeArea", key: K): JsonPath => [...overPath, group, key];
  type GridJson = PageGeometryJson["grid"];
  type TypeAreaJson = PageGeometryJson["typeArea"];
  const g = <K extends keyof GridJson>(key: K): Sourced<GridJson[K]> =>
    pick(over?.grid?.[key] as GridJson[K] | undefined, at("grid", key), base.grid[key], [...basePath, "grid", key]);
  const t = <K extends keyof TypeAreaJson>(key: K): Sourced<TypeAreaJson[K]> =>
    pick(over?.typeArea?.[key] as TypeAreaJson[K] | undefined, at("typeArea", key), base.typeArea[key], [...basePath, "typeArea", key]);

  const trim = pick(over?.trim, [...overPath, "trim"], base.trim, [...basePath, "trim"]);
  const trimSize = typeof trim.value === "string" ? TRIM_PRESETS[trim.value]! : trim.value;
  const trimPath = typeof trim.value === "string" ? trim.path : null;
  const trimWidth = pt(source, trimSize.width, {}, trimPath ?? [...trim.path, "width"]);
  const trimHeight = pt(source, trimSize.height, {}, trimPath ?? [...trim.path, "height"]);
  const bleedSrc = pick(over?.bleed, [...overPath, "bleed"], base.bleed ?? "3mm", [...basePath, "bleed"]);
  const bleed = pt(source, bleedSrc.value, {}, bleedSrc.path);

  const bodySizeSrc = g("bodySize");
  const bodySize = sizePt(source, bodySizeSrc.value, {}, bodySizeSrc.path);
  const em: UnitContext = { em: bodySize };
  const length = (s: Sourced<string>) => pt(source, s.value, em, s.path);
  const columns = g("columns").value;
  const columnWidth = length(g("columnWidth"));
  const gutter = length(g("gutter"));
  const linePitch = length(g("linePitch"));
  const lines = g("lines").value;
  const leftSrc = t("left");
  const topSrc = t("top");
  const left = length(leftSrc);
  const top = length(topSrc);
  const width = columns * columnWidth + (columns - 1) * gutter;
  const height = lines * linePitch;

  const eps = 0.01;
  if (left + width > trimWidth + eps) {
    throw source.error(
      g("columns").path,
      `the type area does not fit the trim: left ${fmt(left)} pt + ${columns} columns × ${fmt(columnWidth)} pt + ${columns - 1} gutters × ${fmt(gutter)} pt = ${fmt(left + width)} pt, but the trim is ${fmt(trimWidth)} pt wide`,
    );
  }
  if (top + height > trimHeight + eps) {
    throw source.error(
      g("lines").path,
      `the type area does not fit the trim: top ${fmt(top)} pt + ${lines} lines × ${fmt(linePitch)} pt = ${fmt(top + height)} pt, but the trim is ${fmt(trimHeight)} pt high`,
    );
  }
  return {
    trimWidth,
    trimHeight,
    bleed,
    grid: { columns, columnWidth, gutter, bodySize, linePitch, lines, left, top, width, height },
  };
}

/** Units inside a page: em of the grid body size, line = line pitch, col = grid columns. */
export function gridUnits(grid: Grid, em = grid.bodySize): UnitContext {
  return { em, linePitch: grid.linePitch, columnWidth: grid.columnWidth, gutter: grid.gutter };
}

/** A 1-based grid rectangle from the file → 0-based GridArea, checked against the grid. */
export function resolveArea(source: LayoutSource, rect: GridRectJson, grid: Grid, path: JsonPath): GridArea {
  checkRun(source, "column", rect.column, rect.span, grid.columns, [...path, "column"], [...path, "span"]);
  checkRun(source, "line", rect.line, rect.lines, grid.lines, [...path, "line"], [...path, "lines"]);
  return { column: rect.column - 1, span: rect.span, line: rect.line - 1, lines: rect.lines };
}

function checkRun(
  source: LayoutSource,
  what: "column" | "line",
  start: number,
  count: number,
  max: number,
  startPath: JsonPath,
  countPath: JsonPath,
): void {
  const plural = `${what}s`;
  if (start > max) {
    throw source.error(startPath, `${what} ${start} is outside the grid: the type area has ${max} ${plural} (${what} 1–${max})`);
  }
  const last = start + count - 1;
  if (last > max) {
    const countKey = what === "column" ? "span" : "lines";
    throw source.error(
      countPath,
      `${countKey} ${count} from ${what} ${start} reaches ${what} ${last}, beyond the grid's ${max} ${plural}; at most ${max - start + 1} fit here`,
    );
  }
}

/** Width of an area's columns on the page, pt. */
export function areaWidth(area: GridArea, grid: Grid): number {
  return area.span * grid.columnWidth + (area.span - 1) * grid.gutter;
}

/** Left edge of grid column `column` (0-based), pt from the trim's left. */
export function columnX(grid: Grid, column: number): number {
  return grid.left + column * (grid.columnWidth + grid.gutter);
}

/** Top of grid line `line` (0-based), pt from the trim's top. */
export function lineY(grid: Grid, line: number): number {
  return grid.top + line * grid.linePitch;
}

/** The widest measure, in half ems of `size`, that `count` columns with `gutter` between them allow in `width`. */
export function fittingMeasure(width: number, count: number, gutter: number, size: number): number {
  const each = (width - (count - 1) * gutter) / count;
  return Math.floor((each / size) * 2 + 1e-9) / 2;
}
