/**
 * Glyph runs to text operators, placing every glyph exactly where the display list says.
 *
 * The page space is y-down (pdfkit flips it), so the text matrix is `1 0 0 -1 x y` to stand
 * glyphs upright. Within a stretch of glyphs on one baseline a single TJ array carries them;
 * each number between two glyphs corrects the viewer's pen (previous pen + /W width) to the
 * next glyph's x. The pen is tracked from the rounded numbers actually written, so rounding
 * never accumulates: every glyph lands within 0.0005 × size / 1000 pt of its position.
 */
import type { GlyphRun, PlacedGlyph } from "../display/types.js";
import { ContentStream, num } from "./content.js";

/** Encodes glyph ids of one face for one document (see pdfkit-internals.includeGlyph). */
export interface GlyphEncoder {
  /** Font resource name on the page, e.g. "F1". */
  resource: string;
  encode(glyphId: number, text: string): { cid: number; width: number };
}

function hex4(cid: number): string {
  return cid.toString(16).padStart(4, "0");
}

/** TJ adjustments are in 1/1000 text-space units; three decimals keep error ≪ 0.01 pt. */
function adjustment(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Glyph indices grouped into stretches sharing one baseline: the same y for upright glyphs,
 * the same x for glyphs turned 90° clockwise (vertical text), the same scale.
 */
function baselineStretches(run: GlyphRun): number[][] {
  const stretches: number[][] = [];
  let current: number[] = [];
  let first: PlacedGlyph | undefined;
  run.glyphs.forEach((g, i) => {
    if (first && !sameBaseline(first, g)) {
      stretches.push(current);
      current = [];
    }
    if (current.length === 0) first = g;
    current.push(i);
  });
  if (current.length > 0) stretches.push(current);
  return stretches;
}

function sameBaseline(a: PlacedGlyph, b: PlacedGlyph): boolean {
  if (Boolean(a.turned) !== Boolean(b.turned) || (a.scale ?? 1) !== (b.scale ?? 1)) return false;
  return a.turned ? Math.abs(a.x - b.x) <= 1e-9 : Math.abs(a.y - b.y) <= 1e-9;
}

/** Append BT … ET for a run; the fill colour is the caller's. */
export function showGlyphRun(cs: ContentStream, run: GlyphRun, enc: GlyphEncoder): void {
  if (run.glyphs.length === 0) return;
  const size = run.size;
  cs.raw("BT");
  cs.raw(`/${enc.resource} ${num(size)} Tf`);
  for (const stretch of baselineStretches(run)) {
    const first = run.glyphs[stretch[0]!]!;
    // The pen runs along x, or down the page for turned glyphs (text matrix 0 1 1 0: the
    // glyph's x axis points down the page, its y axis right; page space is y-down).
    const along = (g: PlacedGlyph) => (first.turned ? run.y + g.y : run.x + g.x);
    const scale = first.scale ?? 1;
    const matrix = first.turned ? `0 ${num(scale)} 1 0` : `${num(scale)} 0 0 -1`;
    cs.raw(`${matrix} ${num(run.x + first.x)} ${num(run.y + first.y)} Tm`);
    const parts: string[] = [];
    let pen = Number(num(along(first))); // where the viewer's pen is, in page units
    for (const index of stretch) {
      const g = run.glyphs[index]!;
      const target = along(g);
      const shift = pen - target; // > 0: the pen is ahead of the glyph
      if (Math.abs(shift) > 1e-9) {
        const adj = adjustment((shift * 1000) / (size * scale));
        if (adj !== 0) {
          parts.push(String(adj));
          pen -= (adj * size * scale) / 1000;
        }
      }
      const { cid, width } = enc.encode(g.id, g.text);
      parts.push(`<${hex4(cid)}>`);
      pen += (width * size * scale) / 1000;
    }
    cs.raw(`[${parts.join(" ")}] TJ`);
  }
  cs.raw("ET");
}
