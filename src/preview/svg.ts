/**
 * A display-list page as SVG: the drawing both the PNG export and the live preview show.
 *
 * The viewBox is the trim in pt (y down, as in the display list); width and height are
 * unitless pixels for the requested dpi (librsvg, which sharp uses, wants them unitless).
 * Each glyph outline is defined once (font units, flipped y) and placed with <use>, inside
 * a group per run scaled to the run's size, so a page of ten thousand glyphs stays small.
 * Rules, boxes, borders and proof marks come from the PDF's own drawing code (vector-svg.ts).
 */
import type { DisplayItem, DisplayPage, GlyphRun, ImageItem } from "../display/types.js";
import { cmykToCss } from "./colour.js";
import type { FontStore } from "../fonts/store.js";
import { outlineFace } from "./outlines.js";
import { screenPhoto, type ScreenPhoto } from "./photos.js";
import { borderSvg, proofMarkSvg, rectSvg, ruleSvg } from "./vector-svg.js";

export interface SvgOptions {
  /** Pixels per inch of the width/height attributes. */
  dpi: number;
  /** proof: overset and missing-glyph marks are drawn (red), as in the proof PDF. */
  mode: "proof" | "print";
  /** Photos prepared for this page (see photos.ts). */
  photos: Map<ImageItem, ScreenPhoto>;
  /** The fonts to outline glyphs from: the run's or session's font store. */
  fonts: FontStore;
}

/** Numbers in pt: 1/100 pt is far below a pixel at any preview resolution. */
function pt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Numbers in em of a run: 1/10 000 em. */
function em(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

class GlyphDefs {
  private readonly defined = new Set<string>();
  private readonly paths: string[] = [];
  constructor(private readonly fonts: FontStore) {}

  /** The element id of a glyph's outline, defining it on first use; null for a blank glyph. */
  use(run: GlyphRun, id: number): string | null {
    const face = outlineFace(this.fonts, run.face);
    const ref = `${face.key}g${id}`;
    if (this.defined.has(ref)) return ref;
    const d = face.outline(id);
    if (!d) return null;
    const k = 1 / face.unitsPerEm;
    this.paths.push(`<path id="${ref}" transform="scale(${k} ${-k})" d="${d}"/>`);
    this.defined.add(ref);
    return ref;
  }

  toString(): string {
    return `<defs>${this.paths.join("")}</defs>`;
  }
}

function runSvg(run: GlyphRun, defs: GlyphDefs, fill?: string): string {
  const uses: string[] = [];
  for (const g of run.glyphs) {
    const ref = defs.use(run, g.id);
    if (!ref) continue;
    if (g.turned || (g.scale ?? 1) !== 1) {
      // Vertical text: turned 90° clockwise (or scaled) about the glyph's origin.
      const turn = g.turned ? " rotate(90)" : "";
      const scale = (g.scale ?? 1) !== 1 ? ` scale(${g.scale} 1)` : "";
      uses.push(`<use href="#${ref}" transform="translate(${em(g.x / run.size)} ${em(g.y / run.size)})${turn}${scale}"/>`);
    } else uses.push(`<use href="#${ref}" x="${em(g.x / run.size)}" y="${em(g.y / run.size)}"/>`);
  }
  if (!uses.length) return "";
  const item = run.itemId ? ` data-item="${escapeXml(run.itemId)}"` : "";
  return `<g${item} fill="${fill ?? cmykToCss(run.color)}" transform="translate(${pt(run.x)} ${pt(run.y)}) scale(${em(run.size)})">${uses.join("")}</g>`;
}

function imageSvg(item: ImageItem, photos: Map<ImageItem, ScreenPhoto>): string {
  const photo = photos.get(item);
  if (!photo) return "";
  const p = photo.placement;
  return `<image href="${photo.href}" x="${pt(item.x + p.x)}" y="${pt(item.y + p.y)}" width="${pt(p.width)}" height="${pt(p.height)}" preserveAspectRatio="none"/>`;
}

function itemSvg(item: DisplayItem, defs: GlyphDefs, opts: SvgOptions): string {
  switch (item.kind) {
    case "glyphs":
      return runSvg(item, defs);
    case "rule":
      return ruleSvg(item);
    case "rect":
      return rectSvg(item);
    case "border":
      return borderSvg(item);
    case "image":
      return imageSvg(item, opts.photos);
    case "proof-mark": {
      if (opts.mode !== "proof") return "";
      const { svg, label } = proofMarkSvg(item, opts.fonts);
      return svg + (label ? runSvg(label, defs, "#ffffff") : "");
    }
  }
}

/** The SVG document of one page, trim only (bleed and marks are the PDF's business). */
export function pageSvg(page: DisplayPage, opts: SvgOptions): string {
  const defs = new GlyphDefs(opts.fonts);
  const body = page.items.map((item) => itemSvg(item, defs, opts)).join("");
  const w = (page.trimWidth * opts.dpi) / 72;
  const h = (page.trimHeight * opts.dpi) / 72;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(w)}" height="${Math.round(h)}" viewBox="0 0 ${pt(page.trimWidth)} ${pt(page.trimHeight)}">` +
    `<title>${escapeXml(`第${page.number}版 ${page.name}`)}</title>` +
    defs.toString() +
    `<rect width="${pt(page.trimWidth)}" height="${pt(page.trimHeight)}" fill="#ffffff"/>` +
    body +
    `</svg>`
  );
}

/** The photos of a page at `dpi`, prepared in parallel. */
export async function pagePhotos(page: DisplayPage, dpi: number): Promise<Map<ImageItem, ScreenPhoto>> {
  const images = page.items.filter((i): i is ImageItem => i.kind === "image");
  const prepared = await Promise.all(images.map((i) => screenPhoto(i, dpi)));
  return new Map(images.map((i, n) => [i, prepared[n]!]));
}
