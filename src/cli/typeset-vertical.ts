/** `paiban typeset --vertical`: the paragraphs set in vertical lines (竖排), printed and as a galley. */
import type { Face } from "../fonts/face.js";
import type { KinsokuLevel, PunctuationStyle } from "../common/setting.js";
import type { StyleTable } from "../typeset/styles.js";
import { composeVertical } from "../typeset/vertical/compose.js";
import type { VerticalParagraph, VerticalStyle } from "../typeset/vertical/types.js";

export interface VerticalTypesetArgs {
  measure: number;
  size: number;
  indent: number;
  kinsoku: string;
  json: boolean;
  pdf?: string;
  digits: number;
  quotes: string;
}

export async function runVerticalTypeset(
  paragraphs: string[],
  faces: Face[],
  style: PunctuationStyle | StyleTable,
  a: VerticalTypesetArgs,
): Promise<void> {
  const vertical: VerticalStyle = { uprightDigits: a.digits, quotes: a.quotes as VerticalStyle["quotes"] };
  const set: VerticalParagraph[] = paragraphs.map((p) =>
    composeVertical(p, faces, { measure: a.measure, size: a.size, indent: a.indent, style, kinsoku: a.kinsoku as KinsokuLevel, ...vertical }),
  );
  for (const w of new Set(set.flatMap((p) => p.warnings))) process.stderr.write(`paiban: warning: ${w}\n`);
  for (const p of set) {
    for (const m of p.missing) process.stderr.write(`paiban: warning: no font can set ${JSON.stringify(m.char)} at offset ${m.offset}\n`);
  }
  if (a.json) {
    const out = { direction: "vertical", paragraphs: set.map((p) => ({ text: p.text, lines: p.lines.map((l) => l.text) })) };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
  } else {
    // One line of text per vertical line, in reading order (the first is the rightmost).
    process.stdout.write(set.map((p) => p.lines.map((l) => `${l.text}\n`).join("")).join("\n"));
  }
  if (a.pdf) {
    const { verticalGalleyDocument } = await import("../makeup/vertical-galley.js");
    const { writePdf } = await import("../render/pdf.js");
    await writePdf(verticalGalleyDocument(set, { measure: a.measure, size: a.size }), { out: a.pdf, mode: "proof" });
    process.stderr.write(`paiban: galley written to ${a.pdf}\n`);
  }
}
