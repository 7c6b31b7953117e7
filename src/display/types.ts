/**
 * The display list: the seam between make-up and output.
 *
 * Everything here is already positioned, in PostScript points (1/72 in). Coordinates are
 * relative to the top-left corner of the page's TRIM box, y growing downwards. A backend
 * (PDF writer, PNG preview, text dump) only draws what is here and decides nothing about
 * where anything goes. Items outside the trim (bleed, marks) have negative or > trim
 * coordinates; the backend adds its own margin for marks.
 */
import type { CmykColor } from "../common/colour.js";
import type { Rect, RuleLine } from "../common/geometry.js";

/** The display list's colour (common/colour.ts), re-exported for its readers. */
export type { CmykColor };

/** A face the backend must embed: the font file and, for a collection, the face's PostScript name. */
export interface FontFace {
  /** Absolute path of the font file (TTF/OTF/TTC). */
  file: string;
  /** PostScript name of the face; required to pick a face out of a collection. */
  postscriptName: string;
}

/** One positioned glyph of a run. */
export interface PlacedGlyph {
  /** Glyph id in the face. */
  id: number;
  /** Pen position of the glyph origin, relative to the run origin, in pt (x right, y down). */
  x: number;
  y: number;
  /** Advance width the glyph occupies on the line after squeezing, in pt (for text extraction). */
  advance: number;
  /** The characters this glyph sets (a cluster), for ToUnicode / copy-paste. */
  text: string;
  /**
   * Vertical text (竖排): the glyph is turned 90° clockwise about its origin, its baseline
   * running down the page (a Latin word, a dash); `advance` then runs downwards.
   */
  turned?: boolean;
  /** Horizontal scale of the glyph about its origin (three digits upright in one em); 1 if absent. */
  scale?: number;
}

/** A run of glyphs in one face, size and colour, with a common baseline origin. */
export interface GlyphRun {
  kind: "glyphs";
  face: FontFace;
  /** Font size in pt. */
  size: number;
  /** Baseline origin of the run, in pt from the trim's top-left (y = baseline). */
  x: number;
  y: number;
  color: CmykColor;
  glyphs: PlacedGlyph[];
  /** Which story / item this run belongs to (for reports, proof marks and the preview). */
  itemId?: string;
  /** What part of the item: body, kicker, title, subtitle, byline, credit, caption, head, ... */
  role?: string;
  /**
   * A vertical line (竖排): (x, y) is the line's centre axis at its head, and every glyph has
   * its own y down the line (the backends place glyphs as they are; make-up's checks read it).
   */
  vertical?: true;
}

/** A straight line. */
export interface RuleItem extends RuleLine {
  kind: "rule";
  itemId?: string;
}

/** A rectangle, filled and/or stroked. */
export interface RectItem extends Rect {
  kind: "rect";
  fill?: CmykColor;
  stroke?: CmykColor;
  strokeWeight?: number;
  itemId?: string;
}

/** A border drawn around a frame: plain, double rule or a decorative 花边 pattern. */
export interface BorderItem extends Rect {
  kind: "border";
  style: "plain" | "double" | "flower";
  weight: number;
  color: CmykColor;
  itemId?: string;
}

/** A photo placed in a frame. The backend crops and resamples; the frame is final. */
export interface ImageItem extends Rect {
  kind: "image";
  // x, y, width, height (Rect): the frame on the page, in pt.
  /** Absolute path of the source image. */
  src: string;
  /** fill: cover the frame, cropping around the focal point; fit: show all, centred. */
  fit: "fill" | "fit";
  /** Focal point in the source image, 0..1 from left and from top. */
  focus: { x: number; y: number };
  itemId?: string;
}

/**
 * A proof-only flag: overset text, a missing glyph, a 段末孤行 (widow). The print backend
 * ignores these; the proof backend draws them (red) with their label.
 */
export interface ProofMark extends Rect {
  kind: "proof-mark";
  reason: "overset" | "missing-glyph" | "overlap" | "underset" | "widow" | "copyfit";
  label: string;
  itemId?: string;
}

/**
 * The document without its copyfit tags (撑 +1 / 缩 −1 on loosened and tightened paragraphs):
 * the proof shows them only when asked (`--show-copyfit`).
 */
export function withoutCopyfitTags(doc: DisplayDocument): DisplayDocument {
  return { ...doc, pages: doc.pages.map(withoutPageTags) };
}

/**
 * The same page object for the same page, every time: a page with no tags is itself, and a
 * page's untagged copy is made once. The PDF writer keeps its last PDF while the pages it was
 * made from are the same objects (a warm re-render of unchanged pages writes nothing again).
 */
const untagged = new WeakMap<DisplayPage, DisplayPage>();
const isCopyfitTag = (i: DisplayItem) => i.kind === "proof-mark" && i.reason === "copyfit";

function withoutPageTags(page: DisplayPage): DisplayPage {
  if (!page.items.some(isCopyfitTag)) return page;
  let out = untagged.get(page);
  if (!out) untagged.set(page, (out = { ...page, items: page.items.filter((i) => !isCopyfitTag(i)) }));
  return out;
}

export type DisplayItem = GlyphRun | RuleItem | RectItem | BorderItem | ImageItem | ProofMark;

export interface DisplayPage {
  /** Page number as printed (版次), e.g. 4. */
  number: number;
  /** Page name (版名), e.g. 区县. */
  name: string;
  /** Trim size in pt. */
  trimWidth: number;
  trimHeight: number;
  /** Bleed beyond the trim on every side, in pt. */
  bleed: number;
  /** Items in painting order (later items paint over earlier ones). */
  items: DisplayItem[];
}

export interface DisplayDocument {
  /** Title for the PDF info dictionary, e.g. "重庆政协报 2024-11-27 第4版 区县". */
  title: string;
  /** Paper name (报名). */
  paper: string;
  /** Issue date, ISO yyyy-mm-dd; PDF dates derive from it so output is deterministic. */
  date: string;
  pages: DisplayPage[];
}
