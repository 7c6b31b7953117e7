/** Reading a PDF's text back and comparing it with the seed copy. */
import fs from "node:fs";
import { seedStories } from "../typeset/setup.js";

/** Text of a PDF in content order through pdfjs-dist, whitespace removed. */
export async function pdfText(pdfFile: string): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdfFile)), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = "";
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    for (const item of content.items) if ("str" in item) text += item.str;
  }
  await pdf.destroy();
  return text.replace(/[\s\u3000]+/gu, "");
}

/** Each seed paragraph (whitespace removed) appears in `text` after the one before it in its story. */
export function paragraphsInOrder(text: string): string[] {
  const problems: string[] = [];
  for (const story of seedStories()) {
    let from = 0;
    for (const p of story.paragraphs ?? []) {
      const want = p.replace(/[\s\u3000]+/gu, "");
      const at = text.indexOf(want, from);
      if (at < 0) problems.push(`${story.id}: not found or out of order: ${p.slice(0, 24)}…`);
      else from = at + want.length;
    }
  }
  return problems;
}

