/**
 * Vertical lines → glyph runs, and a vertical galley (竖排毛条): paragraphs set in vertical
 * lines running right to left on a strip just tall enough for the measure, for looking at the
 * vertical composer's work.
 */
import type { CmykColor, DisplayDocument, DisplayItem, GlyphRun } from "../display/types.js";
import type { Face } from "../fonts/face.js";
import { BLACK } from "../layout/styles.js";
import type { VerticalLine, VerticalParagraph } from "../typeset/vertical/types.js";

const MARGIN = 18;

/**
 * The glyph runs of one vertical line whose centre axis is at `x` and head at `y` (pt on the
 * page): one run per face, glyph positions relative to the run origin (the axis at the head).
 */
export function verticalLineRuns(
  line: VerticalLine,
  faces: Face[],
  at: { x: number; y: number; size: number; color?: CmykColor; itemId?: string; role?: string },
): GlyphRun[] {
  const runs: GlyphRun[] = [];
  let current: GlyphRun | undefined;
  let currentFace = -1;
  for (const g of line.glyphs) {
    if (!current || g.face !== currentFace) {
      const face = faces[g.face]!;
      current = {
        kind: "glyphs",
        face: { file: face.file, postscriptName: face.postscriptName },
        size: at.size,
        x: at.x,
        y: at.y,
        color: at.color ?? BLACK,
        glyphs: [],
        itemId: at.itemId,
        role: at.role,
        vertical: true,
      };
      currentFace = g.face;
      runs.push(current);
    }
    current.glyphs.push({
      id: g.id,
      x: g.x,
      y: g.y,
      advance: g.advance,
      text: g.text,
      ...(g.turned ? { turned: true } : {}),
      ...(g.scale !== 1 ? { scale: g.scale } : {}),
    });
  }
  return runs;
}

export function verticalGalleyDocument(
  paragraphs: VerticalParagraph[],
  opts: { measure: number; size: number; pitch?: number },
): DisplayDocument {
  const pitch = opts.pitch ?? opts.size * 1.5;
  const length = opts.measure * opts.size;
  const lineCount = paragraphs.reduce((n, p) => n + p.lines.length, 0) + Math.max(0, paragraphs.length - 1);
  const width = MARGIN * 2 + lineCount * pitch;
  const height = MARGIN * 2 + length;
  const items: DisplayItem[] = [];
  // Hairlines at the column's head and foot, so the measure can be checked by eye.
  for (const y of [MARGIN, MARGIN + length]) {
    items.push({ kind: "rule", x1: MARGIN / 2, y1: y, x2: width - MARGIN / 2, y2: y, weight: 0.25, style: "solid", color: { c: 0, m: 60, y: 0, k: 0 } });
  }
  // Lines right to left: the first line's axis half a pitch inside the right margin.
  let k = 0;
  paragraphs.forEach((p, i) => {
    if (i > 0) k++;
    for (const line of p.lines) {
      const axis = width - MARGIN - (k + 0.5) * pitch;
      items.push(...verticalLineRuns(line, p.faces, { x: axis, y: MARGIN, size: opts.size, itemId: `p${i + 1}`, role: "body" }));
      k++;
    }
  });
  return {
    title: "paiban galley",
    paper: "galley",
    date: "2000-01-01",
    pages: [{ number: 1, name: "galley", trimWidth: width, trimHeight: height, bleed: 0, items }],
  };
}
