/** What make-up needs besides the page: fonts, the page's number and house style, and somewhere to put warnings. */
import type { Warning } from "../common/diagnostics.js";
import type { Face } from "../fonts/face.js";
import { FONT_ROLES, type FontMap } from "../fonts/fontmap.js";
import { resolveHouseStyle } from "../layout/styles.js";
import type { HouseStyle, TextStyle } from "../layout/types.js";
import type { Exclusion } from "./runaround.js";

export interface MakeupContext {
  fonts: FontMap;
  /** The face chain for a style: its own face first, then the other roles for missing glyphs. */
  faces(style: Pick<TextStyle, "font" | "weight">): Face[];
  warnings: Warning[];
  /** Number of the page being made up (the reports name it). */
  page: number;
  /** The page's house style: make-up's metrics, read, never written. */
  houseStyle: HouseStyle;
  /** 图文互斥: per story id, the photos and boxes over it that its text runs around (none on a galley). */
  exclusions?: ReadonlyMap<string, readonly Exclusion[]>;
}

/** A context for one page; without a page (a galley, `paiban typeset`), page 0 in the house defaults. */
export function makeContext(fonts: FontMap, page?: { number: number; houseStyle: HouseStyle }): MakeupContext {
  const chains = new Map<string, Face[]>();
  return {
    fonts,
    warnings: [],
    page: page?.number ?? 0,
    houseStyle: page?.houseStyle ?? resolveHouseStyle(),
    faces(style) {
      const key = `${style.font}/${style.weight}`;
      let chain = chains.get(key);
      if (!chain) {
        const own = fonts.store.open(fonts.resolve(style.font, style.weight).font);
        const others = FONT_ROLES.map((r) => fonts.store.open(fonts.peek(r, "regular").font));
        chain = [own, ...others.filter((f, i) => f !== own && others.indexOf(f) === i)];
        chains.set(key, chain);
      }
      return chain;
    },
  };
}
