/**
 * Generators for fuzzing the pipeline, shared by the short run in `npm test`
 * (tests/fuzz/pipeline.test.ts, on src/) and the long, seedable run (bench/fuzz.mjs, on dist/).
 * Plain JavaScript so both can import it.
 *
 * A case is a layout (mostly valid, sometimes slightly broken: a key dropped, a number where a
 * string belongs, an area off the grid), its copy files and a mode. Running a case must end in
 * a PDF or a PaibanError, never another exception, within a time bound.
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const IDEOGRAPHS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年报区县政协委员会议记者新闻发展经济建设";
const LATIN = "abcdefghijklmnopqrstuvwxyzABCXYZ";
const DIGITS = "0123456789";
const MARKS = "，。、；：？！“”‘’（）《》〈〉「」【】·—…～／%℃$¥#";
const SPACES = [" ", "\u3000", "\t", "  "];
const RARE = ["𠀀", "😀", "\u0301", "م", "\u200b", "\u00a0", "\ufeff", "\u0007"];

/** One run of copy: characters of one kind, sometimes very long (a run of marks, a long number). */
export function copyRun(fc) {
  const from = (s) => fc.constantFrom(...[...s]);
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(from(IDEOGRAPHS), { minLength: 1, maxLength: 40 }).map((a) => a.join("")) },
    { weight: 2, arbitrary: fc.array(from(LATIN), { minLength: 1, maxLength: 30 }).map((a) => a.join("")) },
    { weight: 2, arbitrary: fc.array(from(DIGITS + ".,"), { minLength: 1, maxLength: 40 }).map((a) => a.join("")) },
    { weight: 3, arbitrary: fc.array(from(MARKS), { minLength: 1, maxLength: 30 }).map((a) => a.join("")) },
    { weight: 1, arbitrary: fc.tuple(from(MARKS + "——……"), fc.integer({ min: 2, max: 200 })).map(([c, n]) => c.repeat(n)) },
    { weight: 2, arbitrary: fc.constantFrom(...SPACES) },
    { weight: 1, arbitrary: fc.constantFrom(...RARE) },
    { weight: 1, arbitrary: fc.constantFrom("\n", "\n\n", "\r\n") },
  );
}

export function copyText(fc, maxRuns = 30) {
  return fc.array(copyRun(fc), { minLength: 0, maxLength: maxRuns }).map((a) => a.join(""));
}

/** A copy file: optional front matter, then the body. */
export function copyFile(fc) {
  const line = copyText(fc, 4).map((s) => s.replace(/[\r\n]+/g, " "));
  return fc
    .record({
      title: fc.option(line, { nil: undefined }),
      kicker: fc.option(line, { nil: undefined }),
      byline: fc.option(line, { nil: undefined }),
      credit: fc.option(line, { nil: undefined }),
      body: copyText(fc),
    })
    .map(({ body, ...front }) => {
      const keys = Object.entries(front).filter(([, v]) => v !== undefined);
      // JSON strings are valid YAML scalars: any text survives the front matter.
      const head = keys.length ? `---\n${keys.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join("\n")}\n---\n` : "";
      return head + body;
    });
}

const len = (fc, unit, min, max) => fc.integer({ min, max }).map((n) => `${n}${unit}`);

function textStyle(fc) {
  return fc.record(
    {
      font: fc.constantFrom("song", "hei", "kai", "fangsong"),
      weight: fc.constantFrom("regular", "bold"),
      size: fc.constantFrom("小五", "五号", "一号", "六号", "9pt", "4pt", "40pt"),
      tracking: fc.constantFrom("0em", "0.5em", "-0.1em"),
    },
    { requiredKeys: [] },
  );
}

function bodyStyle(fc) {
  return fc.record(
    {
      font: fc.constantFrom("song", "hei", "kai"),
      size: fc.constantFrom("小五", "五号", "9pt", "6pt", "14pt"),
      indent: fc.constantFrom("0em", "2em", "5em"),
      punctuation: fc.constantFrom("kaiming", "quanjiao", "banjiao", "hangmo"),
      kinsoku: fc.constantFrom("basic", "gb", "strict"),
      tracking: fc.constantFrom("0em", "0.25em"),
    },
    { requiredKeys: [] },
  );
}

/** A grid rectangle: mostly on the grid, now and then reaching past it. */
function rect(fc, cols, lines) {
  const inside = fc
    .record({ column: fc.integer({ min: 1, max: cols }), line: fc.integer({ min: 1, max: lines }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ column, line, a, b }) => ({ column, span: 1 + Math.floor(a * (cols - column + 1) * 0.999), line, lines: 1 + Math.floor(b * (lines - line + 1) * 0.999) }));
  const loose = fc.record({
    column: fc.integer({ min: 1, max: cols + 1 }),
    span: fc.integer({ min: 1, max: Math.max(1, cols) }),
    line: fc.integer({ min: 1, max: lines + 1 }),
    lines: fc.integer({ min: 1, max: Math.max(1, lines) }),
  });
  return fc.oneof({ weight: 9, arbitrary: inside }, { weight: 1, arbitrary: loose });
}

function item(fc, cols, lines, k) {
  const story = fc.record(
    {
      type: fc.constant("story"),
      id: fc.constant(`s${k}`),
      copy: fc.constant(`copy${k}.md`),
      area: fc.oneof(rect(fc, cols, lines), fc.array(rect(fc, cols, lines), { minLength: 1, maxLength: 3 })),
      columns: fc.integer({ min: 1, max: 4 }),
      measure: len(fc, "em", 1, 24),
      headline: fc.record({ lines: fc.integer({ min: 1, max: 12 }), span: fc.integer({ min: 1, max: 3 }), align: fc.constantFrom("center", "left"), title: textStyle(fc) }, { requiredKeys: [] }),
      body: bodyStyle(fc),
      byline: textStyle(fc),
    },
    { requiredKeys: ["type", "id", "copy", "area"] },
  );
  const photo = fc.record(
    {
      type: fc.constant("photo"),
      id: fc.constant(`p${k}`),
      image: fc.constantFrom("photo.jpg", "photo.png"),
      area: rect(fc, cols, lines),
      fit: fc.constantFrom("fill", "fit"),
      focus: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      label: fc.constantFrom("", "图片新闻", "一个很长很长很长很长很长很长很长很长的标签"),
      caption: fc.record({ copy: fc.constant(`copy${k}.md`), position: fc.constantFrom("right", "left", "below"), measure: len(fc, "em", 1, 20) }, { requiredKeys: ["copy"] }),
    },
    { requiredKeys: ["type", "id", "image", "area"] },
  );
  const sidebar = fc.record(
    {
      type: fc.constant("sidebar"),
      id: fc.constant(`b${k}`),
      area: rect(fc, cols, lines),
      title: fc.constantFrom("", "区县快递", "快"),
      border: fc.constantFrom("plain", "double", "flower"),
      borderWeight: fc.constantFrom("0.5pt", "3pt"),
      padding: fc.constantFrom("0pt", "5pt", "2em"),
      columns: fc.integer({ min: 1, max: 3 }),
      dateline: fc.constantFrom("本报讯", ""),
      items: fc.array(fc.constant(`copy${k}.md`), { minLength: 1, maxLength: 3 }),
    },
    { requiredKeys: ["type", "id", "area", "title", "items"] },
  );
  const rule = fc.record(
    {
      type: fc.constant("rule"),
      orientation: fc.constantFrom("vertical", "horizontal"),
      column: fc.integer({ min: 1, max: cols + 1 }),
      line: fc.integer({ min: 1, max: lines + 1 }),
      lines: fc.integer({ min: 1, max: lines }),
      span: fc.integer({ min: 1, max: cols }),
      style: fc.constantFrom("solid", "double", "dashed", "dotted", "wavy"),
    },
    { requiredKeys: ["type", "orientation", "column", "line"] },
  );
  const any = fc.oneof({ weight: 4, arbitrary: story }, { weight: 2, arbitrary: photo }, { weight: 2, arbitrary: sidebar }, { weight: 1, arbitrary: rule });
  // Mostly tidied into something the layout accepts, so that make-up and the PDF writer see
  // many cases; the rest keep their loose keys and test the refusals.
  return fc.tuple(any, fc.integer({ min: 0, max: 9 })).map(([it, dice]) => (dice < 8 ? tidy(it) : it));
}

function tidy(it) {
  const first = Array.isArray(it.area) ? it.area[0] : it.area;
  if (it.type === "story") {
    delete it.measure;
    if (it.columns) it.columns = Math.min(it.columns, first.span);
    // A headline block that leaves the area room for text (copy with a title needs one).
    if (first.lines > 1) it.headline = { ...(it.headline ?? {}), lines: Math.min(it.headline?.lines ?? 3, first.lines - 1) };
    if (it.headline) {
      if (it.headline.lines !== undefined) it.headline.lines = Math.min(it.headline.lines, first.lines - 1);
      if (it.headline.lines === 0) delete it.headline;
      else if (it.headline.span !== undefined) it.headline.span = Math.min(it.headline.span, it.columns ?? first.span);
    }
  } else if (it.type === "sidebar") {
    it.columns = 1;
    delete it.padding;
  } else if (it.type === "photo") {
    if (it.caption) delete it.caption.measure;
  } else if (it.type === "rule") {
    if (it.orientation === "vertical") delete it.span;
    else delete it.lines;
  }
  return it;
}

/** Slight breakage: drop a key, swap a type, empty a list. Applied to a deep copy. */
function breakIt(fc) {
  const broken = fc.constantFrom(
    (l) => delete l.paper,
    (l) => (l.page.grid.columns = "4"),
    (l) => (l.page.grid.lines = 0),
    (l) => (l.page.grid.linePitch = "-3pt"),
    (l) => (l.items = {}),
    (l) => l.items.length && delete l.items[0].area,
    (l) => l.items.length && (l.items[0].type = "stroy"),
    (l) => (l.page.trim = "八开"),
    (l) => (l.date = "2024-02-30"),
  );
  return fc.oneof({ weight: 17, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: broken });
}

const SIZE_PT = { 小五: 9, 五号: 10.5, "9pt": 9, "6pt": 6, "12pt": 12 };
const MM = 72 / 25.4;
const fitWidth = (g) => (g.columns * g.columnWidth * SIZE_PT[g.bodySize] + (g.columns - 1) * parseFloat(g.gutter) * SIZE_PT[g.bodySize]) / MM + 8;
const fitHeight = (g) => (g.lines * parseFloat(g.pitch)) / MM + 12;

/** A whole case: layout, copy files, mode. */
export function fuzzCase(fc) {
  return fc
    .record({
      columns: fc.integer({ min: 1, max: 10 }),
      lines: fc.integer({ min: 1, max: 60 }),
      columnWidth: fc.integer({ min: 1, max: 14 }),
      gutter: fc.constantFrom("0em", "0.5em", "1em", "2em"),
      bodySize: fc.constantFrom("小五", "五号", "9pt", "6pt", "12pt"),
      pitch: fc.constantFrom("13.5pt", "9pt", "20pt", "1pt"),
      trimW: fc.integer({ min: 60, max: 420 }),
      trimH: fc.integer({ min: 60, max: 560 }),
      runningHead: fc.option(fc.record({ pageName: fc.constantFrom("", "区县", "要闻"), editor: fc.constantFrom("", "责任编辑 张三") }, { requiredKeys: [] }), { nil: undefined }),
      mode: fc.constantFrom("proof", "proof", "print"),
      seedItems: fc.integer({ min: 0, max: 4 }),
      fitTrim: fc.constantFrom(true, true, true, true, false),
    })
    .chain((g) =>
      fc.record({
        g: fc.constant(g),
        items: fc.tuple(...Array.from({ length: g.seedItems }, (_, k) => item(fc, g.columns, g.lines, k))),
        copies: fc.array(copyFile(fc), { minLength: g.seedItems, maxLength: g.seedItems }),
        breakage: breakIt(fc),
      }),
    )
    .map(({ g, items, copies, breakage }) => {
      const layout = {
        paper: "测试报",
        date: "2024-11-27",
        page: {
          // Mostly a trim the type area fits in (pt → mm, margins added); now and then a random one.
          trim: g.fitTrim ? { width: `${Math.ceil(fitWidth(g) + 20)}mm`, height: `${Math.ceil(fitHeight(g) + 20)}mm` } : { width: `${g.trimW}mm`, height: `${g.trimH}mm` },
          bleed: "3mm",
          typeArea: { top: "12mm", left: "8mm" },
          grid: { columns: g.columns, columnWidth: `${g.columnWidth}em`, gutter: g.gutter, bodySize: g.bodySize, linePitch: g.pitch, lines: g.lines },
        },
        ...(g.runningHead ? { runningHead: g.runningHead } : {}),
        items,
      };
      if (breakage) breakage(layout);
      return { layout, copies, mode: g.mode };
    });
}

/** Small photos every case may name (written once per folder). */
export async function writeImages(dir, sharp) {
  if (!existsSync(join(dir, "photo.jpg"))) {
    await sharp({ create: { width: 240, height: 160, channels: 3, background: "#7a6040" } }).jpeg().toFile(join(dir, "photo.jpg"));
    await sharp({ create: { width: 120, height: 200, channels: 4, background: { r: 200, g: 10, b: 10, alpha: 0.5 } } }).png().toFile(join(dir, "photo.png"));
  }
}

/**
 * Run one case in-process: write it into `dir`, lay it out, write the PDF. Returns
 * { outcome: "pdf" | "refused", message?, ms } or throws what the pipeline threw when it was
 * not a PaibanError (a crash).
 */
export async function runCase(c, dir, { layOut, writePdf, PaibanError }, cacheDir) {
  mkdirSync(dir, { recursive: true });
  c.copies.forEach((text, k) => writeFileSync(join(dir, `copy${k}.md`), text));
  const file = join(dir, "layout.json");
  writeFileSync(file, JSON.stringify(c.layout));
  const out = join(dir, "out.pdf");
  rmSync(out, { force: true });
  const started = performance.now();
  try {
    const { document } = await layOut(file);
    await writePdf(document, { out, mode: c.mode, proofTime: "fuzz", cacheDir });
    const head = readFileSync(out).subarray(0, 5).toString("latin1");
    if (head !== "%PDF-") throw new Error(`the output does not start with %PDF- but ${JSON.stringify(head)}`);
    return { outcome: "pdf", ms: performance.now() - started };
  } catch (err) {
    if (err instanceof PaibanError) return { outcome: "refused", message: err.format(), ms: performance.now() - started };
    throw err;
  }
}
