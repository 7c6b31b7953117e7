/** Set lines → glyph runs of the display list. */
import type { CmykColor, GlyphRun } from "../display/types.js";
import { BLACK } from "../layout/styles.js";
import type { Face } from "../fonts/face.js";
import type { SetLine } from "../typeset/types.js";


/**
 * The glyph runs of one line whose left edge is at `x` and baseline at `y` (pt on the page):
 * one run per face, glyph positions relative to the run origin.
 */
export function lineRuns(
  line: SetLine,
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
      };
      currentFace = g.face;
      runs.push(current);
    }
    current.glyphs.push({ id: g.id, x: g.x, y: 0, advance: g.advance, text: g.text });
  }
  return runs;
}
