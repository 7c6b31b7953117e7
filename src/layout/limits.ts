/**
 * Upper bounds for the lengths a layout gives, per field: a value beyond them is a typing
 * mistake (a bleed of "99999999999999999999mm", a trim of 20 m), and letting it through gives a
 * MediaBox no PDF reader opens. Each bound sits well above anything a newspaper uses.
 */
import { MM } from "./units.js";

/**
 * How much a layout may hold. Each is far above a real edition (a broadsheet page has 10–40
 * items, an edition 4–48 pages) and keeps the checks that compare items pairwise (overlaps)
 * and the make-up within seconds.
 */
export const MAX_PAGES = 500;
export const MAX_ITEMS_PER_PAGE = 1000;
export const MAX_AREA_RECTS = 50;
export const MAX_BOX_ITEMS = 200;
/** A line of text in the layout: paper and page name, label, box title, dateline, editor. */
export const MAX_TEXT_CHARS = 1000;
export const MAX_PATH_CHARS = 4096;
/** Overlap warnings given one by one on a page; beyond, one warning counts the rest. */
export const MAX_OVERLAP_WARNINGS = 20;

export interface LengthLimit {
  /** Largest value, pt. */
  max: number;
  /** The bound as the message states it. */
  said: string;
  /** What the field is, in words: "a bleed", "a trim side". */
  what: string;
}

const mm = (n: number): LengthLimit["max"] => n * MM;

/**
 * By the field's key in the layout. A trim of 1500 mm is beyond a B0 sheet (1000 × 1414 mm) and
 * any newspaper press; a bleed is 3–5 mm on a newspaper page.
 */
export const LENGTH_LIMITS: Readonly<Record<string, LengthLimit>> = {
  width: { max: mm(1500), said: "1500 mm, beyond any press sheet", what: "a trim side" },
  height: { max: mm(1500), said: "1500 mm, beyond any press sheet", what: "a trim side" },
  bleed: { max: mm(20), said: "20 mm", what: "a bleed" },
  top: { max: mm(1500), said: "1500 mm", what: "a type-area margin" },
  left: { max: mm(1500), said: "1500 mm", what: "a type-area margin" },
  columnWidth: { max: mm(1500), said: "1500 mm", what: "a column width" },
  gutter: { max: mm(1500), said: "1500 mm", what: "a gutter" },
  linePitch: { max: 500, said: "500 pt", what: "a line pitch" },
  bodySize: { max: 72, said: "72 pt", what: "a body size" },
  size: { max: 500, said: "500 pt", what: "a type size" },
  leading: { max: 1000, said: "1000 pt", what: "a leading" },
  tracking: { max: 500, said: "500 pt", what: "a tracking" },
  indent: { max: mm(1500), said: "1500 mm", what: "an indent" },
  measure: { max: mm(1500), said: "1500 mm", what: "a measure" },
  padding: { max: 500, said: "500 pt", what: "a padding" },
  borderWeight: { max: 20, said: "20 pt", what: "a line weight" },
  weight: { max: 20, said: "20 pt", what: "a line weight" },
  ruleWeight: { max: 20, said: "20 pt", what: "a line weight" },
  runaround: { max: mm(100), said: "100 mm", what: "a runaround clearance" },
  clearance: { max: mm(100), said: "100 mm", what: "a runaround clearance" },
};

/** Why a resolved length is out of bounds for the field `key`, or undefined when it is fine. */
export function lengthOutOfBounds(key: string | undefined, text: string, value: number): string | undefined {
  const limit = key === undefined ? undefined : LENGTH_LIMITS[key];
  if (!Number.isFinite(value)) return `"${text}" is too large to be a length`;
  if (limit && Math.abs(value) > limit.max + 1e-9) {
    const inPt = /^\s*-?[\d.]+\s*(?:mm|pt)\s*$/.test(text) ? "" : ` (${Math.round(value)} pt)`;
    return `"${text}"${inPt} is more than ${limit.what} can be (at most ${limit.said})`;
  }
  return undefined;
}
