/**
 * The layout file format, defined once. zod validates it and `z.toJSONSchema` publishes it as
 * schema/layout.schema.json, which layout files reference with "$schema" so editors complete
 * keys and flag mistakes as the designer types.
 *
 * This schema only says what may be written. Meaning (units → pt, grid bounds, files on disk)
 * is checked when the layout is loaded (load.ts, items.ts, geometry.ts), where the grid is known.
 *
 * Every object is strict: an unknown key is an error (with a did-you-mean from the error map).
 * Messages that depend on the kind of value (a length, a colour, a font role) are attached
 * here; the generic ones come from the error map in validate.ts.
 */
import * as z from "zod";
import { didYouMean } from "../common/did-you-mean.js";
import { MAX_AREA_RECTS, MAX_BOX_ITEMS, MAX_ITEMS_PER_PAGE, MAX_PAGES, MAX_PATH_CHARS, MAX_TEXT_CHARS } from "./limits.js";
import { KINSOKU_LEVELS, PUNCTUATION_STYLES } from "../common/setting.js";
import { FONT_ROLES } from "../fonts/types.js";
import {
  FONT_SIZE_PATTERN,
  LENGTH_PATTERN,
  POSITIVE_LENGTH_PATTERN,
  SIGNED_LENGTH_PATTERN,
  SIZE_NAMES,
  explainBadFontSize,
  describeValue,
  explainBadLength,
} from "./units.js";

export const TRIM_PRESETS: Readonly<Record<string, { width: string; height: string }>> = {
  对开: { width: "390mm", height: "543mm" },
  四开: { width: "270mm", height: "390mm" },
};
export const COLOUR_NAMES = ["black", "red", "white"] as const;
export const ITEM_TYPES = ["story", "photo", "sidebar", "rule"] as const;

/** `unknown font role "ming" (roles: song, hei, kai, fangsong)`, with a did-you-mean when one is close. */
function unknownName(what: string, input: unknown, known: readonly string[], listName: string): string {
  const near = typeof input === "string" ? didYouMean(input, known) : "";
  const list = listName.includes(":") ? listName : `${listName}: ${known.join(", ")}`;
  return `unknown ${what} ${JSON.stringify(input)}${near} (${list})`;
}

type Need = "positive" | "non-negative" | "any";
const PATTERN: Record<Need, string> = {
  positive: POSITIVE_LENGTH_PATTERN,
  "non-negative": LENGTH_PATTERN,
  any: SIGNED_LENGTH_PATTERN,
};

function length(need: Need, description: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `missing: expected a length such as "3mm" or "11em"` : explainBadLength(iss.input, need)) })
    .regex(new RegExp(PATTERN[need]), { error: (iss) => explainBadLength(iss.input, need) })
    .describe(description);
}

const Length = (d: string) => length("non-negative", d);
const PositiveLength = (d: string) => length("positive", d);

const FontSize = z
  .string({ error: (iss) => (iss.input === undefined ? `missing: expected a font size such as "小五" or "9pt"` : explainBadFontSize(iss.input)) })
  .regex(new RegExp(FONT_SIZE_PATTERN), { error: (iss) => explainBadFontSize(iss.input) })
  .describe(`Font size: a size name (${Object.keys(SIZE_NAMES).join(" ")}) or a length such as "9pt"`)
  .meta({ id: "FontSize" });

/** Grid positions in the file count from 1 (第1栏, 第1行). */
const GridIndex = (d: string) =>
  z.int({ error: (iss) => (iss.input === undefined ? undefined : `expected a whole number ≥ 1, found ${JSON.stringify(iss.input)}`) }).min(1).describe(d);

/** A line of text in the layout (a name, a label, a title): at most MAX_TEXT_CHARS. */
const Text = (d: string) =>
  z
    .string()
    .max(MAX_TEXT_CHARS, { error: (iss) => `${(iss.input as string).length} characters is too long here: at most ${MAX_TEXT_CHARS}` })
    .describe(d);
const Name = (d: string) => Text(d).min(1);
const FilePath = (d: string) =>
  z
    .string()
    .min(1)
    .max(MAX_PATH_CHARS, { error: (iss) => `a path of ${(iss.input as string).length} characters is too long: at most ${MAX_PATH_CHARS}` })
    .describe(`${d} (relative to the layout file)`);
/** An array with at most `max` entries, `what` naming them in the message. */
const upTo = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z.array(item).max(max, { error: (iss) => `${(iss.input as unknown[]).length} ${what} is more than paiban takes: at most ${max}` });

const CmykPart = z.number().min(0).max(100);
const COLOUR_HELP = `a colour is [c, m, y, k] with each 0–100, or one of ${COLOUR_NAMES.map((c) => `"${c}"`).join(", ")}`;
const Colour = z
  .union([z.enum(COLOUR_NAMES), z.tuple([CmykPart, CmykPart, CmykPart, CmykPart])], {
    error: (iss) => `${COLOUR_HELP}; found ${JSON.stringify(iss.input)}`,
  })
  .describe("Colour: [c, m, y, k] in percent, or black | red | white")
  .meta({ id: "Colour" });

const FontRole = z
  .enum(FONT_ROLES, {
    error: (iss) => unknownName("font role", iss.input, FONT_ROLES, "roles"),
  })
  .describe("Font role: song (宋), hei (黑), kai (楷), fangsong (仿宋)")
  .meta({ id: "FontRole" });

const TEXT_STYLE_SHAPE = {
  font: FontRole.optional(),
  weight: z.enum(["regular", "bold"]).optional(),
  size: FontSize.optional(),
  leading: PositiveLength("Baseline-to-baseline distance").optional(),
  color: Colour.optional(),
  tracking: length("any", "Extra space between characters, e.g. \"0.5em\" (em of this text's size)").optional(),
};

export const TextStyle = z.strictObject(TEXT_STYLE_SHAPE).describe("How a piece of text is set; every field optional")
  .meta({ id: "TextStyle" });

export const BodyStyle = z
  .strictObject({
    ...TEXT_STYLE_SHAPE,
    indent: Length("First-line indent, e.g. \"2em\"").optional(),
    punctuation: z
      .enum(PUNCTUATION_STYLES, {
        error: (iss) => unknownName("punctuation style", iss.input, PUNCTUATION_STYLES, "styles: kaiming 开明, quanjiao 全角, banjiao 半角, hangmo 行末半角"),
      })
      .optional(),
    kinsoku: z
      .enum(KINSOKU_LEVELS, {
        error: (iss) => unknownName("kinsoku level", iss.input, KINSOKU_LEVELS, "levels"),
      })
      .optional(),
  })
  .describe("How body text is set")
  .meta({ id: "BodyStyle" });

export const GridRect = z
  .strictObject({
    column: GridIndex("First grid column, from 1 (第1栏)"),
    span: GridIndex("Number of grid columns"),
    line: GridIndex("First grid line, from 1 (第1行)"),
    lines: GridIndex("Number of grid lines"),
  })
  .describe("A rectangle of the grid")
  .meta({ id: "GridRect" });

const Area = z
  .union([GridRect, upTo(GridRect, MAX_AREA_RECTS, "rectangles in one area").min(1)])
  .describe("A grid rectangle, or several for a stepped (走文) area that text flows through in order")
  .meta({ id: "Area" });

export const DIRECTIONS = ["horizontal", "vertical"] as const;
/** What may be set vertically (竖排): named in the error for a "direction" anywhere else. */
export const DIRECTION_TAKERS = "a story's or a sidebar's body, a story's headline (竖题) and a photo's caption";
const Direction = (d: string) =>
  z
    .enum(DIRECTIONS, { error: (iss) => unknownName("direction", iss.input, DIRECTIONS, "directions: horizontal (横排, the default), vertical (竖排)") })
    .describe(d);

/**
 * 图文互斥: the clearance a photo or a box keeps from the text of a story it is placed over
 * (the story's text runs around it on the grid), or false to print over the text deliberately.
 */
const RUNAROUND_HELP = `runaround is a clearance such as "2mm" (the text of a story under the item runs around it), or false to print the item over the text`;
const Runaround = z
  .union([z.string().regex(new RegExp(LENGTH_PATTERN), { error: (iss) => `${explainBadLength(iss.input, "non-negative")}; ${RUNAROUND_HELP}` }), z.literal(false)], {
    error: (iss) => `${RUNAROUND_HELP}; found ${describeValue(iss.input)}`,
  })
  .describe("图文互斥: clearance between this item and the text of a story it is placed over, e.g. \"2mm\" (default: the house style's); false prints it over the text (a tint behind text)")
  .meta({ id: "Runaround" });

const Headline = z.strictObject({
  direction: Direction("vertical: the headline (竖题) stands at the right edge of the story's area, kicker, title and subtitle each a vertical column, the body beside it; horizontal (default): above the body").optional(),
  lines: GridIndex("Grid lines the headline block occupies (占行)").optional(),
  span: GridIndex("Text columns the headline spans (all by default)").optional(),
  align: z.enum(["center", "left"]).optional(),
  kicker: TextStyle.optional(),
  title: TextStyle.optional(),
  subtitle: TextStyle.optional(),
})
  .meta({ id: "Headline" });

const Story = z.strictObject({
  type: z.literal("story"),
  id: Name("Item id, unique on the page"),
  copy: FilePath("Copy file (Markdown with front matter); a continuation (转版, named by another story's continuedIn) has none").optional(),
  area: Area,
  direction: Direction("vertical: the body is set in vertical lines running right to left (竖排); columns are then tiers (栏) one above the other and measure the length of a line. Default horizontal").optional(),
  columns: GridIndex("Text columns (变栏 when fewer than the span)").optional(),
  measure: PositiveLength("Explicit column measure, e.g. \"23em\"").optional(),
  headline: Headline.optional(),
  body: BodyStyle.optional(),
  byline: TextStyle.optional(),
  credit: TextStyle.optional(),
  copyfit: z.boolean().describe("Copyfit (撑行/缩行): set paragraphs a line looser or tighter so the story ends at its columns' foot (default true)").optional(),
  continuedIn: Name(
    "Jump (转版): the id of the story item on another page of the edition, with no copy of its own, that takes what does not fit here; this part ends with （下转第N版）, that one opens with （上接第M版）",
  ).optional(),
})
  .meta({ id: "Story" });

const Caption = z.strictObject({
  copy: FilePath("Caption copy file"),
  direction: Direction("vertical: the caption is set in vertical lines beside the photo, as long as the photo is tall (position right or left); measure is then the width of its column. Default horizontal").optional(),
  position: z.enum(["right", "left", "below"]).optional(),
  measure: PositiveLength("Caption measure, e.g. \"8.5em\"").optional(),
  style: BodyStyle.optional(),
  credit: TextStyle.optional(),
})
  .meta({ id: "Caption" });

const Photo = z.strictObject({
  type: z.literal("photo"),
  id: Name("Item id, unique on the page"),
  image: FilePath("Image file"),
  area: GridRect,
  fit: z.enum(["fill", "fit"]).optional(),
  focus: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]).describe("Point kept in view when cropping, [x, y] 0–1").optional(),
  label: Text("Section label above the photo, e.g. 图片新闻").optional(),
  labelStyle: TextStyle.optional(),
  caption: Caption.optional(),
  runaround: Runaround.optional(),
})
  .meta({ id: "Photo" });

const Sidebar = z.strictObject({
  type: z.literal("sidebar"),
  id: Name("Item id, unique on the page"),
  area: GridRect,
  title: Text("Title in the box's title bar, e.g. 区县快递"),
  titleStyle: TextStyle.optional(),
  titleBar: Colour.optional(),
  border: z.enum(["plain", "double", "flower"]).optional(),
  borderWeight: PositiveLength("Border line weight").optional(),
  padding: Length("Space between border and text").optional(),
  direction: Direction("vertical: the box's items are set in vertical lines running right to left (竖排); columns are then tiers and measure the length of a line. Default horizontal").optional(),
  columns: GridIndex("Text columns inside the box").optional(),
  measure: PositiveLength("Column measure inside the box").optional(),
  dateline: Text("Dateline opening each item, e.g. 本报讯").optional(),
  items: upTo(FilePath("Copy file of one item"), MAX_BOX_ITEMS, "items in one box").min(1),
  itemHead: TextStyle.optional(),
  body: BodyStyle.optional(),
  credit: TextStyle.optional(),
  copyfit: z.boolean().describe("Copyfit (撑行/缩行) of the box's items to the foot of its columns (default true)").optional(),
  runaround: Runaround.optional(),
})
  .meta({ id: "Sidebar" });

const Rule = z.strictObject({
  type: z.literal("rule"),
  id: Name("Item id, unique on the page").optional(),
  orientation: z.enum(["vertical", "horizontal"]),
  column: GridIndex("Vertical: the rule stands in the gutter before this column. Horizontal: first column"),
  line: GridIndex("Horizontal: the rule lies in the gap above this line. Vertical: first line"),
  lines: GridIndex("Vertical rules: how many grid lines long").optional(),
  span: GridIndex("Horizontal rules: how many grid columns long").optional(),
  weight: PositiveLength("Line weight").optional(),
  style: z.enum(["solid", "double", "dashed", "dotted", "wavy"]).optional(),
  color: Colour.optional(),
})
  .meta({ id: "Rule" });

export const Item = z.discriminatedUnion("type", [Story, Photo, Sidebar, Rule]);

const RunningHead = z.strictObject({
  pageName: Text("Page name in the running head (defaults to the page name)").optional(),
  editor: Text("e.g. 责任编辑 王某 美术编辑 李某").optional(),
  weekday: Text("e.g. 星期三 (derived from the date when absent)").optional(),
  style: TextStyle.optional(),
  nameStyle: TextStyle.optional(),
  ruleWeight: Length("Weight of the rule under the running head (眉线)").optional(),
})
  .meta({ id: "RunningHead" });

const TRIM_LIST = `presets: ${Object.entries(TRIM_PRESETS)
  .map(([k, v]) => `${k} ${v.width.replace("mm", "")}×${v.height.replace("mm", " mm")}`)
  .join(", ")}; or {"width": "390mm", "height": "543mm"}`;
const trimError = (input: unknown) =>
  typeof input === "string" ? `unknown trim preset ${JSON.stringify(input)} (${TRIM_LIST})` : `a trim is a preset name or a width and height (${TRIM_LIST}); found ${JSON.stringify(input)}`;
const Trim = z
  .union(
    [
      z.enum(Object.keys(TRIM_PRESETS) as [string, ...string[]]),
      z.strictObject({ width: PositiveLength("Trim width"), height: PositiveLength("Trim height") }),
    ],
    { error: (iss) => trimError(iss.input) },
  )
  .describe("Trim size: a preset (对开, 四开) or width and height")
  .meta({ id: "Trim" });

const TYPE_AREA_SHAPE = {
  top: Length("Top of the type area (版心) from the trim's top edge"),
  left: Length("Left of the type area from the trim's left edge"),
};
const GRID_SHAPE = {
  columns: GridIndex("Number of grid columns (栏)"),
  columnWidth: PositiveLength("Width of one grid column, e.g. \"11em\""),
  gutter: Length("Space between columns (栏空), e.g. \"1em\""),
  bodySize: FontSize,
  linePitch: PositiveLength("Baseline-to-baseline distance of body lines"),
  lines: GridIndex("Number of grid lines in the type area"),
};

const PageGeometry = z.strictObject({
  trim: Trim,
  bleed: Length("Bleed beyond the trim, default 3mm").optional(),
  typeArea: z.strictObject(TYPE_AREA_SHAPE),
  grid: z.strictObject(GRID_SHAPE),
})
  .meta({ id: "PageGeometry" });

const PageOverride = z
  .strictObject({
    trim: Trim.optional(),
    bleed: Length("Bleed").optional(),
    typeArea: z.strictObject(TYPE_AREA_SHAPE).partial().optional(),
    grid: z.strictObject(GRID_SHAPE).partial().optional(),
  })
  .describe("Per-page overrides of the edition's page geometry")
  .meta({ id: "PageOverride" });

const FontFile = z.union([
  FilePath("Font file"),
  z.strictObject({ file: FilePath("Font file (.ttf, .otf, .ttc)"), face: Text("PostScript name of the face in a collection").optional() }),
])
  .meta({ id: "FontFile" });
const FontFaces = z.strictObject({ regular: FontFile.optional(), bold: FontFile.optional() })
  .meta({ id: "FontFaces" });
const Fonts = z
  .strictObject(
    Object.fromEntries(FONT_ROLES.map((r) => [r, FontFaces.optional()])) as Record<(typeof FONT_ROLES)[number], z.ZodOptional<typeof FontFaces>>,
    { error: (iss) => (iss.code === "unrecognized_keys" ? unknownName("font role", iss.keys[0], FONT_ROLES, "roles") : undefined) },
  )
  .describe("Font files per role, overriding the built-in font map")
  .meta({ id: "Fonts" });

const Output = z
  .strictObject({
    profile: FilePath("The press's CMYK output profile (.icc, ICC version 2) from the plant: print separates the photos with it and embeds it as the OutputIntent's DestOutputProfile"),
    condition: Name("OutputConditionIdentifier: the printing condition the profile is for, as the plant names it (e.g. a registered name such as IFRA26); default: the profile's description").optional(),
    registry: Name("RegistryName, when the condition is a registered one (e.g. http://www.color.org)").optional(),
    info: Name("Info of the OutputIntent; default: the profile's description and copyright").optional(),
  })
  .describe("Print output: the plant's press profile and the condition it is declared as (default: the shipped profile, declared as FOGRA39)")
  .meta({ id: "Output" });
const HouseStyleJson = z
  .strictObject({
    vertical: z
      .strictObject({
        uprightDigits: z.int().min(0).max(3).describe("纵中横: numbers of up to this many digits stand upright side by side in one em (0–3, default 2); longer ones are turned").optional(),
        quotes: z.enum(["corner", "turned"]).describe("Quotation marks in vertical text: corner sets “ ” ‘ ’ as 「 」 『 』 (default), turned turns them").optional(),
      })
      .describe("Vertical setting (竖排)")
      .optional(),
    runaround: z
      .strictObject({
        clearance: Length("图文互斥: clearance between a photo or box over a story and the story's text when the item gives no runaround of its own (default 2pt)").optional(),
        minLines: GridIndex("图文互斥: a piece of a column cut shorter than this many grid lines is left empty (default 2)").optional(),
      })
      .describe("图文互斥: text running around a photo or box over a story")
      .optional(),
  })
  .describe("The paper's house style where it differs from paiban's defaults")
  .meta({ id: "HouseStyle" });

const PageNumber = z.int().min(1).describe("Page number (版次)");

const PageEntry = z.strictObject({
  number: PageNumber,
  name: Text("Page name, e.g. 区县").optional(),
  runningHead: RunningHead.optional(),
  items: upTo(Item, MAX_ITEMS_PER_PAGE, "items on one page"),
  page: PageOverride.optional(),
})
  .meta({ id: "Page" });

export const LayoutFile = z
  .strictObject({
    $schema: z.string().max(MAX_PATH_CHARS).optional(),
    paper: Name("Newspaper name, e.g. 重庆政协报"),
    date: z.iso.date({ error: (iss) => `expected a date as yyyy-mm-dd (e.g. "2024-11-27"), found ${JSON.stringify(iss.input)}` }).describe("Issue date, yyyy-mm-dd"),
    page: PageGeometry,
    fonts: Fonts.optional(),
    output: Output.optional(),
    houseStyle: HouseStyleJson.optional(),
    number: PageNumber.optional(),
    name: Text("Page name, e.g. 区县").optional(),
    runningHead: RunningHead.optional(),
    items: upTo(Item, MAX_ITEMS_PER_PAGE, "items on one page").describe("The page's items (one-page layout)").optional(),
    pages: upTo(PageEntry, MAX_PAGES, "pages in one edition").min(1, { error: "an edition needs at least one page: the pages list is empty" }).describe("The pages of an edition").optional(),
  })
  .describe("A paiban layout: one page (items at top level) or an edition (pages)");

export type LayoutJson = z.infer<typeof LayoutFile>;
export type PageEntryJson = z.infer<typeof PageEntry>;
export type PageGeometryJson = z.infer<typeof PageGeometry>;
export type PageOverrideJson = z.infer<typeof PageOverride>;
export type ItemJson = z.infer<typeof Item>;
export type StoryJson = z.infer<typeof Story>;
export type PhotoJson = z.infer<typeof Photo>;
export type SidebarJson = z.infer<typeof Sidebar>;
export type RuleJson = z.infer<typeof Rule>;
export type GridRectJson = z.infer<typeof GridRect>;
export type TextStyleJson = z.infer<typeof TextStyle>;
export type BodyStyleJson = z.infer<typeof BodyStyle>;
export type ColourJson = z.infer<typeof Colour>;
export type RunningHeadJson = z.infer<typeof RunningHead>;
export type FontFileJson = z.infer<typeof FontFile>;
export type OutputJson = z.infer<typeof Output>;
export type HouseStyleJsonType = z.infer<typeof HouseStyleJson>;

/** The JSON Schema of the layout format (what `paiban schema` prints). */
export function layoutJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(LayoutFile, { target: "draft-2020-12", io: "input" }) as Record<string, unknown>;
  return { ...schema, title: "paiban layout" };
}
