// Makes docs/copyfit.png, the README's picture of copyfit (撑行): one paragraph of the sample
// (荣昌's fourth, which copyfit loosens on the sample page) at its tight setting beside the same
// paragraph set a line longer, as make-up sets them (fitVariants, 23 em of 9 pt Song), with
// hairlines at the measure. Rendered by paiban's PDF writer, rasterised at 300 dpi by poppler's
// pdftoppm and cropped with sharp.
// Run after `npm run build`: node scripts/copyfit-picture.mjs [out.png]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = (p) => path.join(root, "dist", p);
(await import(dist("pipeline/fast-paths.js"))).installFastPaths();
const { FontStore } = await import(dist("fonts/store.js"));
const { makeFontMap } = await import(dist("fonts/fontmap.js"));
const { composeParagraph } = await import(dist("typeset/compose.js"));
const { fitVariants } = await import(dist("typeset/fit.js"));
const { lineRuns } = await import(dist("makeup/runs.js"));
const { writePdf } = await import(dist("render/pdf.js"));

const out = path.resolve(process.argv[2] ?? path.join(root, "docs/copyfit.png"));
const seed = JSON.parse(fs.readFileSync(path.join(root, "samples/seed/copy.json"), "utf8"));
const text = seed.stories.find((s) => s.id === "rongchang").paragraphs[3];

const SIZE = 9;
const MEASURE = 23;
const PITCH = 13.5;
const MARGIN = 12;
const GAP = 3 * SIZE;
const LABEL = 7;
const width = MEASURE * SIZE;

const store = new FontStore();
try {
  const fonts = makeFontMap({}, store);
  const song = [store.open(fonts.resolve("song", "regular").font)];
  const fits = fitVariants(text, song, { measure: MEASURE, size: SIZE, indent: 2 });
  const loose = fits.variant(+1);
  if (!loose) throw new Error("copyfit-picture: the paragraph has no setting a line longer");
  const em = loose.cost.maxPerGap.toFixed(3);
  const columns = [
    { label: `原样：${fits.lines} 行`, paragraph: fits.natural },
    { label: `撑行 +1：${fits.lines + 1} 行，每字距至多 +${em} em`, paragraph: loose.paragraph },
  ];
  const items = [];
  const top = MARGIN + PITCH;
  const height = top + (fits.lines + 1) * PITCH + MARGIN;
  columns.forEach((c, k) => {
    const x = MARGIN + k * (width + GAP);
    const label = composeParagraph(c.label, song, { measure: MEASURE * (SIZE / LABEL), size: LABEL, indent: 0 });
    items.push(...lineRuns(label.lines[0], label.faces, { x, y: MARGIN + LABEL * 0.88, size: LABEL, color: { c: 0, m: 0, y: 0, k: 70 } }));
    for (const edge of [x, x + width]) {
      items.push({ kind: "rule", x1: edge, y1: top, x2: edge, y2: top + (fits.lines + 1) * PITCH, weight: 0.25, style: "solid", color: { c: 0, m: 60, y: 0, k: 0 } });
    }
    c.paragraph.lines.forEach((line, n) => {
      items.push(...lineRuns(line, c.paragraph.faces, { x, y: top + n * PITCH + (PITCH - SIZE) / 2 + SIZE * 0.88, size: SIZE }));
    });
  });
  const doc = {
    title: "paiban copyfit",
    paper: "copyfit",
    date: "2000-01-01",
    pages: [{ number: 1, name: "copyfit", trimWidth: 2 * MARGIN + 2 * width + GAP, trimHeight: height, bleed: 0, items }],
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-copyfit-picture-"));
  try {
    const pdf = path.join(dir, "copyfit.pdf");
    await writePdf(doc, { out: pdf, mode: "print", fonts: store });
    // The trim box only (print mode adds nothing inside it).
    const box = execFileSync("pdfinfo", ["-box", pdf], { encoding: "utf8" });
    const media = /MediaBox:\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)/.exec(box);
    const trim = /TrimBox:\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)\s+([\d.-]+)/.exec(box);
    const dpi = 300;
    const px = (pt) => Math.round((pt * dpi) / 72);
    const [mx1, , , my2] = media.slice(1).map(Number);
    const [tx1, ty1, tx2, ty2] = trim.slice(1).map(Number);
    execFileSync("pdftoppm", ["-r", String(dpi), "-png", "-singlefile", "-x", String(px(tx1 - mx1)), "-y", String(px(my2 - ty2)), "-W", String(px(tx2 - tx1)), "-H", String(px(ty2 - ty1)), pdf, path.join(dir, "page")]);
    await sharp(path.join(dir, "page.png")).png({ compressionLevel: 9 }).toFile(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${path.relative(root, out)}: ${fits.lines} lines tight, ${fits.lines + 1} loosened (+${em} em per gap at most)`);
} finally {
  store.close();
}
