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

/** A stretch of the paragraph set in other faces (a bold dateline such as 本报讯). */
export interface FaceSpan {
  start: number;
  end: number;
  faces: Face[];
}

/**
 * Typeset one paragraph with the face chain `faces` (the first face is the primary; the
 * others set what it has no glyph for), `spans` overriding the chain for parts of the text.
 */
export function composeParagraph(text: string, faces: Face[], options: ComposeOptions, spans: FaceSpan[] = []): SetParagraph {
  const settings: ComposeSettings = { ...DEFAULT_SETTINGS, ...options };
  const { measure, size, indent } = settings;
  const style = resolveStyle(settings.style);
  const all = [...faces];
  const indexOf = (f: Face) => {
    const i = all.indexOf(f);
    return i >= 0 ? i : all.push(f) - 1;
  };
  const base = faces.map(indexOf);
  const spanChains = spans.map((s) => ({ ...s, chain: s.faces.map(indexOf) }));
  const chainAt = (offset: number) => spanChains.find((s) => offset >= s.start && offset < s.end)?.chain ?? base;
  const { units, missing } = makeUnits(text, all, chainAt, style, settings.tracking);
  const widthOf = (k: number) => (k === 0 ? measure - indent : measure);
  const rules = { ...KINSOKU[settings.kinsoku], onlyAtSpaces: settings.spacedWords };
  const ranges = breakLines(units, rules, widthOf, settings.avoidOrphans);

  const lines: SetLine[] = ranges.map((range, k) => {
    const last = k === ranges.length - 1;
    const lead = k === 0 ? indent : 0;
    const width = widthOf(k);
    const justify = !last || settings.lastLine === "justify";
    const sp = spaceLine(units, range, width, justify, settings.spacedWords);
    const setWidth = spacedWidth(units, range, sp);
    const room = Math.max(0, width - setWidth);
    const offset = lead + (!last ? 0 : settings.lastLine === "center" ? room / 2 : settings.lastLine === "right" ? room : 0);
    const first = units[range.start]!;
    const end = units[range.end - 1]!;
    return {
      text: text.slice(first.start, end.end),
      start: first.start,
      end: end.end,
      glyphs: placeGlyphs(units, range, sp, offset, size),
      indent: offset * size,
      width: (offset + setWidth) * size,
      last,
    };
  });
  return { text, lines, missing, faces: all };
}
