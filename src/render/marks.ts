/**
 * Printer's marks for the print PDF, all outside the trim and beyond the bleed:
 * crop marks (裁切线) at the corners, registration targets (套准线) at the middle of each
 * side, a CMYK colour bar along the foot and a slug line (paper, page, date) at the head.
 *
 * Coordinates are the display list's: pt from the trim's top-left, y down.
 */
import type { CmykColor, DisplayDocument, DisplayPage, GlyphRun } from "../display/types.js";
import { ContentStream } from "./content.js";
import type { FontStore } from "../fonts/store.js";
import { markFace, shapeLine } from "./fonts.js";

/** Registration colour: every plate. Only ever outside the trim. */
export const REGISTRATION: CmykColor = { c: 100, m: 100, y: 100, k: 100 };

/** Gap between the bleed edge and the start of a mark. */
export const MARK_OFFSET = 3;
/** Length of a crop mark. */
export const MARK_LENGTH = 18;
/** Stroke weight of crop and registration marks. */
export const MARK_WEIGHT = 0.25;
/** Radius of a registration target. */
const TARGET_RADIUS = 5;
/** Colour-bar patch size. */
const PATCH = 9;
const SLUG_SIZE = 6;

/** The margin outside the trim the print MediaBox adds on every side. */
export function marksMargin(bleed: number): number {
  return bleed + MARK_OFFSET + MARK_LENGTH + 6;
}

function cropMarks(cs: ContentStream, page: DisplayPage): void {
  const { trimWidth: w, trimHeight: h, bleed } = page;
  const a = bleed + MARK_OFFSET;
  const b = a + MARK_LENGTH;
  for (const x of [0, w]) {
    const out = x === 0 ? -1 : 1;
    for (const y of [0, h]) {
      const down = y === 0 ? -1 : 1;
      cs.moveTo(x + out * a, y).lineTo(x + out * b, y); // horizontal, along the trim's top/bottom edge
      cs.moveTo(x, y + down * a).lineTo(x, y + down * b); // vertical, along the left/right edge
    }
  }
  cs.stroke();
}

function target(cs: ContentStream, cx: number, cy: number): void {
  const r = TARGET_RADIUS;
  cs.circle(cx, cy, r * 0.6);
  cs.moveTo(cx - r, cy).lineTo(cx + r, cy);
  cs.moveTo(cx, cy - r).lineTo(cx, cy + r);
  cs.stroke();
}

function registrationMarks(cs: ContentStream, page: DisplayPage): void {
  const { trimWidth: w, trimHeight: h, bleed } = page;
  const d = bleed + MARK_OFFSET + TARGET_RADIUS + 1;
  target(cs, w / 2, -d);
  target(cs, w / 2, h + d);
  target(cs, -d, h / 2);
  target(cs, w + d, h / 2);
}

/** The patches of the colour bar: solids, half tones, the two-colour overprints (≤ 200 %). */
export const COLOUR_BAR: CmykColor[] = [
  { c: 100, m: 0, y: 0, k: 0 },
  { c: 0, m: 100, y: 0, k: 0 },
  { c: 0, m: 0, y: 100, k: 0 },
  { c: 0, m: 0, y: 0, k: 100 },
  { c: 100, m: 100, y: 0, k: 0 },
  { c: 100, m: 0, y: 100, k: 0 },
  { c: 0, m: 100, y: 100, k: 0 },
  { c: 50, m: 0, y: 0, k: 0 },
  { c: 0, m: 50, y: 0, k: 0 },
  { c: 0, m: 0, y: 50, k: 0 },
  { c: 0, m: 0, y: 0, k: 50 },
  { c: 0, m: 0, y: 0, k: 25 },
  { c: 0, m: 0, y: 0, k: 75 },
];

function colourBar(cs: ContentStream, page: DisplayPage): void {
  const { trimWidth: w, trimHeight: h, bleed } = page;
  const y = h + bleed + MARK_OFFSET + 2;
  const x0 = MARK_LENGTH;
  const xMax = w / 2 - TARGET_RADIUS - 6; // stop short of the foot's registration target
  let x = x0;
  for (const patch of COLOUR_BAR) {
    if (x + PATCH > xMax) break;
    cs.fillCmyk(patch).rect(x, y, PATCH, PATCH).fill();
    x += PATCH;
  }
}

/** The slug line's words: paper, page number and name, issue date, trim size. */
export function slugText(doc: DisplayDocument, page: DisplayPage): string {
  const mm = (pt: number) => Math.round((pt * 25.4) / 72);
  return `${doc.paper}  第${page.number}版 ${page.name}  ${doc.date}  裁切 ${mm(page.trimWidth)}×${mm(page.trimHeight)} mm  出血 ${mm(page.bleed)} mm`;
}

/** The slug as a glyph run at the head, left of the head's registration target. */
export function slugRun(doc: DisplayDocument, page: DisplayPage, fonts: FontStore): GlyphRun {
  const y = -(page.bleed + MARK_OFFSET + 2);
  return shapeLine(fonts, markFace(), SLUG_SIZE, slugText(doc, page), MARK_LENGTH, y, REGISTRATION);
}

/** Draw every mark except the slug text (which goes through the glyph path). */
export function drawMarks(cs: ContentStream, page: DisplayPage): void {
  cs.save();
  cs.strokeCmyk(REGISTRATION).lineWidth(MARK_WEIGHT).lineCap(0);
  cropMarks(cs, page);
  registrationMarks(cs, page);
  colourBar(cs, page);
  cs.restore();
}

