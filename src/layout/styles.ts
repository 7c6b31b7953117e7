/**
 * Text styles: the house defaults of a Chinese newspaper, and the designer's overrides on top.
 * The defaults are a table, so a paper with another house style changes data, not code.
 */
import type { CmykColor } from "../common/colour.js";
import type { LayoutSource } from "./errors.js";
import { gridUnits, pt, sizePt } from "./geometry.js";
import type { JsonPath } from "./json.js";
import type { BodyStyleJson, ColourJson, HouseStyleJsonType, TextStyleJson } from "./schema.js";
import type { BodyStyle, Grid, HouseStyle, TextStyle } from "./types.js";

export const BLACK: CmykColor = { c: 0, m: 0, y: 0, k: 100 };
const NAMED_COLOURS: Record<string, CmykColor> = {
  black: BLACK,
  red: { c: 0, m: 100, y: 100, k: 0 },
  white: { c: 0, m: 0, y: 0, k: 0 },
};

export function resolveColour(c: ColourJson): CmykColor {
  if (typeof c === "string") return { ...NAMED_COLOURS[c]! };
  const [cc, m, y, k] = c;
  return { c: cc, m, y, k };
}

/** Headline leading when none is given: 1.25 × size. */
export const HEADLINE_LEADING = 1.25;

/**
 * A default style. `size` and `leading` may depend on the grid (body text sits on the grid's
 * line pitch), so they are functions of it; `leading` also of the size actually chosen.
 */
export interface StyleDefault {
  font: TextStyle["font"];
  weight: TextStyle["weight"];
  size: (grid: Grid) => number;
  leading: (size: number, grid: Grid) => number;
  color?: CmykColor;
  tracking?: number;
}

const bodySize = (grid: Grid) => grid.bodySize;
/** Text that sits on the grid takes whole grid lines: one for body size, more for larger text. */
const onGrid = (size: number, grid: Grid) =>
  size <= grid.bodySize ? grid.linePitch : Math.ceil((size * HEADLINE_LEADING) / grid.linePitch) * grid.linePitch;
const headlineLeading = (size: number) => size * HEADLINE_LEADING;
const fixed = (size: number) => () => size;

/**
 * House defaults. `text`: the text styles (小一 24 pt title, 四号 14 pt kicker/subtitle, body
 * on the grid, 小五); the rest: the make-up metrics every page spec carries (HouseStyle).
 */
export const HOUSE_STYLE = {
  text: {
    body: { font: "song", weight: "regular", size: bodySize, leading: onGrid },
    kicker: { font: "hei", weight: "regular", size: fixed(14), leading: headlineLeading },
    title: { font: "hei", weight: "bold", size: fixed(24), leading: headlineLeading },
    subtitle: { font: "hei", weight: "regular", size: fixed(14), leading: headlineLeading },
    byline: { font: "kai", weight: "regular", size: bodySize, leading: onGrid },
    credit: { font: "kai", weight: "regular", size: bodySize, leading: onGrid },
    caption: { font: "kai", weight: "regular", size: bodySize, leading: onGrid },
    photoLabel: { font: "hei", weight: "bold", size: fixed(12), leading: headlineLeading },
    sidebarTitle: { font: "hei", weight: "bold", size: fixed(14), leading: headlineLeading },
    sidebarItemHead: { font: "hei", weight: "bold", size: fixed(10.5), leading: onGrid },
    runningHead: { font: "song", weight: "regular", size: fixed(9), leading: headlineLeading },
    runningHeadName: { font: "hei", weight: "bold", size: fixed(26), leading: headlineLeading, tracking: 0.5 },
    /** A continuation's heading (转版标题): the story's title repeated smaller, 四号. */
    jumpTitle: { font: "hei", weight: "bold", size: fixed(14), leading: headlineLeading },
  } satisfies Record<string, StyleDefault>,
  // TYPOGRAPHY: 六号 is the body minimum; 6 pt set solid is the smallest a newspaper prints legibly.
  minTypeSize: 6,
  jump: { to: "（下转第{page}版）", from: "（上接第{page}版）", toAlign: "right", fromAlign: "left", numerals: "arabic" },
  copyfit: { maxLinesPerParagraph: 2, firstLineAtFoot: true },
  headline: { partGap: 0.35 },
  vertical: { uprightDigits: 2, quotes: "corner" },
  photo: { labelLines: 2, labelRule: { weight: 1.5, rise: 0.3, color: BLACK } },
  // A box's title bar takes 3 grid lines: the printed 区县快递 box holds its items in 2 × 26 of its 30 (one kept empty at the foot).
  sidebar: { titleLines: 3, headLines: 2, titleBarInset: 0.5, gutter: 0.5, dateline: { font: "hei", weight: "bold" } },
  credit: { runIn: { story: false, caption: false, sidebar: true }, runInGap: 1 },
  clearance: { textToFrame: 1.5, textToPhoto: 2, ruleToPhoto: 1 },
  flowerBand: 3,
  runaround: { clearance: 2, minLines: 2 },
  runningHead: { ruleGap: 6, baselineRuleWeights: 2, baselineGap: 4, editorRise: 1.6 },
} satisfies HouseStyle & { text: Record<string, StyleDefault> };

/**
 * The house style a page spec carries: a copy of the defaults' make-up metrics, with what the
 * layout's "houseStyle" sets for its paper (so far the vertical setting's choices).
 */
export function resolveHouseStyle(json?: HouseStyleJsonType): HouseStyle {
  const { text: _text, ...house } = HOUSE_STYLE;
  const resolved: HouseStyle = structuredClone(house);
  if (json?.vertical?.uprightDigits !== undefined) resolved.vertical.uprightDigits = json.vertical.uprightDigits;
  if (json?.vertical?.quotes !== undefined) resolved.vertical.quotes = json.vertical.quotes;
  if (json?.runaround?.minLines !== undefined) resolved.runaround.minLines = json.runaround.minLines;
  return resolved;
}

export const BODY_DEFAULTS = { indent: 2, punctuation: "kaiming", kinsoku: "gb" } as const;

/**
 * A text style: the default, with whatever the file sets. Inside a style, em means the text's
 * own size (leading "1.5em", tracking "0.5em"); a size in em means em of the grid body size.
 */
export function resolveTextStyle(
  source: LayoutSource,
  json: TextStyleJson | undefined,
  def: StyleDefault,
  grid: Grid,
  path: JsonPath,
): TextStyle {
  const units = gridUnits(grid);
  const size = json?.size !== undefined ? sizePt(source, json.size, units, [...path, "size"]) : def.size(grid);
  const own = { ...units, em: size };
  const leading = json?.leading !== undefined ? pt(source, json.leading, own, [...path, "leading"]) : def.leading(size, grid);
  const tracking = json?.tracking !== undefined ? pt(source, json.tracking, own, [...path, "tracking"]) / size : (def.tracking ?? 0);
  return {
    font: json?.font ?? def.font,
    weight: json?.weight ?? def.weight,
    size,
    leading,
    color: json?.color !== undefined ? resolveColour(json.color) : { ...(def.color ?? BLACK) },
    tracking,
  };
}

/** A body style; indent in em of the text size. */
export function resolveBodyStyle(
  source: LayoutSource,
  json: BodyStyleJson | undefined,
  def: StyleDefault,
  grid: Grid,
  path: JsonPath,
): BodyStyle {
  const text = resolveTextStyle(source, json, def, grid, path);
  const indent =
    json?.indent !== undefined
      ? pt(source, json.indent, gridUnits(grid, text.size), [...path, "indent"]) / text.size
      : BODY_DEFAULTS.indent;
  return {
    ...text,
    indent,
    punctuation: json?.punctuation ?? BODY_DEFAULTS.punctuation,
    kinsoku: json?.kinsoku ?? BODY_DEFAULTS.kinsoku,
  };
}
