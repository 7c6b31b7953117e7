/**
 * Hand-built display lists for the render and preflight tests: real glyph ids from the Noto
 * fonts (through fontkit), a photo made with sharp, every kind of display item.
 */
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import type { DisplayDocument, DisplayItem, FontFace, GlyphRun, PlacedGlyph } from "../../src/display/types.js";

const require = createRequire(import.meta.url);

interface Fk {
  create(b: Buffer): {
    unitsPerEm: number;
    postscriptName: string;
    layout(t: string, f?: string[]): {
      glyphs: { id: number; codePoints: number[] }[];
      positions: { xAdvance: number; xOffset: number; yOffset: number }[];
    };
  };
}
const fontkit = require("fontkit") as Fk;

export const SERIF: FontFace = {
  file: require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf"),
  postscriptName: "NotoSerifSC-Regular",
};
export const SANS: FontFace = {
  file: require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
  postscriptName: "NotoSansSC-Bold",
};

const parsed = new Map<string, ReturnType<Fk["create"]>>();
function font(face: FontFace) {
  let f = parsed.get(face.file);
  if (!f) {
    f = fontkit.create(readFileSync(face.file));
    parsed.set(face.file, f);
  }
  return f;
}

export const BLACK = { c: 0, m: 0, y: 0, k: 100 };
export const RED = { c: 0, m: 100, y: 100, k: 0 };
export const BLUE = { c: 100, m: 60, y: 0, k: 0 };

/**
 * A line of text as a glyph run: shaped with `halt` so marks are half-width (offset honoured),
 * then spread by `tracking` pt between glyphs, as the typesetter's justification would.
 */
export function textRun(face: FontFace, size: number, text: string, x: number, y: number, tracking = 0, color = BLACK): GlyphRun {
  const f = font(face);
  const laid = f.layout(text, ["halt"]);
  const scale = size / f.unitsPerEm;
  const glyphs: PlacedGlyph[] = [];
  let pen = 0;
  laid.glyphs.forEach((g, i) => {
    const p = laid.positions[i]!;
    glyphs.push({
      id: g.id,
      x: pen + p.xOffset * scale,
      y: -p.yOffset * scale,
      advance: p.xAdvance * scale + tracking,
      text: String.fromCodePoint(...g.codePoints),
    });
    pen += p.xAdvance * scale + tracking;
  });
  return { kind: "glyphs", face, size, x, y, color, glyphs, itemId: "story-1", role: "body" };
}

export const BODY = "本报讯（记者 王小明）“区县快递”栏目今日开栏，《重庆政协报》第4版——区县新闻。";

export function tempDir(prefix = "paiban-render-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A 1200×800 photo with colour bands, a saturated dark corner (ink > 240 %) and soft edges. */
export async function makePhoto(dir: string, name = "photo.jpg", width = 1200, height = 800): Promise<string> {
  const px = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const dark = x < width / 6 && y < height / 4;
      px[i] = dark ? 20 : Math.round((255 * x) / width);
      px[i + 1] = dark ? 0 : Math.round((255 * y) / height);
      px[i + 2] = dark ? 40 : 160;
    }
  }
  const file = join(dir, name);
  await sharp(px, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toFile(file);
  return file;
}

/** A PNG with an alpha channel (a red disc on transparency). */
export async function makeAlphaPng(dir: string, name = "logo.png"): Promise<string> {
  const size = 400;
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const inside = (x - 200) ** 2 + (y - 200) ** 2 < 150 ** 2;
      px[i] = 220;
      px[i + 1] = 30;
      px[i + 2] = 30;
      px[i + 3] = inside ? 255 : 0;
    }
  }
  const file = join(dir, name);
  await sharp(px, { raw: { width: size, height: size, channels: 4 } }).png().toFile(file);
  return file;
}

export const TRIM_W = 420; // ~148 mm
export const TRIM_H = 595; // ~210 mm
export const BLEED = 8.5; // 3 mm

/** One page with every kind of item. */
export function samplePage(photo: string, png: string): DisplayItem[] {
  const items: DisplayItem[] = [];
  items.push({ kind: "rect", x: -BLEED, y: -BLEED, width: TRIM_W + 2 * BLEED, height: 40 + BLEED, fill: { c: 0, m: 0, y: 0, k: 10 } });
  items.push(textRun(SANS, 24, "区县快递：开栏啦！", 36, 32, 0, RED));
  for (let line = 0; line < 8; line++) {
    const text = BODY.slice(line * 3, line * 3 + 26);
    items.push(textRun(SERIF, 9, text, 36, 70 + line * 13, line % 3 === 0 ? 0.37 : 0));
  }
  items.push({ kind: "rule", x1: 36, y1: 180, x2: 384, y2: 180, weight: 0.75, style: "solid", color: BLACK });
  items.push({ kind: "rule", x1: 36, y1: 190, x2: 384, y2: 190, weight: 1.5, style: "double", color: BLACK });
  items.push({ kind: "rule", x1: 36, y1: 200, x2: 384, y2: 200, weight: 0.75, style: "dashed", color: BLUE });
  items.push({ kind: "rule", x1: 36, y1: 210, x2: 384, y2: 210, weight: 1, style: "dotted", color: RED });
  items.push({ kind: "rule", x1: 36, y1: 222, x2: 384, y2: 222, weight: 1, style: "wavy", color: BLUE });
  items.push({ kind: "rule", x1: 210, y1: 232, x2: 210, y2: 300, weight: 0.5, style: "solid", color: BLACK });
  items.push({ kind: "border", x: 36, y: 240, width: 160, height: 110, style: "flower", weight: 8, color: RED });
  items.push(textRun(SERIF, 9, "专栏框内文字，花边围起。", 52, 300));
  items.push({ kind: "border", x: 224, y: 240, width: 160, height: 50, style: "double", weight: 3, color: BLACK });
  items.push({ kind: "border", x: 224, y: 300, width: 160, height: 50, style: "plain", weight: 1, color: BLUE });
  items.push({ kind: "rect", x: 36, y: 360, width: 100, height: 20, fill: { c: 20, m: 0, y: 60, k: 0 }, stroke: BLACK, strokeWeight: 0.5 });
  items.push({ kind: "image", x: 36, y: 390, width: 226.77, height: 170.08, src: photo, fit: "fill", focus: { x: 0.3, y: 0.4 }, itemId: "photo-1" });
  items.push({ kind: "image", x: 276, y: 390, width: 108, height: 80, src: png, fit: "fit", focus: { x: 0.5, y: 0.5 }, itemId: "logo" });
  items.push({ kind: "proof-mark", reason: "overset", x: 276, y: 480, width: 108, height: 40, label: "溢出 12 字", itemId: "story-1" });
  items.push(textRun(SERIF, 9, "图片说明：区县新貌。 （张三 摄）", 36, 575));
  return items;
}

export function sampleDocument(photo: string, png: string, pages = 1): DisplayDocument {
  return {
    title: "重庆政协报 2024-11-27 第4版 区县",
    paper: "重庆政协报",
    date: "2024-11-27",
    pages: Array.from({ length: pages }, (_, i) => ({
      number: 4 + i,
      name: "区县",
      trimWidth: TRIM_W,
      trimHeight: TRIM_H,
      bleed: BLEED,
      items: samplePage(photo, png),
    })),
  };
}

/** An A3 page of body text in two columns of 43-character lines (~6000 glyphs for 140 lines). */
export function densePage(lines = 140): DisplayDocument {
  const source = "政协委员深入区县调研，听取群众意见，提出建议。".repeat(40);
  const items: DisplayItem[] = [];
  const perColumn = Math.ceil(lines / 2);
  for (let i = 0; i < lines; i++) {
    const col = Math.floor(i / perColumn);
    const row = i % perColumn;
    const start = (i * 7) % (source.length - 43);
    items.push(textRun(SERIF, 9, source.slice(start, start + 43), 30 + col * 400, 40 + row * 15));
  }
  return {
    title: "dense",
    paper: "重庆政协报",
    date: "2024-11-27",
    pages: [{ number: 1, name: "要闻", trimWidth: 842, trimHeight: 1191, bleed: 8.5, items }],
  };
}
