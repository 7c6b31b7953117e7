/** Setting the text of an item: paragraphs into flow lines, headline lines, labels. */
import type { DisplayItem } from "../display/types.js";
import type { Face } from "../fonts/face.js";
import type { BodyStyle, TextStyle } from "../layout/types.js";
import { breakPrepared, composeParagraph, prepareParagraph, setPrepared, type FaceSpan } from "../typeset/compose.js";
import type { SetLine, SetParagraph } from "../typeset/types.js";
import { asVerticalLine, prepareVertical } from "../typeset/vertical/compose.js";
import type { VerticalStyle } from "../typeset/vertical/types.js";
import type { MakeupContext } from "./context.js";
import { paragraphFit, type FlowPart } from "./copyfit.js";
import type { FlowLine } from "./flow.js";
import { baselineIn, EM_BOX_ASCENT } from "./geometry.js";
import { lineRuns } from "./runs.js";
import { verticalLineRuns } from "./vertical-galley.js";

export interface SetLineAt {
  line: SetLine;
  faces: Face[];
  style: TextStyle;
  /** Shift of the whole line to the right (a vertical line: down), pt (a balanced headline centred in its frame). */
  shift?: number;
  /** A vertical line (竖排): set by the vertical composer, its glyphs placed down the line. */
  vertical?: true;
}

/**
 * Draw a vertical line with its centre axis at `axis` and its head at `head`; missing glyphs
 * get a proof mark over their cell.
 */
export function drawVerticalLine(l: SetLineAt, axis: number, head: number, itemId: string, role: string): DisplayItem[] {
  head += l.shift ?? 0;
  const line = asVerticalLine(l.line);
  const size = l.style.size;
  const items: DisplayItem[] = verticalLineRuns(line, l.faces, { x: axis, y: head, size, color: l.style.color, itemId, role });
  for (const g of line.glyphs) {
    if (g.id === 0) {
      const top = g.turned ? g.y : g.y - EM_BOX_ASCENT * size;
      items.push({ kind: "proof-mark", reason: "missing-glyph", x: axis - size / 2, y: head + top, width: size, height: size, label: `无字 ${g.text}`, itemId });
    }
  }
  return items;
}

/** What a vertical paragraph's faces lacked (no vhea/vmtx, no vert forms): one warning per item and face. */
function verticalNotes(ctx: MakeupContext, notes: string[] | undefined, itemId: string): void {
  for (const note of notes ?? []) {
    const message = `${itemId}: ${note}`;
    if (!ctx.warnings.some((w) => w.message === message)) ctx.warnings.push({ code: "font-fallback", message, itemId });
  }
}

/** Draw a set line with its left edge at `x` and baseline at `y`; missing glyphs get a proof mark. */
export function drawLine(l: SetLineAt, x: number, y: number, itemId: string, role: string): DisplayItem[] {
  x += l.shift ?? 0;
  const items: DisplayItem[] = lineRuns(l.line, l.faces, { x, y, size: l.style.size, color: l.style.color, itemId, role });
  for (const g of l.line.glyphs) {
    if (g.id === 0) {
      items.push({
        kind: "proof-mark",
        reason: "missing-glyph",
        x: x + g.x,
        y: y - EM_BOX_ASCENT * l.style.size,
        width: l.style.size,
        height: l.style.size,
        label: `无字 ${g.text}`,
        itemId,
      });
    }
  }
  return items;
}

/** Warnings for what a set paragraph could not do: missing glyphs, too-small type. */
export function textWarnings(ctx: MakeupContext, p: SetParagraph, style: TextStyle, itemId: string, paragraph: number | string): void {
  for (const m of p.missing) {
    const cp = m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    // The position a reader counts: characters (code points), not UTF-16 units (𠀀 is one).
    const position = [...p.text.slice(0, m.offset)].length + 1;
    const part = typeof paragraph === "number" ? `paragraph ${paragraph + 1}` : paragraph;
    ctx.warnings.push({
      code: "missing-glyph",
      message: `${itemId}: ${part}, character ${position}: no configured font has ${JSON.stringify(m.char)} (U+${cp}); it is marked in the proof`,
      itemId,
      ...(typeof paragraph === "number" ? { paragraph } : {}),
      offset: m.offset,
    });
  }
  const min = ctx.houseStyle.minTypeSize;
  if (style.size < min && paragraph === 0) {
    ctx.warnings.push({ code: "small-text", message: `${itemId}: text set at ${style.size} pt, under the ${min} pt a newspaper prints legibly`, itemId });
  }
}

/**
 * A set line as a flow line of `span` whole grid lines (1 for text on the grid), centred in
 * them; it counts as text in the overset and a credit may run in after it.
 */
export function flowLine(at: SetLineAt, o: { itemId: string; role: string; pitch: number; span?: number }): FlowLine {
  const span = o.span ?? 1;
  return {
    span,
    text: at.line.text,
    width: at.line.width,
    draw: at.vertical
      ? (x, top, width) => drawVerticalLine(at, x + width / 2, top, o.itemId, o.role)
      : (x, top) => drawLine(at, x, baselineIn(top, span * o.pitch, at.style.size), o.itemId, o.role),
  };
}

/** Parts of an item that are lists of names separated by spaces: lines end only at the spaces. */
const NAME_LISTS: ReadonlySet<string> = new Set(["byline", "credit", "editor"]);

export interface BodyOptions {
  itemId: string;
  role: string;
  /** Column measure, em of the style's size. */
  measure: number;
  pitch: number;
  /** Paragraph index offset (for reports when a story's paragraphs are set in parts). */
  firstParagraph?: number;
  /** What warnings call the text instead of "paragraph N" (a credit). */
  part?: string;
  /** Faces for the dateline that opens the first paragraph (本报讯), and its length. */
  dateline?: { length: number; faces: Face[] };
  lastLine?: "left" | "right" | "center";
  indent?: number;
  /** Set in vertical lines (竖排) with the house's vertical style; `measure` is then the line's length. */
  vertical?: VerticalStyle;
}

/**
 * Set paragraphs in a body style and turn every line into a one-grid-line flow line. `parts`
 * holds each paragraph with its other settings for copyfit (src/makeup/copyfit.ts).
 */
export function bodyLines(
  ctx: MakeupContext,
  paragraphs: string[],
  style: BodyStyle,
  o: BodyOptions,
): { lines: FlowLine[]; set: SetParagraph[]; parts: FlowPart[] } {
  const faces = ctx.faces(style);
  const lines: FlowLine[] = [];
  const parts: FlowPart[] = [];
  const set = paragraphs.map((text, k) => {
    const spans: FaceSpan[] = k === 0 && o.dateline ? [{ start: 0, end: o.dateline.length, faces: o.dateline.faces }] : [];
    const prepared = (o.vertical ? (t: string, f: Face[], opts: Parameters<typeof prepareParagraph>[2], sp: FaceSpan[]) => prepareVertical(t, f, { ...opts, ...o.vertical }, sp) : prepareParagraph)(
      text,
      faces,
      {
        measure: o.measure,
        size: style.size,
        indent: o.indent ?? style.indent,
        style: style.punctuation,
        kinsoku: style.kinsoku,
        tracking: style.tracking,
        lastLine: o.lastLine ?? "left",
        spacedWords: NAME_LISTS.has(o.role),
      },
      spans,
    );
    const ranges = breakPrepared(prepared);
    const natural = setPrepared(prepared, ranges);
    const p = natural.paragraph;
    const paragraph = (o.firstParagraph ?? 0) + k;
    textWarnings(ctx, p, style, o.itemId, o.part ?? paragraph);
    verticalNotes(ctx, prepared.notes, o.itemId);
    const vertical = o.vertical ? { vertical: true as const } : {};
    const toLines = (q: SetParagraph): FlowLine[] =>
      q.lines.map((line, n) => {
        const ends = n === q.lines.length - 1 && n > 0;
        return {
          ...flowLine({ line, faces: q.faces, style, ...vertical }, { itemId: o.itemId, role: o.role, pitch: o.pitch }),
          paragraph,
          ...(ends ? { paragraphEnd: { itemId: o.itemId, paragraph } } : {}),
        };
      });
    const own = toLines(p);
    for (const line of own) lines.push(line); // no spread: a paragraph may run to 100,000s of lines
    parts.push({ lines: own, set: p, ...(NAME_LISTS.has(o.role) ? {} : { fit: paragraphFit(prepared, { ranges, set: natural }, paragraph, toLines) }) });
    return p;
  });
  return { lines, set, parts };
}

/**
 * Set a short text (headline part, label) on as many lines as it needs within `width` pt.
 * `where` names it in missing-glyph warnings (e.g. item "lead", part "title"). Always at least
 * one line: an empty or all-space text (a box title of "") gives one empty line.
 */
export function displayLines(
  ctx: MakeupContext,
  text: string,
  style: TextStyle,
  width: number,
  align: "center" | "left" | "right",
  where?: { itemId: string; part: string },
  vertical?: VerticalStyle,
): SetLineAt[] {
  const faces = ctx.faces(style);
  const spacedWords = where !== undefined && NAME_LISTS.has(where.part);
  const options = { size: style.size, indent: 0, tracking: style.tracking, lastLine: align, avoidOrphans: false, spacedWords };
  let notes: string[] | undefined;
  const set = (measure: number): SetParagraph => {
    if (!vertical) return composeParagraph(text, faces, { ...options, measure });
    const prepared = prepareVertical(text, faces, { ...options, ...vertical, measure });
    notes = prepared.notes;
    return setPrepared(prepared, breakPrepared(prepared)).paragraph;
  };
  const along = vertical ? { vertical: true as const } : {};
  const full = width / style.size;
  let p = set(full);
  let shift = 0;
  if (align === "center" && p.lines.length > 1) {
    // A headline on several lines is balanced: the narrowest whole-em measure that needs no
    // more lines, the block centred in the frame.
    const count = p.lines.length;
    let lo = Math.max(1, Math.ceil(full / count));
    let hi = Math.floor(full);
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (set(mid).lines.length <= count) hi = mid;
      else lo = mid + 1;
    }
    const balanced = hi < full ? set(hi) : undefined;
    if (balanced && balanced.lines.length <= count) {
      p = balanced;
      shift = ((full - hi) * style.size) / 2;
    }
  }
  if (where) textWarnings(ctx, p, style, where.itemId, where.part);
  if (where) verticalNotes(ctx, notes, where.itemId);
  if (p.lines.length === 0) return [{ line: emptyLine(), faces: p.faces, style, ...along }];
  return p.lines.map((line) => ({ line, faces: p.faces, style, shift, ...along }));
}

/**
 * A text that has one line and no more (a box title, an item head, a photo label, a running-head
 * field): its first line within `width`. What does not fit is cut, and said: an overset warning
 * names what was lost.
 */
export function displayLine(
  ctx: MakeupContext,
  text: string,
  style: TextStyle,
  width: number,
  align: "center" | "left" | "right",
  where: { itemId: string; part: string },
  vertical?: VerticalStyle,
): SetLineAt {
  const lines = displayLines(ctx, text, style, width, align, where, vertical);
  if (lines.length > 1) {
    const lost = lines.slice(1).map((l) => l.line.text).join("");
    ctx.warnings.push({
      code: "overset",
      message: `${where.itemId}: the ${where.part} does not fit on one ${vertical ? "vertical " : ""}line (${Math.round(width * 10) / 10} pt): “${lost}” is cut; shorten it or set it smaller`,
      itemId: where.itemId,
    });
  }
  return lines[0]!;
}

function emptyLine(): SetLine {
  return { text: "", start: 0, end: 0, glyphs: [], indent: 0, width: 0, last: true };
}
