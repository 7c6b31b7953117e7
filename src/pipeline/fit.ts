/**
 * The editor's estimate (`paiban fit`): per story and box item, the capacity of its area in
 * lines and characters at the house style, the copy's length, the characters to cut (> 0) or add
 * (< 0), and whether copyfit alone absorbs the difference. Read from the layout report, which
 * make-up fills as it sets (src/makeup/frame.ts): no second setting of the copy.
 */
import type { LayoutReport } from "../makeup/report.js";

export interface FitRow {
  id: string;
  capacity: { lines: number; chars: number };
  copy: { chars: number };
  difference: { chars: number };
  copyfitCanAbsorb: boolean;
}

export interface FitTable {
  stories: FitRow[];
}

/** The rows of every story and box item of the report, in page order. */
export function fitTable(report: LayoutReport): FitTable {
  return {
    stories: report.stories
      .filter((s) => s.kind !== "caption" && s.fit)
      .map((s) => ({ id: s.id, capacity: s.fit!.capacity, copy: s.fit!.copy, difference: s.fit!.difference, copyfitCanAbsorb: s.fit!.copyfitCanAbsorb })),
  };
}

/** What the editor must do for one row, in words. */
export function fitAdvice(row: FitRow): string {
  const d = row.difference.chars;
  const what = d > 0 ? `cut ${d} 字` : d < 0 ? `add ${-d} 字` : "fits";
  if (d === 0) return "fits as written";
  return row.copyfitCanAbsorb ? `${what}, or leave it: copyfit absorbs it` : `${what}: copyfit cannot absorb it`;
}

/** The table as text: one line per story. */
export function fitText(table: FitTable): string[] {
  const width = Math.max(2, ...table.stories.map((r) => r.id.length));
  const head = `${"id".padEnd(width)}  ${"lines".padStart(5)}  ${"capacity".padStart(8)}  ${"copy".padStart(6)}  ${"diff".padStart(6)}  `;
  return [
    `${head}what to do`,
    ...table.stories.map(
      (r) =>
        `${r.id.padEnd(width)}  ${String(r.capacity.lines).padStart(5)}  ${`${r.capacity.chars}字`.padStart(8)}  ${`${r.copy.chars}字`.padStart(6)}  ${signed(r.difference.chars).padStart(6)}  ${fitAdvice(r)}`,
    ),
  ];
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
