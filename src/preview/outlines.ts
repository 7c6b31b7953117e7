/**
 * Glyph outlines for the screen, from fontkit: `getGlyph(id).path.toSVG()` in font units.
 *
 * The faces are the ones make-up and the PDF writer use (one parse per file per process,
 * src/fonts/parsed.ts); the preview keeps every outline it has drawn, so a re-render after a copy edit only outlines the new characters.
 * `forgetOutlines()` drops everything when a font file changes under a watch.
 */
import type * as fontkit from "fontkit";
import type { FontFace } from "../display/types.js";
import { loadFace } from "../render/fonts.js";

export interface OutlineFace {
  /** Short id for SVG element ids, unique in this process. */
  key: string;
  unitsPerEm: number;
  /** SVG path data of a glyph in font units, y up ("" for a blank glyph). */
  outline(id: number): string;
}

const faces = new Map<string, OutlineFace>();
let serial = 0;

function wrap(font: fontkit.Font): OutlineFace {
  const outlines = new Map<number, string>();
  const key = `f${serial++}`;
  return {
    key,
    unitsPerEm: font.unitsPerEm,
    outline(id) {
      let d = outlines.get(id);
      if (d === undefined) {
        d = id >= 0 && id < font.numGlyphs ? font.getGlyph(id).path.toSVG() : "";
        outlines.set(id, d);
      }
      return d;
    },
  };
}

/** The outline face for a display-list face (cached per process). */
export function outlineFace(face: FontFace): OutlineFace {
  const id = `${face.file}#${face.postscriptName}`;
  let f = faces.get(id);
  if (!f) {
    f = wrap(loadFace(face) as unknown as fontkit.Font);
    faces.set(id, f);
  }
  return f;
}

/** Drop every cached face and outline (a font file changed). */
export function forgetOutlines(): void {
  faces.clear();
}
