/**
 * A galley (毛条): paragraphs set in one column, one after another, on a strip of paper just
 * wide enough, for looking at the composer's work.
 */
import type { DisplayDocument, DisplayItem } from "../display/types.js";
import type { SetParagraph } from "../typeset/types.js";
import { EM_BOX_ASCENT } from "./geometry.js";
import { lineRuns } from "./runs.js";

const MARGIN = 18;

export function galleyDocument(paragraphs: SetParagraph[], opts: { measure: number; size: number; pitch?: number }): DisplayDocument {
  const pitch = opts.pitch ?? opts.size * 1.5;
  const width = opts.measure * opts.size;
  const items: DisplayItem[] = [];
  const ascent = EM_BOX_ASCENT * opts.size;
  let y = MARGIN + ascent;
  // Hairlines at the column edges, so the measure can be checked by eye.
  const lineCount = paragraphs.reduce((n, p) => n + p.lines.length, 0) + Math.max(0, paragraphs.length - 1);
  const height = MARGIN * 2 + lineCount * pitch;
  for (const x of [MARGIN, MARGIN + width]) {
    items.push({ kind: "rule", x1: x, y1: MARGIN / 2, x2: x, y2: height - MARGIN / 2, weight: 0.25, style: "solid", color: { c: 0, m: 60, y: 0, k: 0 } });
  }
  paragraphs.forEach((p, i) => {
    if (i > 0) y += pitch;
    for (const line of p.lines) {
      items.push(...lineRuns(line, p.faces, { x: MARGIN, y, size: opts.size, itemId: `p${i + 1}`, role: "body" }));
      y += pitch;
    }
  });
  return {
    title: "paiban galley",
    paper: "galley",
    date: "2000-01-01",
    pages: [{ number: 1, name: "galley", trimWidth: width + MARGIN * 2, trimHeight: height, bleed: 0, items }],
  };
}
