/**
 * Units a designer writes in a layout file, and their conversion to points.
 *
 * A length is a string with a unit: "28mm", "9pt", "2em" / "2字" (em of the body size),
 * "3line" / "3lines" / "3行" (grid line pitch), "2col" / "2栏" (grid columns: see `colToPt`).
 * A font size may also be a Chinese size name (小五, 二号 …).
 */

export const MM = 72 / 25.4;

/** Chinese type size names (号数) in pt, as used by mainland typesetting systems. */
export const SIZE_NAMES: Readonly<Record<string, number>> = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
};

export type UnitKind = "mm" | "pt" | "em" | "line" | "col";

const UNIT_KIND: Readonly<Record<string, UnitKind>> = {
  mm: "mm",
  pt: "pt",
  em: "em",
  字: "em",
  line: "line",
  lines: "line",
  行: "line",
  col: "col",
  栏: "col",
};

export const UNIT_HELP = "a length needs a unit: mm, pt, em/字, line/行, col/栏";

const UNIT_ALT = "mm|pt|em|字|lines?|行|col|栏";
const NUMBER = String.raw`(?:\d+(?:\.\d+)?|\.\d+)`;
/** A non-zero number: some digit 1–9 in it. */
const NONZERO = String.raw`(?:\d*[1-9]\d*(?:\.\d+)?|\d+\.\d*[1-9]\d*|\.\d*[1-9]\d*)`;

/** Patterns the JSON Schema publishes, so editors flag bad lengths as the designer types. */
export const LENGTH_PATTERN = `^${NUMBER}\\s*(?:${UNIT_ALT})$`;
export const POSITIVE_LENGTH_PATTERN = `^${NONZERO}\\s*(?:${UNIT_ALT})$`;
export const SIGNED_LENGTH_PATTERN = `^-?${NUMBER}\\s*(?:${UNIT_ALT})$`;
export const FONT_SIZE_PATTERN = `^(?:${Object.keys(SIZE_NAMES).join("|")}|${NONZERO}\\s*(?:${UNIT_ALT}))$`;

export interface Length {
  value: number;
  unit: UnitKind;
}

/** Split "12.5mm" into number and unit; undefined when it is not a number followed by a known unit. */
export function parseLength(text: string): Length | undefined {
  const m = /^\s*(-?(?:\d+(?:\.\d+)?|\.\d+))\s*([^\s\d.].*?)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = UNIT_KIND[m[2]!];
  if (!unit) return undefined;
  return { value: Number(m[1]), unit };
}

/**
 * Why a string is not an acceptable length — the message for the schema check.
 * `need`: "positive" (sizes, widths), "non-negative" (margins, bleed, indents), "any" (tracking).
 */
export function explainBadLength(input: unknown, need: "positive" | "non-negative" | "any"): string {
  if (typeof input === "number") return `${UNIT_HELP} (found the bare number ${input}; write e.g. "${input}mm")`;
  if (typeof input !== "string") return `expected a length such as "9pt" or "11em", found ${describeValue(input)}`;
  const m = /^\s*(-?(?:\d+(?:\.\d+)?|\.\d+))\s*(.*?)\s*$/.exec(input);
  if (!m) return `"${input}" is not a length: ${UNIT_HELP}`;
  const unit = m[2]!;
  if (unit === "") return `"${input}" has no unit: ${UNIT_HELP}`;
  if (!(unit in UNIT_KIND)) return `unknown unit "${unit}" in "${input}": ${UNIT_HELP}`;
  const value = Number(m[1]);
  if (need === "positive" && value <= 0) return `"${input}" must be greater than zero`;
  if (need === "non-negative" && value < 0) return `"${input}" must not be negative`;
  return `"${input}" is not a length: ${UNIT_HELP}`;
}

export function explainBadFontSize(input: unknown): string {
  const names = Object.keys(SIZE_NAMES).join(" ");
  if (typeof input === "string" && !/^\s*-?[\d.]/.test(input)) {
    return `unknown font size "${input}": use a size name (${names}) or a length such as "9pt"`;
  }
  if (typeof input === "number") {
    return `a font size needs a unit or a size name: write "${input}pt" (or one of ${names})`;
  }
  return explainBadLength(input, "positive");
}

export function describeValue(v: unknown): string {
  if (v === undefined) return "nothing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `the string ${JSON.stringify(v)}`;
  return `${typeof v === "number" ? "the number" : "the value"} ${String(v)}`;
}

/** What the relative units mean where a length is resolved. Missing entries make that unit an error. */
export interface UnitContext {
  /** 1 em / 字, pt. */
  em?: number;
  /** 1 line / 行, pt. */
  linePitch?: number;
  columnWidth?: number;
  gutter?: number;
}

export type UnitProblem = { problem: string };

/** A length in pt, or why it cannot be resolved here. */
export function lengthToPt(text: string, ctx: UnitContext): number | UnitProblem {
  const len = parseLength(text);
  if (!len) return { problem: explainBadLength(text, "any") };
  switch (len.unit) {
    case "pt":
      return len.value;
    case "mm":
      return len.value * MM;
    case "em":
      return ctx.em === undefined ? { problem: `"${text}": em/字 cannot be used here (no body size yet); use mm or pt` } : len.value * ctx.em;
    case "line":
      return ctx.linePitch === undefined
        ? { problem: `"${text}": line/行 cannot be used here (the grid is not known yet); use mm, pt or em` }
        : len.value * ctx.linePitch;
    case "col":
      return ctx.columnWidth === undefined || ctx.gutter === undefined
        ? { problem: `"${text}": col/栏 cannot be used here (the grid is not known yet); use mm, pt or em` }
        : colToPt(len.value, ctx.columnWidth, ctx.gutter);
  }
}

/**
 * `n col` is the width n grid columns take on the page, gutters between them included:
 * "2栏" = 2 column widths + 1 gutter, which is what a designer means by a two-column measure.
 * Below one column it is simply that fraction of a column width.
 */
export function colToPt(n: number, columnWidth: number, gutter: number): number {
  return n >= 1 ? n * columnWidth + (n - 1) * gutter : n * columnWidth;
}

/** A font size in pt: a size name or a length (em is the body size). */
export function fontSizeToPt(text: string, ctx: UnitContext): number | UnitProblem {
  const named = SIZE_NAMES[text.trim()];
  if (named !== undefined) return named;
  return lengthToPt(text, ctx);
}
