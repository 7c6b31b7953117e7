/**
 * The composer: a paragraph of Chinese text in, its lines out, every glyph positioned.
 *   units (classes, glyphs, natural spacing) → breaks (先挤进, 后推出, 孤字) → justify (squeeze or
 *   stretch each line to the measure) → placed glyphs.
 * Copyfit's loosened and tightened settings of the same paragraph: src/typeset/fit.ts.
 */
import type { Face } from "../fonts/face.js";
import { breakLines, lineGaps, measures, type BreakRules, type LineRange, type Measures } from "./breaks.js";
import { placeGlyphs, spaceLine, spacedWidth } from "./justify.js";
import { KINSOKU } from "./kinsoku.js";
import { STYLES, type StyleTable } from "./styles.js";
import { DEFAULT_SETTINGS, type ComposeSettings, type MissingGlyph, type SetGlyph, type SetLine, type SetParagraph, type Unit } from "./types.js";
import { makeUnits, type FaceChainAt } from "./units.js";

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

/** A paragraph made into units once, to be broken and set one way or several (copyfit). */
export interface PreparedParagraph {
  text: string;
  settings: ComposeSettings;
  style: StyleTable;
  units: Unit[];
  missing: MissingGlyph[];
  faces: Face[];
  rules: BreakRules;
  m: Measures;
  widthOf: (line: number) => number;
  /**
   * How the glyphs of a spaced line are placed: along x (horizontal, placeGlyphs), or down a
   * vertical line (src/typeset/vertical: its glyphs then carry y, turned and scale as well).
   */
  place: GlyphPlacer;
  /** What the faces lacked and how it was set instead (vertical setting: no vmtx, no vert forms). */
  notes?: string[];
}

/** Stage 1 of a composer: the units of a paragraph (horizontal: makeUnits; vertical: makeVerticalUnits). */
export type UnitMaker = (text: string, faces: Face[], chainAt: FaceChainAt, style: StyleTable, tracking: number) => { units: Unit[]; missing: MissingGlyph[] };
/** Stage 3's last step: glyphs of a spaced line, `offset` em from its start, pt out. */
export type GlyphPlacer = (units: Unit[], line: LineRange, sp: ReturnType<typeof spaceLine>, offset: number, size: number) => SetGlyph[];

/** The axis a paragraph is set on: how its units are made and its glyphs placed. */
export interface SettingAxis {
  make: UnitMaker;
  place: GlyphPlacer;
}

const HORIZONTAL: SettingAxis = { make: (text, faces, chainAt, style, tracking) => makeUnits(text, faces, chainAt, style, tracking), place: placeGlyphs };

export function prepareParagraph(text: string, faces: Face[], options: ComposeOptions, spans: FaceSpan[] = [], axis: SettingAxis = HORIZONTAL): PreparedParagraph {
  const settings: ComposeSettings = { ...DEFAULT_SETTINGS, ...options };
  const { measure, indent } = settings;
  const style = resolveStyle(settings.style);
  const all = [...faces];
  const indexOf = (f: Face) => {
    const i = all.indexOf(f);
    return i >= 0 ? i : all.push(f) - 1;
  };
  const base = faces.map(indexOf);
  const spanChains = spans.map((s) => ({ ...s, chain: s.faces.map(indexOf) }));
  const chainAt = (offset: number) => spanChains.find((s) => offset >= s.start && offset < s.end)?.chain ?? base;
  const { units, missing } = axis.make(text, all, chainAt, style, settings.tracking);
  const rules: BreakRules = { ...KINSOKU[settings.kinsoku], onlyAtSpaces: settings.spacedWords };
  const widthOf = (k: number) => (k === 0 ? measure - indent : measure);
  return { text, settings, style, units, missing, faces: all, rules, m: measures(units, settings.spacedWords), widthOf, place: axis.place };
}

/** Where the lines of a prepared paragraph end, with copyfit's adjustment per gap (0: none). */
export function breakPrepared(p: PreparedParagraph, adjust = 0): LineRange[] {
  return breakLines(p.units, p.rules, p.widthOf, p.settings.avoidOrphans, adjust, p.m);
}

/** A set line and the space its justification put into each gap between characters, em. */
export interface SpacedLine {
  line: SetLine;
  /** Added to (negative: taken from) each gap between characters. */
  perGap: number;
  /** Gaps between characters it applies to. */
  gaps: number;
}

/**
 * Set the lines `ranges` of a prepared paragraph: every line but the last justified to the
 * measure; `tighten` the most 紧排 per gap a line may take (copyfit; 0 normally).
 */
export function setPrepared(p: PreparedParagraph, ranges: LineRange[], tighten = 0): { paragraph: SetParagraph; spacing: SpacedLine[] } {
  const { units, settings, text } = p;
  const { size, indent } = settings;
  const spacing = ranges.map((range, k): SpacedLine => {
    const last = k === ranges.length - 1;
    const lead = k === 0 ? indent : 0;
    const width = p.widthOf(k);
    const justify = !last || settings.lastLine === "justify";
    const sp = spaceLine(units, range, width, justify, settings.spacedWords, tighten);
    const setWidth = spacedWidth(units, range, sp);
    const room = Math.max(0, width - setWidth);
    const offset = lead + (!last ? 0 : settings.lastLine === "center" ? room / 2 : settings.lastLine === "right" ? room : 0);
    const first = units[range.start]!;
    const end = units[range.end - 1]!;
    const line: SetLine = {
      text: text.slice(first.start, end.end),
      start: first.start,
      end: end.end,
      glyphs: p.place(units, range, sp, offset, size),
      indent: offset * size,
      width: (offset + setWidth) * size,
      last,
    };
    // A unit wider than the line (a long Latin word in a narrow column): make-up must act.
    if (setWidth > width + 1e-9) line.overfull = true;
    return { line, perGap: sp.stretch, gaps: lineGaps(p.m, range.start, range.end) };
  });
  return { paragraph: { text, lines: spacing.map((s) => s.line), missing: p.missing, faces: p.faces }, spacing };
}

/**
 * Typeset one paragraph with the face chain `faces` (the first face is the primary; the
 * others set what it has no glyph for), `spans` overriding the chain for parts of the text.
 */
export function composeParagraph(text: string, faces: Face[], options: ComposeOptions, spans: FaceSpan[] = []): SetParagraph {
  const p = prepareParagraph(text, faces, options, spans);
  return setPrepared(p, breakPrepared(p)).paragraph;
}
