/**
 * Flowing lines through text columns on the grid: a column full, the next; all full, the rest
 * is overset. Every line sits on a grid line, so lines in neighbouring columns share baselines.
 */
import type { DisplayItem } from "../display/types.js";

/** A text column of the flow: where it is and which grid lines it holds. */
export interface FlowColumn {
  x: number;
  width: number;
  /** Top of its first grid line, pt. */
  top: number;
  /** Grid lines it holds. */
  lines: number;
}

/** Something that takes whole grid lines in a column: a line of text, an item head. */
export interface FlowLine {
  /** Grid lines it takes (1 for a body line). */
  span: number;
  /** Keep in the same column as the line after it (a head never ends a column). */
  keepWithNext?: boolean;
  /** Draw it with its slot's left edge at `x` and its first grid line's top at `top`. */
  draw(x: number, top: number, width: number): DisplayItem[];
  /** Which paragraph it belongs to and its text (for the report's overset count). */
  paragraph?: number;
  text?: string;
  /** Width the line's content takes from the slot's left edge, pt (to run a credit in after it). */
  width?: number;
}

export interface FlowResult {
  items: DisplayItem[];
  /** Grid lines used in each column. */
  used: number[];
  /** Lines that did not fit. */
  overset: FlowLine[];
}

export function flowLines(lines: FlowLine[], columns: FlowColumn[], pitch: number): FlowResult {
  const items: DisplayItem[] = [];
  const used = columns.map(() => 0);
  let c = 0;
  let i = 0;
  while (i < lines.length && c < columns.length) {
    const col = columns[c]!;
    // A line that keeps with the next needs room for both.
    let need = lines[i]!.span;
    for (let j = i; lines[j]?.keepWithNext && lines[j + 1]; j++) need += lines[j + 1]!.span;
    const room = col.lines - used[c]!;
    if (need > room && !(used[c] === 0 && lines[i]!.span <= room)) {
      c++;
      continue;
    }
    const line = lines[i]!;
    if (line.span > room) {
      c++;
      continue;
    }
    items.push(...line.draw(col.x, col.top + used[c]! * pitch, col.width));
    used[c]! += line.span;
    i++;
  }
  return { items, used, overset: lines.slice(i) };
}
