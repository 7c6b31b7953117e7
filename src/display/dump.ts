/**
 * A plain-text dump of the display list: one line per item, positions in pt to 0.01. Diffable
 * in review without images (the SILE way), and what the make-up snapshot tests compare.
 */
import path from "node:path";
import type { CmykColor, DisplayDocument, DisplayItem } from "./types.js";

const n = (v: number) => (Math.round(v * 100) / 100).toFixed(2);
const colour = (c: CmykColor) => `cmyk(${c.c},${c.m},${c.y},${c.k})`;

export function dumpItem(item: DisplayItem): string {
  const who = item.itemId ? ` ${item.itemId}` : "";
  switch (item.kind) {
    case "glyphs": {
      const text = item.glyphs.map((g) => g.text).join("");
      if (item.vertical) {
        // A vertical line: its axis and head, the first and last glyph down the line, how many are turned.
        const turned = item.glyphs.filter((g) => g.turned).length;
        return `glyphs${who}/${item.role ?? ""} ${path.basename(item.face.file)} ${n(item.size)}pt vertical at ${n(item.x)},${n(item.y)} first ↓${n(item.glyphs[0]?.y ?? 0)} last ↓${n(item.glyphs.at(-1)?.y ?? 0)}${turned ? ` turned ${turned}` : ""} ${JSON.stringify(text)}`;
      }
      return `glyphs${who}/${item.role ?? ""} ${path.basename(item.face.file)} ${n(item.size)}pt at ${n(item.x)},${n(item.y)} first ${n(item.glyphs[0]?.x ?? 0)} last ${n(item.glyphs.at(-1)?.x ?? 0)} ${JSON.stringify(text)}`;
    }
    case "rule":
      return `rule${who} ${item.style} ${n(item.weight)} ${n(item.x1)},${n(item.y1)} → ${n(item.x2)},${n(item.y2)} ${colour(item.color)}`;
    case "rect":
      return `rect${who} ${n(item.x)},${n(item.y)} ${n(item.width)}×${n(item.height)}${item.fill ? ` fill ${colour(item.fill)}` : ""}${item.stroke ? ` stroke ${colour(item.stroke)}` : ""}`;
    case "border":
      return `border${who} ${item.style} ${n(item.weight)} ${n(item.x)},${n(item.y)} ${n(item.width)}×${n(item.height)}`;
    case "image":
      return `image${who} ${path.basename(item.src)} ${item.fit} ${n(item.x)},${n(item.y)} ${n(item.width)}×${n(item.height)}`;
    case "proof-mark":
      return `proof-mark${who} ${item.reason} ${n(item.x)},${n(item.y)} ${n(item.width)}×${n(item.height)} ${JSON.stringify(item.label)}`;
  }
}

export function dumpDocument(doc: DisplayDocument): string {
  const out: string[] = [`document ${JSON.stringify(doc.title)} ${doc.date}`];
  for (const page of doc.pages) {
    out.push(`page ${page.number} ${page.name} trim ${n(page.trimWidth)}×${n(page.trimHeight)} bleed ${n(page.bleed)}`);
    for (const item of page.items) out.push(`  ${dumpItem(item)}`);
  }
  return `${out.join("\n")}\n`;
}
