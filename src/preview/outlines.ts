/**
 * Glyph outlines for the screen, from fontkit: `getGlyph(id).path.toSVG()` in font units.
 *
 * The faces are the ones make-up and the PDF writer use (one parse per file per font store,
 * src/fonts/store.ts); the preview keeps every outline it has drawn with the store, so a
 * re-render after a copy edit only outlines the new characters. A session whose font file
 * changed takes a new store, and with it new outlines.
 */
import type * as fontkit from "fontkit";
import type { FontFace } from "../display/types.js";
import type { FontStore } from "../fonts/store.js";
import { loadFace } from "../render/fonts.js";

export interface OutlineFace {
  /** Short id for SVG element ids, unique in this process. */
  key: string;
  unitsPerEm: number;
  /** SVG path data of a glyph in font units, y up ("" for a blank glyph). */
  outline(id: number): string;
}

/** The outline faces of each font store, kept as long as the store is. */
const byStore = new WeakMap<FontStore, Map<string, OutlineFace>>();
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

/** The outline face for a display-list face, from `fonts` (cached with the store). */
export function outlineFace(fonts: FontStore, face: FontFace): OutlineFace {
  let faces = byStore.get(fonts);
  if (!faces) byStore.set(fonts, (faces = new Map()));
  const id = `${face.file}#${face.postscriptName}`;
  let f = faces.get(id);
  if (!f) {
    f = wrap(loadFace(fonts, face) as unknown as fontkit.Font);
    faces.set(id, f);
  }
  return f;
}
