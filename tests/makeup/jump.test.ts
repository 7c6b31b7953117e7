/**
 * Jumps (转版, issue 15): a story continued on another page of the edition. Page numbers in
 * both directions, as set in the PDF and in the report; the continuation's overset is the
 * story's; the copy appears exactly once across the parts; bad chains refused with one line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PaibanError } from "../../src/common/diagnostics.js";
import type { DisplayPage, GlyphRun } from "../../src/display/types.js";
import { chineseNumeral } from "../../src/makeup/jump.js";
import { loadLayout } from "../../src/pipeline/load.js";
import { render } from "../../src/pipeline/render.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const Q = path.join(root, "samples/quxian/");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-jump-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PAGE = {
  trim: "对开",
  bleed: "3mm",
  typeArea: { top: "30mm", left: "25mm" },
  grid: { columns: 9, columnWidth: "11em", gutter: "1em", bodySize: "小五", linePitch: "13.5pt", lines: 105 },
};

type Item = Record<string, unknown>;

/** An edition of pages 1, 2 and 4: "lead" on page 1 jumps to "lead-jump" on page 4, "jiangbei" on page 4 back to page 2. */
function edition(o: { contLines?: number; lead?: Item; cont?: Item; page2?: Item[]; page4?: Item[] } = {}) {
  return {
    paper: "重庆政协报",
    date: "2024-11-27",
    page: PAGE,
    pages: [
      {
        number: 1,
        name: "要闻",
        items: [
          { type: "story", id: "lead", copy: Q + "lead.md", area: { column: 1, span: 6, line: 30, lines: 30 }, columns: 3, measure: "23em", headline: { lines: 9 }, continuedIn: "lead-jump", ...o.lead },
        ],
      },
      { number: 2, name: "综合", items: o.page2 ?? [] },
      {
        number: 4,
        name: "区县",
        items: [
          { type: "story", id: "lead-jump", area: { column: 1, span: 6, line: 1, lines: o.contLines ?? 26 }, columns: 3, measure: "23em", headline: { lines: 3 }, ...o.cont },
          ...(o.page4 ?? []),
        ],
      },
    ],
  };
}

let n = 0;
function write(layout: unknown): string {
  const file = path.join(tmp, `jump-${++n}.json`);
  fs.writeFileSync(file, JSON.stringify(layout, null, 1));
  return file;
}

/** Text of one page of a PDF through pdfjs-dist, whitespace removed. */
async function pageTexts(pdfFile: string): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(pdfFile)), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ("str" in i ? i.str : "")).join("").replace(/[\s\u3000]+/gu, ""));
  }
  await pdf.destroy();
  return pages;
}

const runs = (page: DisplayPage, itemId: string, roles: string[]) =>
  page.items.filter((i): i is GlyphRun => i.kind === "glyphs" && i.itemId === itemId && roles.includes(i.role ?? ""));
const textOf = (rs: GlyphRun[]) => rs.map((r) => r.glyphs.map((g) => g.text).join("")).join("");
const squeeze = (s: string) => s.replace(/[\s\u3000]+/gu, "");

async function errorOf(layout: unknown): Promise<string> {
  const file = write(layout);
  try {
    await loadLayout(file);
  } catch (err) {
    expect(err).toBeInstanceOf(PaibanError);
    const text = (err as PaibanError).format();
    expect(text.split("\n")).toHaveLength(1);
    return text.replace(`${file}: `, "").replace(/ \(line \d+, column \d+\)$/, "");
  }
  throw new Error("the layout loaded without an error");
}

describe("jumps (转版)", () => {
  const backwards = {
    page2: [{ type: "story", id: "jiangbei-jump", area: { column: 1, span: 6, line: 1, lines: 20 }, columns: 3, measure: "23em" }],
    page4: [
      { type: "story", id: "jiangbei", copy: Q + "jiangbei.md", area: { column: 1, span: 6, line: 40, lines: 20 }, columns: 3, measure: "23em", headline: { lines: 8 }, continuedIn: "jiangbei-jump" },
    ],
  };

  it("a jump with the right page numbers in both directions: in the PDF's text and, exactly, in the report", async () => {
    const layout = write(edition(backwards));
    const out = path.join(tmp, "both.pdf");
    const reportFile = path.join(tmp, "both.report.json");
    const r = await render({ layout, mode: "print", out, report: reportFile, workers: 0 });
    const text = await pageTexts(out);
    // Forwards: page 1 → page 4.
    expect(text[0]).toContain("（下转第4版）");
    expect(text[2]).toContain("（上接第1版）");
    // Backwards: page 4 → page 2.
    expect(text[2]).toContain("（下转第2版）");
    expect(text[1]).toContain("（上接第4版）");
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as typeof r.report;
    const lead = report.stories.find((s) => s.id === "lead")!;
    expect(lead.parts!.map((p) => ({ id: p.id, page: p.page, jumpFrom: p.jumpFrom, jumpTo: p.jumpTo }))).toEqual([
      { id: "lead", page: 1, jumpFrom: undefined, jumpTo: "（下转第4版）" },
      { id: "lead-jump", page: 4, jumpFrom: "（上接第1版）", jumpTo: undefined },
    ]);
    const jiangbei = report.stories.find((s) => s.id === "jiangbei")!;
    expect(jiangbei.parts!.map((p) => [p.id, p.page, p.jumpFrom ?? p.jumpTo])).toEqual([
      ["jiangbei", 4, "（下转第2版）"],
      ["jiangbei-jump", 2, "（上接第4版）"],
    ]);
    // The first part ends full: every column of it filled to the jump line.
    const first = lead.parts![0]!;
    expect(first.frames.map((f) => f.used)).toEqual(first.frames.map((f) => f.lines));
    // The jump lines stand on their own grid lines, 下转 flush right at the foot of the first
    // part's last column, 上接 flush left at the head of the continuation's first.
    const page1 = r.document.pages[0]!;
    const to = runs(page1, "lead", ["jump"]);
    expect(textOf(to)).toBe("（下转第4版）");
    const lastFrame = first.frames[first.frames.length - 1]!;
    // The closing bracket ends the line, its half-em blank dropped at the line end (GB/T 15834 5.1.10).
    const lastRun = to[to.length - 1]!;
    const close = lastRun.glyphs[lastRun.glyphs.length - 1]!;
    expect(close.text).toBe("）");
    expect(lastRun.x + close.x).toBeCloseTo(lastFrame.x + lastFrame.width - 0.5 * lastRun.size, 1);
    const foot = lastFrame.y + lastFrame.height; // the jump line's grid line lies just below the text frame
    expect(to[0]!.y).toBeGreaterThan(foot);
    expect(to[0]!.y).toBeLessThan(foot + 13.5);
    const page4 = r.document.pages[2]!;
    const from = runs(page4, "lead-jump", ["jump"]);
    expect(textOf(from)).toBe("（上接第1版）");
    const contFirst = lead.parts![1]!.frames[0]!;
    expect(from[0]!.x).toBeCloseTo(contFirst.x, 1);
    expect(from[0]!.y).toBeLessThan(contFirst.y);
    expect(from[0]!.y).toBeGreaterThan(contFirst.y - 13.5);
    // Each story once in the flat list; each page lists what is on it.
    expect(report.stories.map((s) => s.id)).toEqual(["lead", "jiangbei"]);
    expect(report.pages.map((p) => p.stories.map((s) => [s.id, s.partOf ?? null]))).toEqual([
      [["lead", null]],
      [["jiangbei-jump", "jiangbei"]],
      [["lead-jump", "lead"], ["jiangbei", null]],
    ]);
    // The continuation repeats the title, smaller (the 转版 heading).
    expect(textOf(runs(page4, "lead-jump", ["title"]))).toBe("把学习成效转化为履职的生动实践");
    expect(runs(page4, "lead-jump", ["title"])[0]!.size).toBe(14);
    // On worker threads the pages a jump joins go to one worker together (pages 1 and 4), page 2
    // to another: the same PDF.
    const plain = write(edition({ page2: [{ type: "story", id: "rongchang", copy: Q + "rongchang.md", area: { column: 1, span: 6, line: 1, lines: 25 }, columns: 3, measure: "23em" }] }));
    await render({ layout: plain, mode: "print", out: path.join(tmp, "one.pdf"), workers: 0 });
    const w = await render({ layout: plain, mode: "print", out: path.join(tmp, "one-w.pdf"), workers: 2 });
    expect(w.workers).toBe(2);
    expect(fs.readFileSync(path.join(tmp, "one-w.pdf")).equals(fs.readFileSync(path.join(tmp, "one.pdf")))).toBe(true);
  });

  it("all of the story's copy appears exactly once across its two parts (compared character by character)", async () => {
    const r = await render({ layout: write(edition()), mode: "proof", out: path.join(tmp, "once.pdf"), proofTime: "test", workers: 0 });
    const { edition: spec } = await loadLayout(write(edition()));
    const copy = (spec.pages[0]!.items[0] as { copy: { paragraphs: string[]; credit?: string } }).copy;
    const lead = r.report.stories.find((s) => s.id === "lead")!;
    expect(lead.overset.lines).toBe(0);
    expect(lead.parts!.every((p) => p.lines > 0)).toBe(true);
    const set = textOf(runs(r.document.pages[0]!, "lead", ["body"])) + textOf(runs(r.document.pages[2]!, "lead-jump", ["body"]));
    expect(squeeze(set)).toBe(squeeze(copy.paragraphs.join("")));
    // The credit closes the story in its last part.
    expect(squeeze(textOf(runs(r.document.pages[2]!, "lead-jump", ["credit"])))).toBe(squeeze(copy.credit!));
    expect(runs(r.document.pages[0]!, "lead", ["credit"])).toHaveLength(0);
  });

  it("a jump whose continuation is overset: the overset is the story's, reported once", async () => {
    const r = await render({ layout: write(edition({ contLines: 10 })), mode: "proof", out: path.join(tmp, "over.pdf"), proofTime: "test", workers: 0 });
    const lead = r.report.stories.find((s) => s.id === "lead")!;
    expect(lead.overset.lines).toBeGreaterThan(0);
    expect(lead.copyfit!.editor).toBe(`cut ${lead.overset.chars} 字`);
    const messages = r.report.warnings.filter((w) => w.code === "overset").map((w) => w.message);
    expect(messages).toEqual([
      `lead: ${lead.overset.lines} lines (${lead.overset.chars} characters) do not fit in its last part, lead-jump on page 4; cut the copy or give the story more room`,
    ]);
    // Counted once in the summary, with the story; flagged in the proof on the continuation's page.
    expect(r.summary.map((s) => s.oversetLines)).toEqual([lead.overset.lines, 0, 0]);
    const flags = r.document.pages.map((p) => p.items.filter((i) => i.kind === "proof-mark" && i.reason === "overset").length);
    expect(flags).toEqual([0, 0, 1]);
    expect(r.report.pages[2]!.stories[0]).toMatchObject({ id: "lead-jump", partOf: "lead", overset: lead.overset });
  });

  it("takes the jump lines' wording and numerals from the house style", () => {
    expect(["1", "2", "10", "12", "20", "105", "110", "999"].map((s) => chineseNumeral(Number(s)))).toEqual(["一", "二", "十", "十二", "二十", "一百零五", "一百一十", "九百九十九"]);
  });
});

describe("jumps (转版): bad chains refused with one line", () => {
  it("a looping chain", async () => {
    const layout = edition({
      cont: { continuedIn: "lead-more" },
      page2: [{ type: "story", id: "lead-more", area: { column: 1, span: 6, line: 1, lines: 20 }, columns: 3, measure: "23em", continuedIn: "lead-jump" }],
    });
    expect(await errorOf(layout)).toBe("pages[1].items[0].continuedIn: the continuation chain loops: lead-more → lead-jump → lead-more; a chain ends in a continuation that names none");
    const back = edition({ cont: { continuedIn: "lead" } });
    expect(await errorOf(back)).toBe("pages[0].items[0].continuedIn: the continuation chain loops: lead → lead-jump → lead; a chain ends in a continuation that names none");
  });

  it("a missing target, with a did-you-mean", async () => {
    expect(await errorOf(edition({ lead: { continuedIn: "lead-jum" } }))).toBe(
      'pages[0].items[0].continuedIn: "lead-jum" is not an item of this edition; did you mean "lead-jump"?',
    );
  });

  it("a target that is not a story, has copy, is already continued, or is on the same page", async () => {
    const photo = { type: "photo", id: "pic", image: path.join(root, "tests/fixtures/layout/photo.jpg"), area: { column: 7, span: 3, line: 1, lines: 10 } };
    expect(await errorOf(edition({ lead: { continuedIn: "pic" }, page4: [photo] }))).toBe(
      'pages[0].items[0].continuedIn: "pic" (pages[2].items[1]) is a photo, not a story: a story continues in a story item',
    );
    expect(await errorOf(edition({ cont: { copy: Q + "rongchang.md" } }))).toBe(
      'pages[0].items[0].continuedIn: "lead-jump" (pages[2].items[0]) has copy of its own; a continuation has none: it takes what does not fit in the part before it (remove its "copy")',
    );
    const twice = { type: "story", id: "other", copy: Q + "rongchang.md", area: { column: 1, span: 6, line: 60, lines: 20 }, columns: 3, measure: "23em", continuedIn: "lead-jump" };
    const layout = edition();
    layout.pages[0]!.items.push(twice);
    expect(await errorOf(layout)).toBe('pages[0].items[1].continuedIn: "lead-jump" already continues "lead" (pages[0].items[0]); a continuation continues one story');
    const same = edition();
    same.pages[0]!.items.push({ type: "story", id: "here", area: { column: 1, span: 6, line: 70, lines: 20 }, columns: 3, measure: "23em" } as never);
    (same.pages[0]!.items[0] as Item).continuedIn = "here";
    expect(await errorOf(same)).toBe(
      'pages[0].items[0].continuedIn: "here" is on the same page (第1版): a jump goes to another page; to run a story on in the same page, give it a stepped area (a list of rectangles)',
    );
  });

  it("a story with no copy that continues nothing, a continuation's own body, another measure", async () => {
    const layout = edition();
    delete (layout.pages[0]!.items[0] as Item).continuedIn;
    expect(await errorOf(layout)).toBe('pages[2].items[0].copy: missing: a story needs "copy" (a copy file), unless it is the continuation another story\'s "continuedIn" names');
    expect(await errorOf(edition({ cont: { body: { size: "五号" } } }))).toBe('pages[2].items[0].body: "body" belongs to the story: a continuation is set as its story "lead" is (give "body" there)');
    const pitch = edition();
    (pitch.pages[2] as Item).page = { grid: { linePitch: "14pt", lines: 100 } };
    expect(await errorOf(pitch)).toBe('pages[2].items[0].area: a continuation is set on its story\'s grid: this page\'s line pitch is 14 pt, that of "lead" (page 1) 13.5 pt');
    expect(await errorOf(edition({ cont: { measure: "20em" } }))).toBe(
      'pages[2].items[0].measure: a continuation is set at its story\'s measure: "lead" (pages[0].items[0]) is set at 23 em, this part at 20 em; give both the same "measure", or none here',
    );
  });
});
