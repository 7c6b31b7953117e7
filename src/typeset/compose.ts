/**
 * The composer: a paragraph of Chinese text in, its lines out, every glyph positioned.
 *   units (classes, glyphs, natural spacing) → breaks (先挤进, 后推出, 孤字) → justify (squeeze or
 *   stretch each line to the measure) → placed glyphs.
 */
import type { Face } from "../fonts/face.js";
import { breakLines } from "./breaks.js";
import { placeGlyphs, spaceLine, spacedWidth } from "./justify.js";
import { KINSOKU } from "./kinsoku.js";
import { STYLES, type StyleTable } from "./styles.js";
import { DEFAULT_SETTINGS, type ComposeSettings, type SetLine, type SetParagraph } from "./types.js";
import { makeUnits } from "./units.js";

export type ComposeOptions = Pick<ComposeSettings, "measure" | "size"> & Partial<ComposeSettings>;

export function resolveStyle(style: ComposeSettings["style"]): StyleTable {
  return typeof style === "string" ? STYLES[style] : style;
}

/** Typeset one paragraph with the face chain `faces` (the first face is the primary). */
export function composeParagraph(text: string, faces: Face[], options: ComposeOptions): SetParagraph {
  const settings: ComposeSettings = { ...DEFAULT_SETTINGS, ...options };
  const { measure, size, indent } = settings;
  const style = resolveStyle(settings.style);
  const { units, missing } = makeUnits(text, faces, style, settings.tracking);
  const widthOf = (k: number) => (k === 0 ? measure - indent : measure);
  const ranges = breakLines(units, KINSOKU[settings.kinsoku], widthOf, settings.avoidOrphans);

  const lines: SetLine[] = ranges.map((range, k) => {
    const last = k === ranges.length - 1;
    const lead = k === 0 ? indent : 0;
    const width = widthOf(k);
    const justify = !last || settings.lastLine === "justify";
    const sp = spaceLine(units, range, width, justify);
    const setWidth = spacedWidth(units, range, sp);
    const offset = lead + (last && settings.lastLine === "center" ? Math.max(0, (width - setWidth) / 2) : 0);
    const first = units[range.start]!;
    const end = units[range.end - 1]!;
    return {
      text: text.slice(first.start, end.end),
      start: first.start,
      end: end.end,
      glyphs: placeGlyphs(units, range, sp, offset, size),
      indent: offset * size,
      naturalWidth: (lead + sp.natural) * size,
      width: (offset + setWidth) * size,
      adjust: { squeezed: sp.squeezed, stretch: sp.stretch, opportunities: sp.opportunityCount },
      last,
    };
  });
  return { text, lines, missing, faces };
}

/** Typeset several paragraphs with the same settings. */
export function composeParagraphs(texts: string[], faces: Face[], options: ComposeOptions): SetParagraph[] {
  return texts.map((t) => composeParagraph(t, faces, options));
}
