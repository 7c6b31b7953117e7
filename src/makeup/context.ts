/** What make-up needs besides the page: fonts, and somewhere to put warnings. */
import type { Warning } from "../common/diagnostics.js";
import { openFace, type Face } from "../fonts/face.js";
import { FONT_ROLES, type FontMap } from "../fonts/fontmap.js";
import type { TextStyle } from "../layout/types.js";

export interface MakeupContext {
  fonts: FontMap;
  /** The face chain for a style: its own face first, then the other roles for missing glyphs. */
  faces(style: Pick<TextStyle, "font" | "weight">): Face[];
  warnings: Warning[];
}

export function makeContext(fonts: FontMap): MakeupContext {
  const chains = new Map<string, Face[]>();
  return {
    fonts,
    warnings: [],
    faces(style) {
      const key = `${style.font}/${style.weight}`;
      let chain = chains.get(key);
      if (!chain) {
        const own = openFace(fonts.resolve(style.font, style.weight).font);
        const others = FONT_ROLES.map((r) => openFace(fonts.peek(r, "regular").font));
        chain = [own, ...others.filter((f, i) => f !== own && others.indexOf(f) === i)];
        chains.set(key, chain);
      }
      return chain;
    },
  };
}
