/**
 * Glyph outlines for the screen, from fontkit: `getGlyph(id).path.toSVG()` in font units.
 *
 * The preview opens each face once per process (a CJK face is 10–15 MB) and keeps every
 * outline it has drawn, so a re-render after a copy edit only outlines the new characters.
 * `forgetOutlines()` drops everything when a font file changes under a watch.
 */
import { readFileSync } from "node:fs";
import * as fontkit from "fontkit";
import { PaibanError } from "../common/diagnostics.js";
import type { FontFace } from "../display/types.js";

export interface OutlineFace {
  /** Short id for SVG element ids, unique in this process. */
  key: string;
  unitsPerEm: number;
  /** SVG path data of a glyph in font units, y up ("" for a blank glyph). */
  outline(id: number): string;
}

const faces = new Map<string, OutlineFace>();
let serial = 0;

function openFontkit(face: FontFace): fontkit.Font {
  let bytes: Buffer;
  try {
    bytes = readFileSync(face.file);
  } catch {
    throw new PaibanError("cannot read font file", { file: face.file });
  }
  let parsed: fontkit.Font | fontkit.FontCollection;
  try {
    parsed = fontkit.create(bytes);
  } catch {
    throw new PaibanError("not a font file fontkit can read", { file: face.file });
  }
  if ("fonts" in parsed) {
    const found = parsed.fonts.find((f) => f.postscriptName === face.postscriptName);
    if (!found) throw new PaibanError(`no face named ${face.postscriptName} in the collection`, { file: face.file });
    return found;
  }
  return parsed;
}

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
    f = wrap(openFontkit(face));
    faces.set(id, f);
  }
  return f;
}

/** Drop every cached face and outline (a font file changed). */
export function forgetOutlines(): void {
  faces.clear();
}
