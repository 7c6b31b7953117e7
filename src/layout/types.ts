/**
 * PageSpec: a validated layout, resolved to points. This is what make-up reads.
 * All lengths are in pt; page positions are relative to the trim's top-left corner, y down.
 * Grid positions are 0-based.
 *
 * `Copy` is a story's copy as the pipeline read it for the parser (src/pipeline/load.ts):
 * make-up reads these types with the copy stage's StoryCopy (src/makeup/spec.ts). The layout
 * itself needs only to know which headline parts a story's copy has (HeadlineParts).
 */
import type { CmykColor } from "../common/colour.js";
import type { RuleLine } from "../common/geometry.js";
import type { KinsokuLevel, PunctuationStyle } from "../common/setting.js";
import type { FontFile, FontRole } from "../fonts/types.js";

/** How a piece of text is set. */
export interface TextStyle {
  font: FontRole;
  /** Weight within the role: regular or bold. */
  weight: "regular" | "bold";
  size: number;
  /** Baseline-to-baseline distance of this text's own lines (headlines); body uses the grid pitch. */
  leading: number;
  color: CmykColor;
  /** Extra space between characters, in em of `size` (letter-spacing, e.g. the page name 区 县). */
  tracking: number;
}

export interface BodyStyle extends TextStyle {
  /** First-line indent in em. */
  indent: number;
  punctuation: PunctuationStyle;
  kinsoku: KinsokuLevel;
}

/** The page grid (版心网格). */
export interface Grid {
  columns: number;
  /** Width of one grid column, pt (= whole ems of the body size). */
  columnWidth: number;
  gutter: number;
  /** Body size, pt: 1 em of the grid. */
  bodySize: number;
  /** Baseline-to-baseline distance of body lines, pt. */
  linePitch: number;
  /** Number of grid lines in the type area. */
  lines: number;
  /** Type area (版心) on the page. */
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A rectangle of the grid: columns [column, column+span), lines [line, line+lines). */
export interface GridArea {
  column: number;
  span: number;
  line: number;
  lines: number;
}

/** Which way text runs: horizontal lines (横排, the default) or vertical lines right to left (竖排). */
export type Direction = "horizontal" | "vertical";

export interface HeadlineSpec {
  /**
   * vertical: a 竖题, standing at the right edge of the story's (first) area, kicker, title and
   * subtitle each one vertical column, right to left; the body beside it. `lines` is then 0.
   */
  direction: Direction;
  /** Grid lines the headline block occupies (占行), including space above and below. */
  lines: number;
  /** A vertical headline's width at the right of the area, pt, the gutter before the body included (0 for a horizontal one). */
  width: number;
  /** How many of the story's text columns it spans (all by default). */
  span: number;
  align: "center" | "left";
  kicker: TextStyle;
  title: TextStyle;
  subtitle: TextStyle;
}

/** What the layout needs of a story's copy to size its headline block: which parts it has. */
export interface HeadlineParts {
  kicker?: string;
  title?: string;
  subtitle?: string;
}

export interface StorySpec<Copy extends HeadlineParts = HeadlineParts> {
  type: "story";
  id: string;
  copy: Copy;
  /**
   * vertical: the body is set in vertical lines running right to left (竖排). Its `columns` are
   * then tiers (栏) one above the other, a gutter apart, and `measure` the length of a line.
   */
  direction: Direction;
  /** One rectangle, or several for a stepped (走文) area; text flows through them in order. */
  areas: GridArea[];
  /** Text columns the story is set in (变栏): per area, the area's width divided evenly. */
  columns: number;
  /** Column measure in em of the body size when given explicitly; otherwise derived. */
  measure?: number;
  headline: HeadlineSpec;
  body: BodyStyle;
  byline: TextStyle;
  credit: TextStyle;
  /** Copyfit (撑行/缩行) fills the area to its foot; false turns it off for this story. */
  copyfit: boolean;
  /**
   * A story continued on another page (转版): this item is one part of it. Absent on a story
   * that does not jump. A continuation's `copy` is its story's (it has none of its own) and its
   * headline, when it has one, repeats the story's title (the 转版 heading).
   */
  jump?: StoryJump;
}

/** Where a part of a jumped story stands in its chain of parts; pages are the edition's page numbers (版次). */
export interface StoryJump {
  /** The story: its first part, the item that names the copy. */
  story: PartRef;
  /** The part before this one (absent on the first part): this part opens with （上接第N版）. */
  from?: PartRef;
  /** The part after this one (absent on the last part): this part ends with （下转第N版）. */
  to?: PartRef;
}

/** A part of a jumped story: its item id and the page it is on. */
export interface PartRef {
  id: string;
  page: number;
}

export interface CaptionSpec<Copy extends HeadlineParts = HeadlineParts> {
  copy: Copy;
  /** vertical: lines as long as the picture is tall, right to left in a column `measure` em wide beside it. */
  direction: Direction;
  position: "right" | "left" | "below";
  /** Caption measure in em of its size. */
  measure: number;
  style: BodyStyle;
  credit: TextStyle;
}

export interface PhotoSpec<Copy extends HeadlineParts = HeadlineParts> {
  type: "photo";
  id: string;
  area: GridArea;
  /** Absolute path of the image. */
  image: string;
  fit: "fill" | "fit";
  focus: { x: number; y: number };
  /** Section label set above the photo, e.g. 图片新闻. */
  label?: string;
  labelStyle: TextStyle;
  caption?: CaptionSpec<Copy>;
  /** 图文互斥 over a story: the clearance from its text, pt; false prints over the text; absent: the house style's. */
  runaround?: number | false;
}

export interface SidebarSpec<Copy extends HeadlineParts = HeadlineParts> {
  type: "sidebar";
  id: string;
  area: GridArea;
  title: string;
  titleStyle: TextStyle;
  /** Fill of the title bar. */
  titleBar: CmykColor;
  border: "plain" | "double" | "flower";
  borderWeight: number;
  /** Inner padding between border and text, pt. */
  padding: number;
  /** vertical: the items are set in vertical lines right to left; columns are tiers, measure a line's length. */
  direction: Direction;
  /** Text columns inside the box. */
  columns: number;
  measure?: number;
  items: Copy[];
  itemHead: TextStyle;
  body: BodyStyle;
  credit: TextStyle;
  /** The dateline that opens an item's first paragraph (e.g. 本报讯), followed by a 1-em gap. */
  dateline?: string;
  /** Copyfit (撑行/缩行) fills the box to its foot; false turns it off for the box. */
  copyfit: boolean;
  /** 图文互斥 over a story: the clearance from its text, pt; false prints over the text; absent: the house style's. */
  runaround?: number | false;
}

/**
 * A rule (栏线, 通栏): vertical rules run along a gutter, horizontal ones across columns; ends
 * in pt on the page. It is already the display list's rule line, with an id.
 */
export interface RuleSpec extends RuleLine {
  type: "rule";
  id: string;
}

export type ItemSpec<Copy extends HeadlineParts = HeadlineParts> = StorySpec<Copy> | PhotoSpec<Copy> | SidebarSpec<Copy> | RuleSpec;

export interface RunningHeadSpec {
  paper: string;
  pageName: string;
  date: string;
  /** e.g. "星期三". Derived from date when absent. */
  weekday?: string;
  editor?: string;
  style: TextStyle;
  nameStyle: TextStyle;
  /** Rule under the running head (眉线), pt below the head's baseline. */
  ruleWeight: number;
}

/**
 * The house style as make-up reads it (PageSpec.houseStyle): the paper's page-wide make-up
 * metrics, resolved to plain data (a page spec goes to a worker thread as it is). Defaults:
 * HOUSE_STYLE in styles.ts. Text styles are not here; they are resolved onto each item.
 * Settings of the composer (digits, punctuation) belong in a `body` section beside these, and
 * copyfit's limits in a `copyfit` section.
 */
export interface HouseStyle {
  /**
   * Copyfit (撑行/缩行) as make-up applies it; how far a paragraph's spacing may move (em per
   * gap) is the composer's, with the punctuation style (StyleTable.copyfit).
   */
  copyfit: {
    /** Most lines one paragraph may be set longer or shorter. */
    maxLinesPerParagraph: number;
    /** A paragraph's first line may stand alone at a column foot (段首孤行); 段末孤行 never may. */
    firstLineAtFoot: boolean;
  };
  /** The smallest type the paper prints legibly, pt; text set smaller is warned about. */
  minTypeSize: number;
  /**
   * Jump lines (转版): a story's part that continues elsewhere ends with `to` on a line of its
   * own, the part that continues it opens with `from`; `{page}` is the other part's page number
   * (版次), in `numerals`. Set in the story's body face, `toAlign`/`fromAlign` in the column.
   */
  jump: {
    to: string;
    from: string;
    toAlign: "left" | "right";
    fromAlign: "left" | "right";
    numerals: "arabic" | "chinese";
  };
  headline: {
    /** Space between the parts of a headline block (引题, 主题, 副题), em of the title's size. */
    partGap: number;
  };
  /** Vertical setting (竖排), the paper's choices. */
  vertical: {
    /** 纵中横: numbers of up to this many digits stand upright side by side in one em (0–3); longer ones are turned. */
    uprightDigits: number;
    /** Quotation marks: "corner" sets “ ” ‘ ’ as 「 」 『 』, "turned" turns them. */
    quotes: "corner" | "turned";
  };
  photo: {
    /** Grid lines the section label (图片新闻) takes above the picture. */
    labelLines: number;
    /** The heavy rule under the label, across the item, `rise` grid lines above the label's foot. */
    labelRule: { weight: number; rise: number; color: CmykColor };
  };
  sidebar: {
    /** Grid lines of the title bar. */
    titleLines: number;
    /** Grid lines of each item head. */
    headLines: number;
    /** The title bar's inset inside the border, as a fraction of the box's padding. */
    titleBarInset: number;
    /** Space between the box's text columns, in grid gutters. */
    gutter: number;
    /** The face of the dateline that opens an item's first paragraph (本报讯). */
    dateline: { font: FontRole; weight: TextStyle["weight"] };
  };
  credit: {
    /** Whose credit runs in after the copy's last line when it fits there (else it takes lines of its own). */
    runIn: { story: boolean; caption: boolean; sidebar: boolean };
    /** Space a run-in credit keeps from the text before it, em of the body size. */
    runInGap: number;
  };
  /**
   * What make-up keeps apart, pt: a line of text (its em box) from a box's frame (the inner
   * edge of the border's band) and from a photo; a rule (its whole weight) from a photo. Make-up
   * checks its own geometry against these (src/makeup/collisions.ts): print refuses a collision.
   */
  clearance: { textToFrame: number; textToPhoto: number; ruleToPhoto: number };
  /** The narrowest band a 花边 (flower) border is drawn in, pt, whatever weight the layout gives. */
  flowerBand: number;
  /**
   * 图文互斥: a photo or box placed over a story's area takes the grid lines it covers from the
   * story's columns. `clearance`: pt between the item and the text's em box, when the item sets
   * no `runaround` of its own; `minLines`: a piece of a column left shorter than this is left
   * empty rather than hold an orphaned line.
   */
  runaround: { clearance: number; minLines: number };
  runningHead: {
    /** From the head rule (眉线) to the top of the type area, pt. */
    ruleGap: number;
    /** The fields' baseline above the head rule: this many rule weights, plus `baselineGap` pt. */
    baselineRuleWeights: number;
    baselineGap: number;
    /** The editors' line above the fields' baseline, em of the head's size. */
    editorRise: number;
  };
}

export interface PageSpec<Copy extends HeadlineParts = HeadlineParts> {
  number: number;
  name: string;
  trimWidth: number;
  trimHeight: number;
  bleed: number;
  grid: Grid;
  /** The house style make-up reads (metrics that are not text styles). */
  houseStyle: HouseStyle;
  runningHead?: RunningHeadSpec;
  items: ItemSpec<Copy>[];
}

/** A whole layout file: one page or an edition of several. */
export interface EditionSpec<Copy extends HeadlineParts = HeadlineParts> {
  /** Layout name (file name without .json), used for default output paths. */
  name: string;
  /** Absolute path of the layout file. */
  file: string;
  paper: string;
  date: string;
  /** Font map overrides: role → file (and face for collections). */
  fonts: Partial<Record<FontRole, { regular?: FontFile; bold?: FontFile }>>;
  /** The plant's press profile for print (absolute path) and the names of its condition. */
  output?: OutputSpec;
  pages: PageSpec<Copy>[];
}

/** "output" of the layout: the press profile print separates with and embeds. */
export interface OutputSpec {
  /** Absolute path of the ICC profile. */
  profile: string;
  condition?: string;
  registry?: string;
  info?: string;
}
