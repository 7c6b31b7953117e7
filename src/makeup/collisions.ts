/**
 * Make-up checks its own geometry: what it put on a page stays inside the item's frame, text
 * keeps clear of a box's frame and of photos, rules keep clear of photos — by the house
 * clearances (HouseStyle.clearance). A collision puts ink on ink: 100 K text over a red
 * 花边 or a black rule over a photo's four colours goes over the press's ink limit. Make-up
 * reports each collision as a warning (code "collision"); print refuses them
 * (src/pipeline/outputs.ts), a proof shows them. Text a layout prints over a photo or box on
 * purpose (`runaround: false` over a story) is no collision: `overprints` holds those pairs.
 */
import type { Warning } from "../common/diagnostics.js";
import type { BorderItem, DisplayItem, GlyphRun, ImageItem, RuleItem } from "../display/types.js";
import type { HouseStyle } from "../layout/types.js";
import { EM_BOX_ASCENT } from "./geometry.js";
import { overprintKey } from "./runaround.js";

/** An axis-aligned box, pt, y down. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Slack for rounding in the arithmetic of positions, pt. */
const EPSILON = 0.01;

const grow = (b: Box, d: number): Box => ({ x0: b.x0 - d, y0: b.y0 - d, x1: b.x1 + d, y1: b.y1 + d });
const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 - EPSILON && b.x0 < a.x1 - EPSILON && a.y0 < b.y1 - EPSILON && b.y0 < a.y1 - EPSILON;
const inside = (a: Box, frame: Box): boolean => a.x0 >= frame.x0 - EPSILON && a.y0 >= frame.y0 - EPSILON && a.x1 <= frame.x1 + EPSILON && a.y1 <= frame.y1 + EPSILON;
const rectBox = (r: { x: number; y: number; width: number; height: number }): Box => ({ x0: r.x, y0: r.y, x1: r.x + r.width, y1: r.y + r.height });
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * Marks whose ink sits in one half of the em (GB/T 15834: mainland marks low left, opening
 * marks right): where one is squeezed at a line's start or end, the blank half lies outside
 * the measure, so only the ink half counts.
 */
const OPENING: ReadonlySet<string> = new Set("“‘（《〈【「『〔［｛");
const CLOSING: ReadonlySet<string> = new Set("”’）》〉】」』〕］｝，。、；：？！");

/** Text boxes already measured: the frame check and the page's collision check both ask. */
const measured = new WeakMap<GlyphRun, Box | null>();

/** A line of text's em boxes (the ink half of a one-sided mark), first glyph to last (null when it has none). */
export function textBox(run: GlyphRun): Box | null {
  let box = measured.get(run);
  if (box === undefined) measured.set(run, (box = measureText(run)));
  return box;
}

function measureText(run: GlyphRun): Box | null {
  if (!run.glyphs.length) return null;
  if (run.vertical) return verticalTextBox(run);
  let left = Infinity;
  let right = -Infinity;
  for (const g of run.glyphs) {
    const half = g.advance / 2;
    const from = OPENING.has(g.text) ? g.x + half : g.x;
    const to = CLOSING.has(g.text) ? g.x + half : g.x + g.advance;
    left = Math.min(left, from);
    right = Math.max(right, to);
  }
  return { x0: run.x + left, y0: run.y - EM_BOX_ASCENT * run.size, x1: run.x + right, y1: run.y + (1 - EM_BOX_ASCENT) * run.size };
}

/**
 * A vertical line's em boxes (竖排): one em across its axis, from its first cell's top to its
 * last cell's foot (an upright glyph's origin is its baseline, EM_BOX_ASCENT below the cell top;
 * a turned glyph's runs down from its origin), the ink half of a one-sided mark as across.
 */
function verticalTextBox(run: GlyphRun): Box {
  const size = run.size;
  let top = Infinity;
  let foot = -Infinity;
  for (const g of run.glyphs) {
    const cell = g.turned ? g.y : g.y - EM_BOX_ASCENT * size;
    const length = g.turned ? g.advance : size;
    top = Math.min(top, OPENING.has(g.text) ? cell + length / 2 : cell);
    foot = Math.max(foot, CLOSING.has(g.text) ? cell + length / 2 : cell + length);
  }
  return { x0: run.x - size / 2, y0: run.y + top, x1: run.x + size / 2, y1: run.y + foot };
}

/** The band a rule paints: its line widened by its weight across it (butt ends: not along it). */
export function ruleBox(rule: RuleItem): Box {
  const h = rule.weight / 2;
  const across = rule.y1 === rule.y2 ? { x: 0, y: h } : rule.x1 === rule.x2 ? { x: h, y: 0 } : { x: h, y: h };
  return { x0: Math.min(rule.x1, rule.x2) - across.x, y0: Math.min(rule.y1, rule.y2) - across.y, x1: Math.max(rule.x1, rule.x2) + across.x, y1: Math.max(rule.y1, rule.y2) + across.y };
}

/**
 * The four strips of a border's band (inside its frame). A 花边 is drawn no narrower than the
 * house's flower band nor wider than a quarter of the box (src/render/vector.ts).
 */
export function borderBands(b: BorderItem, flowerBand: number): Box[] {
  const band = b.style === "flower" ? Math.max(flowerBand, Math.min(b.weight, b.width / 4, b.height / 4)) : b.weight;
  const o = rectBox(b);
  return [
    { ...o, y1: o.y0 + band },
    { ...o, y0: o.y1 - band },
    { ...o, x1: o.x0 + band },
    { ...o, x0: o.x1 - band },
  ];
}

function what(item: DisplayItem): string {
  const id = item.itemId ? `${item.itemId}` : "the page";
  if (item.kind === "glyphs") {
    const text = item.glyphs.map((g) => g.text).join("");
    return `${id}: ${item.role ?? "text"} “${text.length > 12 ? `${text.slice(0, 12)}…` : text}”`;
  }
  return `${id}: ${item.kind === "image" ? "photo" : item.kind}`;
}

/**
 * Collisions among a page's display items: text within `textToFrame` of a border's band or
 * within `textToPhoto` of a photo, a rule within `ruleToPhoto` of a photo. `page` names the page.
 */
export function collisions(
  items: DisplayItem[],
  house: Pick<HouseStyle, "clearance" | "flowerBand">,
  page: number,
  overprints: ReadonlySet<string> = new Set(),
): Warning[] {
  const { textToFrame, textToPhoto, ruleToPhoto } = house.clearance;
  const warnings: Warning[] = [];
  const photos = items.filter((i): i is ImageItem => i.kind === "image");
  const borders = items.filter((i): i is BorderItem => i.kind === "border");
  const bands = borders.map((b) => ({ border: b, strips: borderBands(b, house.flowerBand) }));
  const report = (item: DisplayItem, message: string) =>
    warnings.push({ code: "collision", message: `page ${page}: ${what(item)} ${message}`, ...(item.itemId ? { itemId: item.itemId } : {}) });
  for (const item of items) {
    if (item.kind === "glyphs") {
      const box = textBox(item);
      if (!box) continue;
      const meant = (picture: DisplayItem) => item.itemId !== undefined && picture.itemId !== undefined && overprints.has(overprintKey(item.itemId, picture.itemId));
      for (const { border, strips } of bands) {
        if (meant(border)) continue;
        if (strips.some((s) => overlaps(box, grow(s, textToFrame)))) {
          report(item, `comes within ${fmt(textToFrame)} pt of the frame of ${border.itemId ?? "a box"} (its glyphs would print on the border)`);
          break;
        }
      }
      for (const photo of photos) {
        if (meant(photo)) continue;
        if (overlaps(box, grow(rectBox(photo), textToPhoto))) {
          report(item, `comes within ${fmt(textToPhoto)} pt of the photo ${photo.itemId ?? photo.src}`);
          break;
        }
      }
    } else if (item.kind === "rule") {
      const box = ruleBox(item);
      for (const photo of photos) {
        if (overlaps(box, grow(rectBox(photo), ruleToPhoto))) {
          const p = rectBox(photo);
          const depth = Math.min(box.y1 - p.y0, p.y1 - box.y0, box.x1 - p.x0, p.x1 - box.x0);
          report(item, `(${fmt(item.weight)} pt) ${depth > 0 ? `runs ${fmt(depth)} pt inside` : `comes within ${fmt(ruleToPhoto)} pt of`} the photo ${photo.itemId ?? photo.src}`);
          break;
        }
      }
    }
  }
  return warnings;
}

/** The box a display item paints (text: its em boxes); proof marks none. */
function paintedBox(item: DisplayItem): Box | null {
  switch (item.kind) {
    case "glyphs":
      return textBox(item);
    case "rule":
      return ruleBox(item);
    case "rect":
    case "border":
    case "image":
      return rectBox(item);
    default:
      return null;
  }
}

/** Display items an item maker made that reach outside the item's frame. */
export function outsideFrame(id: string, items: DisplayItem[], frame: { x: number; y: number; width: number; height: number }, page: number): Warning[] {
  const f = rectBox(frame);
  const warnings: Warning[] = [];
  for (const item of items) {
    const box = paintedBox(item);
    if (!box || inside(box, f)) continue;
    const by = Math.max(f.x0 - box.x0, f.y0 - box.y0, box.x1 - f.x1, box.y1 - f.y1);
    warnings.push({ code: "collision", message: `page ${page}: ${what(item)} reaches ${fmt(by)} pt outside the frame of ${id}`, itemId: item.itemId ?? id });
  }
  return warnings;
}
