/**
 * The bad-input table: one row per odd or broken input, each with what the user gets. The
 * test (table.test.ts) runs the real CLI on every row; the README's "Bad input" section is written from
 * the same rows (PAIBAN_WRITE_TABLE=1 npx vitest run tests/bad-input).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import {
  AREA,
  cmykJpegs,
  COPY,
  encodeGbk,
  hasAdobe,
  jpeg,
  page,
  pdfImages,
  photo,
  pngClaiming,
  pngWithAlpha,
  story,
  writeLayout,
} from "./fixtures.js";
import { LATIN_BOLD, LATIN_REGULAR, makeCollection } from "./fonts.js";
import { HOSTILE_ROWS } from "./rows-hostile.js";
import { JUMP_ROWS } from "./rows-jump.js";
import { PREFLIGHT_ROWS } from "./rows-preflight.js";
import { PROFILE_ROWS } from "./rows-profile.js";
import { VERTICAL_ROWS } from "./rows-vertical.js";
import { RUNAROUND_ROWS } from "./rows-runaround.js";
import { expectRefused, expectRendered, type RunResult } from "./run.js";

export type Outcome = "refused" | "usage" | "warned" | "clean";

export interface Row {
  group: string;
  input: string;
  /** What the user gets, for the README. */
  gets: string;
  outcome: Outcome;
  /** The command (default render); only render gets `--out`. */
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  /** The check bounds the run's time: run it alone. */
  timed?: boolean;
  /** Output path (default out/page.pdf, where the "previous" PDF stands). */
  out?: string;
  setup(dir: string): Promise<string[] | void> | string[] | void;
  check(r: RunResult): Promise<void> | void;
}

const base = () => page([story()]);
const layoutWith = (mutate: (l: Record<string, any>) => void) => (dir: string) => {
  const l = base() as Record<string, any>;
  mutate(l);
  writeLayout(dir, l);
};
const refused = (re: RegExp) => (r: RunResult) => expectRefused(r, re);
const withCopy = (bytes: Buffer | string, more: (l: Record<string, any>) => void = () => {}) => (dir: string) => {
  writeLayout(dir, base());
  writeFileSync(join(dir, "story.md"), bytes);
  const l = base() as Record<string, any>;
  more(l);
  writeFileSync(join(dir, "layout.json"), JSON.stringify(l));
};
const warning = (report: ReturnType<typeof expectRendered>, code: string) => report.warnings.filter((w) => w.code === code);
const missingGlyph = (para: string) => withCopy(`---\ntitle: 标题\n---\n${para}\n`);

const GOOD = JSON.stringify(base(), null, 2);

/** The page rendered and its photo, C 20 % alone, came out a light cyan: red a little down, green and blue near white (not a negative). */
async function expectLightCyanPhoto(r: RunResult): Promise<void> {
  expectRendered(r);
  const [img] = await pdfImages(r.pdf);
  expect(img!.means[0]!).toBeGreaterThan(150);
  expect(img!.means[1]!).toBeGreaterThan(200);
  expect(img!.means[2]!).toBeGreaterThan(200);
}

export const ROWS: Row[] = [
  // ---- the layout file as text -----------------------------------------------------------
  {
    group: "layout JSON",
    input: "layout file does not exist",
    gets: "`layout.json: layout file not found (looked at /abs/path)`",
    outcome: "refused",
    setup: () => ["nope.json"],
    check: refused(/^paiban: nope\.json: layout file not found \(looked at \/.*nope\.json\)$/),
  },
  {
    group: "layout JSON",
    input: "layout path is a folder",
    gets: "`dir: this is a folder, not a layout file`",
    outcome: "refused",
    setup: (dir) => {
      mkdirSync(join(dir, "folder.json"));
      return ["folder.json"];
    },
    check: refused(/^paiban: folder\.json: this is a folder, not a layout file$/),
  },
  {
    group: "layout JSON",
    input: "zero-byte layout file",
    gets: "`layout.json: 1:1: JSON syntax error: the file is empty`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, ""),
    check: refused(/^paiban: layout\.json: 1:1: JSON syntax error: the file is empty: expected a JSON object$/),
  },
  {
    group: "layout JSON",
    input: "truncated layout (cut mid-way)",
    gets: "`layout.json: L:C: JSON syntax error: … found end of file` at the end of the file",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, GOOD.slice(0, GOOD.indexOf('"grid"'))),
    check: refused(new RegExp(`^paiban: layout\\.json: ${GOOD.slice(0, GOOD.indexOf('"grid"')).split("\n").length}:\\d+: JSON syntax error: .*found end of file$`)),
  },
  {
    group: "layout JSON",
    input: "trailing comma",
    gets: "`layout.json: L:C: JSON syntax error: trailing comma before '}'`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, '{\n  "paper": "测试报",\n}\n'),
    check: refused(/^paiban: layout\.json: 3:1: JSON syntax error: trailing comma before '\}'$/),
  },
  {
    group: "layout JSON",
    input: "single-quoted strings",
    gets: "`layout.json: 2:12: JSON syntax error: strings need double quotes`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, "{\n  \"paper\": '测试报'\n}\n"),
    check: refused(/^paiban: layout\.json: 2:12: JSON syntax error: strings need double quotes/),
  },
  {
    group: "layout JSON",
    input: "a // comment",
    gets: "`layout.json: 2:3: JSON syntax error: comments are not allowed`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, '{\n  // the page\n  "paper": "x"\n}\n'),
    check: refused(/^paiban: layout\.json: 2:3: JSON syntax error: comments are not allowed in a JSON layout file$/),
  },
  {
    group: "layout JSON",
    input: "duplicate key",
    gets: '`layout.json: 3:3: JSON syntax error: duplicate key "paper"`',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, '{\n  "paper": "a",\n  "paper": "b"\n}\n'),
    check: refused(/^paiban: layout\.json: 3:3: JSON syntax error: duplicate key "paper"$/),
  },
  {
    group: "layout JSON",
    input: "layout saved as GBK, not UTF-8",
    gets: "`layout.json: layout file is not UTF-8 text; save it as UTF-8`",
    outcome: "refused",
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "layout.json"), encodeGbk(GOOD));
    },
    check: refused(/^paiban: layout\.json: layout file is not UTF-8 text; save it as UTF-8$/),
  },
  {
    group: "layout JSON",
    input: "layout with a UTF-8 BOM and CRLF line ends",
    gets: "renders; the BOM and CR are ignored",
    outcome: "clean",
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "layout.json"), `\uFEFF${GOOD.replace(/\n/g, "\r\n")}`);
    },
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings).toEqual([]);
    },
  },
  {
    group: "layout JSON",
    input: "top level is an array",
    gets: "`layout.json: a layout file is one JSON object …, found an array`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, "[1, 2]\n"),
    check: refused(/^paiban: layout\.json: a layout file is one JSON object .*found an array/),
  },
  // ---- schema violations -----------------------------------------------------------------
  {
    group: "schema",
    input: "required key missing (paper)",
    gets: "`layout.json: paper: missing: expected a string`",
    outcome: "refused",
    setup: layoutWith((l) => delete l.paper),
    check: refused(/^paiban: layout\.json: paper: missing: expected a string \(line 1, column 1\)$/),
  },
  {
    group: "schema",
    input: "misspelt key (itmes)",
    gets: '`layout.json: itmes: unknown key "itmes"; did you mean "items"?`',
    outcome: "refused",
    command: "validate",
    setup: layoutWith((l) => {
      l.itmes = l.items;
      delete l.items;
    }),
    check: refused(/^paiban: layout\.json: itmes: unknown key "itmes"; did you mean "items"\? \(keys here: .*\) \(line \d+, column 3\)$/),
  },
  {
    group: "schema",
    input: "wrong type (columns: \"4\")",
    gets: '`layout.json: page.grid.columns: expected a whole number ≥ 1, found "4"`',
    outcome: "refused",
    setup: layoutWith((l) => (l.page.grid.columns = "4")),
    check: refused(/^paiban: layout\.json: page\.grid\.columns: expected a whole number ≥ 1, found "4" \(line \d+, column \d+\)$/),
  },
  {
    group: "schema",
    input: "unknown enum value (punctuation: kaiming2)",
    gets: '`items[0].body.punctuation: unknown punctuation style "kaiming2"; did you mean "kaiming"?`',
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].body = { punctuation: "kaiming2" })),
    check: refused(/^paiban: layout\.json: items\[0\]\.body\.punctuation: unknown punctuation style "kaiming2"; did you mean "kaiming"\?/),
  },
  {
    group: "schema",
    input: "unknown item type (stroy)",
    gets: '`items[0]: unknown item type "stroy"; did you mean "story"?`',
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].type = "stroy")),
    check: refused(/^paiban: layout\.json: items\[0\](\.type)?: unknown item type "stroy"; did you mean "story"\?/),
  },
  {
    group: "schema",
    input: "length with a unit paiban does not know (3in)",
    gets: "`page.bleed: …` naming the units it takes",
    outcome: "refused",
    setup: layoutWith((l) => (l.page.bleed = "3in")),
    check: refused(/^paiban: layout\.json: page\.bleed: .*3in.*mm/),
  },
  {
    group: "schema",
    input: "bad date (2024-13-45)",
    gets: '`date: expected a date as yyyy-mm-dd …, found "2024-13-45"`',
    outcome: "refused",
    setup: layoutWith((l) => (l.date = "2024-13-45")),
    check: refused(/^paiban: layout\.json: date: expected a date as yyyy-mm-dd \(e\.g\. "2024-11-27"\), found "2024-13-45"/),
  },
  {
    group: "schema",
    input: "CMYK colour out of range ([0, 120, 0, 0])",
    gets: "`…color: a colour is [c, m, y, k] with each 0–100 …`",
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].body = { color: [0, 120, 0, 0] })),
    check: refused(/^paiban: layout\.json: items\[0\]\.body\.color(\[1\])?: .*(0–100|at most 100)/),
  },
  {
    group: "schema",
    input: "tuple of the wrong length (focus: [0.5])",
    gets: "`items[0].focus…: …` naming the focus",
    outcome: "refused",
    setup: async (dir) => {
      writeFileSync(join(dir, "p.jpg"), await jpeg());
      writeLayout(dir, page([photo("p.jpg", { focus: [0.5] })]));
    },
    check: refused(/^paiban: layout\.json: items\[0\]\.focus(\[1\])?: /),
  },
  {
    group: "schema",
    input: "empty item id",
    gets: "`items[0].id: must not be empty`",
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].id = "")),
    check: refused(/^paiban: layout\.json: items\[0\]\.id: must not be empty/),
  },
  {
    group: "schema",
    input: "edition with an empty pages list",
    gets: "`pages: an edition needs at least one page`",
    outcome: "refused",
    setup: layoutWith((l) => {
      delete l.items;
      l.pages = [];
    }),
    check: refused(/^paiban: layout\.json: pages: an edition needs at least one page/),
  },
  {
    group: "schema",
    input: "both items and pages",
    gets: '`pages: give either "items" … or "pages" …, not both`',
    outcome: "refused",
    setup: layoutWith((l) => (l.pages = [{ number: 1, items: [] }])),
    check: refused(/^paiban: layout\.json: pages: give either "items" .* not both/),
  },
  // ---- sizes and the grid ------------------------------------------------------------------
  {
    group: "grid",
    input: "zero columns",
    gets: "`page.grid.columns: must be at least 1, found 0`",
    outcome: "refused",
    setup: layoutWith((l) => (l.page.grid.columns = 0)),
    check: refused(/^paiban: layout\.json: page\.grid\.columns: .*(at least 1|≥ 1).*0/),
  },
  {
    group: "grid",
    input: "negative size (bodySize -9pt)",
    gets: "`page.grid.bodySize: …` (a font size is positive)",
    outcome: "refused",
    setup: layoutWith((l) => (l.page.grid.bodySize = "-9pt")),
    check: refused(/^paiban: layout\.json: page\.grid\.bodySize: .*-9pt/),
  },
  {
    group: "grid",
    input: "zero size (columnWidth 0em)",
    gets: "`page.grid.columnWidth: …` (must be greater than 0)",
    outcome: "refused",
    setup: layoutWith((l) => (l.page.grid.columnWidth = "0em")),
    check: refused(/^paiban: layout\.json: page\.grid\.columnWidth: .*0em/),
  },
  {
    group: "grid",
    input: "zero text columns in a story (columns: 0)",
    gets: "`items[0].columns: must be at least 1, found 0`",
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].columns = 0)),
    check: refused(/^paiban: layout\.json: items\[0\]\.columns: .*(at least 1|≥ 1).*0/),
  },
  {
    group: "grid",
    input: "area reaching beyond the grid (span 9 of 4)",
    gets: "`items[0].area.span: span 9 from column 1 reaches column 9, beyond the grid's 4 columns; at most 4 fit here`",
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].area = { ...AREA, span: 9 })),
    check: refused(/^paiban: layout\.json: items\[0\]\.area\.span: span 9 from column 1 reaches column 9, beyond the grid's 4 columns; at most 4 fit here/),
  },
  {
    group: "grid",
    input: "type area larger than the trim",
    gets: "`page.grid.lines: the type area does not fit the trim: top … + 100 lines × 13.5 pt = … pt, but the trim is … pt high`",
    outcome: "refused",
    setup: layoutWith((l) => (l.page.grid.lines = 100)),
    check: refused(/^paiban: layout\.json: page\.grid\.lines: the type area does not fit the trim: top 28\.35 pt \+ 100 lines × 13\.5 pt = 1378\.35 pt, but the trim is 425\.2 pt high/),
  },
  {
    group: "grid",
    input: "measure wider than the area",
    gets: '`items[0].measure: measure "30em" is too wide: … the widest measure that fits is … pt`',
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].measure = "30em")),
    check: refused(/^paiban: layout\.json: items\[0\]\.measure: measure "30em" is too wide: .* the widest measure that fits is [\d.]+ pt/),
  },
  {
    group: "grid",
    input: "headline taller than its area",
    gets: "`items[0].headline.lines: the headline takes 20 grid lines, leaving no room for text …`",
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].headline = { lines: 20 })),
    check: refused(/^paiban: layout\.json: items\[0\]\.headline\.lines: the headline takes 20 grid lines, leaving no room for text in an area of 20 lines/),
  },
  {
    group: "grid",
    input: "two items overlapping",
    gets: 'renders; warning `page 1: items "lead" and "second" overlap at columns 2–2, lines 5–20`',
    outcome: "warned",
    setup: (dir) => void writeLayout(dir, page([story(), story("story.md", { id: "second", area: { column: 2, span: 2, line: 5, lines: 20 } })])),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "overlap").map((w) => w.message)).toEqual(['page 1: items "lead" and "second" overlap at columns 2–2, lines 5–20']);
      expect(r.stderr).toContain('paiban: warning: page 1: items "lead" and "second" overlap');
    },
  },
  {
    group: "grid",
    input: "empty box title and running head with no page name",
    gets: "renders (empty title bar, empty name slot)",
    outcome: "clean",
    setup: (dir) =>
      void writeLayout(
        dir,
        page([story(), { type: "sidebar", id: "box", area: { column: 3, span: 2, line: 1, lines: 20 }, title: "", items: ["story.md"] }], { runningHead: {} }),
      ),
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings).toEqual([]);
    },
  },
  // ---- copy ----------------------------------------------------------------------------------
  {
    group: "copy",
    input: "copy file missing",
    gets: '`items[0].copy: copy file not found: "gone.md" (resolved to …)`',
    outcome: "refused",
    setup: layoutWith((l) => (l.items[0].copy = "gone.md")),
    check: refused(/^paiban: layout\.json: items\[0\]\.copy: copy file not found: "gone\.md" \(resolved to \/.*gone\.md\) \(line \d+, column \d+\)$/),
  },
  {
    group: "copy",
    input: "copy in GBK / GB18030",
    gets: "renders the right text; warning `story.md: copy is GB18030, not UTF-8; read it as GB18030 (convert with iconv …)`",
    outcome: "warned",
    setup: withCopy(encodeGbk(COPY)),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "copy-encoding")).toHaveLength(1);
      expect(warning(rep, "copy-encoding")[0]!.message).toMatch(/story\.md: copy is GB18030, not UTF-8; read it as GB18030 \(convert with iconv -f GB18030 -t UTF-8\)$/);
      expect(rep.stories[0]!.paragraphs.map((p) => p.text)).toEqual(["本报讯　今年以来，全区上下齐心协力，各项工作取得新进展。", "第二段文字在这里。"]);
    },
  },
  {
    group: "copy",
    input: "copy neither UTF-8 nor GB18030 (stray bytes after plain ASCII)",
    gets: "`story.md: not UTF-8 text (byte 0xFF at offset N, line L) and not GB18030/GBK either; save the copy as UTF-8, e.g. iconv …`",
    outcome: "refused",
    setup: withCopy(Buffer.concat([Buffer.from("Part one.\n\n", "utf8"), Buffer.from([0xff, 0xff, 0x30])])),
    check: refused(/^paiban: \/.*story\.md: not UTF-8 text \(byte 0xFF at offset 11, line 3\) and not GB18030\/GBK either; save the copy as UTF-8/),
  },
  {
    group: "copy",
    input: "copy with a UTF-8 BOM",
    gets: "renders; BOM dropped, no warning",
    outcome: "clean",
    setup: withCopy(`\uFEFF${COPY}`),
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings).toEqual([]);
      expect(rep.stories[0]!.paragraphs[0]!.text.startsWith("本报讯")).toBe(true);
    },
  },
  {
    group: "copy",
    input: "copy with CRLF line ends and hard-wrapped paragraphs",
    gets: "renders; lines re-joined without spaces between Chinese characters",
    outcome: "clean",
    setup: withCopy("---\r\ntitle: 标题\r\n---\r\n第一段前半，\r\n第一段后半。\r\n\r\n第二段 English words\r\nwrapped here。\r\n"),
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings).toEqual([]);
      expect(rep.stories[0]!.paragraphs.map((p) => p.text)).toEqual(["第一段前半，第一段后半。", "第二段 English words wrapped here。"]);
    },
  },
  {
    group: "copy",
    input: "paragraphs marked by full-width spaces, tabs inside",
    gets: "renders; each 　　-indented line is a paragraph, indents dropped, tabs between Chinese removed",
    outcome: "clean",
    setup: withCopy("\u3000\u3000第一段\t文字。\n\u3000\u3000第二段\t\t文字。\n\t\u3000\u3000第三段 Latin\tword。\n"),
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings).toEqual([]);
      expect(rep.stories[0]!.paragraphs.map((p) => p.text)).toEqual(["第一段文字。", "第二段文字。", "第三段 Latin word。"]);
    },
  },
  {
    group: "copy",
    input: "empty copy file (0 bytes)",
    gets: "renders an empty story; warning `story.md: the copy has no paragraphs`",
    outcome: "warned",
    setup: withCopy(""),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "copy").map((w) => w.message)).toEqual([expect.stringMatching(/\/story\.md: the copy has no paragraphs$/)]);
    },
  },
  {
    group: "copy",
    input: "control characters in the copy (NUL, BEL, ESC)",
    gets: "renders without them; warning `story.md: removed 3 control characters (first U+0000 on line 4)`",
    outcome: "warned",
    setup: withCopy("---\ntitle: 标题\n---\n正文\u0000第一\u0007段\u001b。\n"),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "copy").map((w) => w.message)).toEqual([expect.stringMatching(/story\.md: removed 3 control characters \(first U\+0000 on line 4\)$/)]);
      expect(rep.stories[0]!.paragraphs[0]!.text).toBe("正文第一段。");
    },
  },
  {
    group: "copy",
    input: "front matter that is not YAML",
    gets: "`story.md: 2:…: front matter is not valid YAML: …`",
    outcome: "refused",
    setup: withCopy("---\ntitle: [unclosed\n---\n正文。\n"),
    check: refused(/^paiban: \/.*story\.md: \d+:\d+: front matter is not valid YAML: /),
  },
  {
    group: "copy",
    input: "front matter never closed",
    gets: "`story.md: 1:1: front matter opened with --- is not closed`",
    outcome: "refused",
    setup: withCopy("---\ntitle: 标题\n正文。\n"),
    check: refused(/^paiban: \/.*story\.md: 1:1: front matter opened with --- is not closed/),
  },
  {
    group: "copy",
    input: "one paragraph of 200,000 characters",
    gets: "renders in ~2 s; warning `lead: 18142 lines (199560 characters) do not fit`; stdout `OVERSET: lead 18142 lines`",
    outcome: "warned",
    // Exact counts: 199,990 我 then ，。abc 123. Two 11-em columns of 20 lines set 40 lines:
    // 9 characters on the indented first line, 11 on each other one = 438; the rest, 199,999 −
    // 438 less the one space, is overset: 199,560 characters on 18,142 lines.
    env: { NODE_OPTIONS: "--max-old-space-size=512" },
    timed: true,
    setup: withCopy(`${"我".repeat(199_990)}，。abc 123\n`),
    check: (r) => {
      const rep = expectRendered(r);
      expect(r.ms).toBeLessThan(10_000);
      expect(rep.stories[0]!.overset).toEqual({ lines: 18142, chars: 199560 });
      expect(warning(rep, "overset").map((w) => w.message)).toEqual(["lead: 18142 lines (199560 characters) do not fit; cut the copy or give the story more room"]);
      expect(r.stdout).toContain("OVERSET: lead 18142 lines");
    },
  },
  // ---- characters no font has ----------------------------------------------------------------
  {
    group: "glyphs",
    input: "生僻字 outside the fonts (𠀀 U+20000)",
    gets: 'proof renders with a red mark; warning `lead: paragraph 1, character 2: no configured font has "𠀀" (U+20000); it is marked in the proof`',
    outcome: "warned",
    setup: missingGlyph("上𠀀下𠀀。"),
    check: (r) => {
      const rep = expectRendered(r);
      const w = warning(rep, "missing-glyph");
      expect(w.map((x) => x.message)).toEqual([
        'lead: paragraph 1, character 2: no configured font has "𠀀" (U+20000); it is marked in the proof',
        'lead: paragraph 1, character 4: no configured font has "𠀀" (U+20000); it is marked in the proof',
      ]);
      // Position in characters (code points), though 𠀀 takes two UTF-16 units; the indent is not counted.
      expect(w.map((x) => [x.itemId, x.paragraph])).toEqual([["lead", 0], ["lead", 0]]);
    },
  },
  {
    group: "glyphs",
    input: "emoji in the copy",
    gets: 'proof renders; warning `lead: paragraph 2, character 3: no configured font has "😀" (U+1F600)`',
    outcome: "warned",
    setup: missingGlyph("第一段。\n\n笑脸😀表情。"),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "missing-glyph").map((x) => x.message)).toEqual(['lead: paragraph 2, character 3: no configured font has "😀" (U+1F600); it is marked in the proof']);
    },
  },
  {
    group: "glyphs",
    input: "combining marks (é as e + U+0301, a̐ U+0310)",
    gets: "proof renders; a mark no font has is reported with its position",
    outcome: "warned",
    setup: missingGlyph("Cafe\u0301 和 a\u0310 字。"),
    check: (r) => {
      const rep = expectRendered(r);
      const w = warning(rep, "missing-glyph");
      // Whatever the fonts lack is named with its own position inside the word, never the word's start.
      for (const x of w) expect(x.message).toMatch(/^lead: paragraph 1, character (5|10): no configured font has "[\u0301\u0310]"/);
      expect(w.length).toBeGreaterThanOrEqual(1);
    },
  },
  {
    group: "glyphs",
    input: "right-to-left text (Arabic)",
    gets: 'proof renders; one warning per letter, e.g. `lead: paragraph 1, character 3: no configured font has "م" (U+0645)`',
    outcome: "warned",
    setup: missingGlyph("阿语مرحبا。"),
    check: (r) => {
      const rep = expectRendered(r);
      const w = warning(rep, "missing-glyph");
      expect(w.map((x) => x.message.replace(/: no configured.*/, ""))).toEqual([3, 4, 5, 6, 7].map((n) => `lead: paragraph 1, character ${n}`));
      expect(w[0]!.message).toContain('"م" (U+0645)');
    },
  },
  {
    group: "glyphs",
    input: "missing glyph in a headline title and a byline",
    gets: "proof renders; warnings `lead: title, character 3: …` and `lead: byline, character 3: …`",
    outcome: "warned",
    setup: withCopy("---\ntitle: 标题𠀀\nbyline: 记者😀\n---\n正文。\n"),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "missing-glyph").map((x) => x.message.replace(/ \(U\+.*/, ""))).toEqual([
        'lead: title, character 3: no configured font has "𠀀"',
        'lead: byline, character 3: no configured font has "😀"',
      ]);
    },
  },
  {
    group: "glyphs",
    input: "print with characters no font has",
    gets: "`layout.json: print refused: 2 characters no configured font can set — lead: paragraph 1, character 2: … Fix the copy, …, or pass --allow-missing-glyphs`",
    outcome: "refused",
    args: ["--mode", "print"],
    setup: missingGlyph("上𠀀下😀。"),
    check: refused(
      /^paiban: layout\.json: print refused: 2 characters no configured font can set — lead: paragraph 1, character 2: no configured font has "𠀀" \(U\+20000\); lead: paragraph 1, character 4: no configured font has "😀" \(U\+1F600\)\. .*--allow-missing-glyphs$/,
    ),
  },
  {
    group: "glyphs",
    input: "print with --allow-missing-glyphs",
    gets: "print PDF written (blanks where the glyphs are missing); the warnings stay in the report",
    outcome: "warned",
    args: ["--mode", "print", "--allow-missing-glyphs"],
    setup: missingGlyph("上𠀀下😀。"),
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "missing-glyph")).toHaveLength(2);
    },
  },
  // ---- images --------------------------------------------------------------------------------
  {
    group: "images",
    input: "image file missing",
    gets: '`items[1].image: image not found: "gone.jpg" (resolved to …)`',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story(), photo("gone.jpg")])),
    check: refused(/^paiban: layout\.json: items\[1\]\.image: image not found: "gone\.jpg" \(resolved to \/.*gone\.jpg\)/),
  },
  {
    group: "images",
    input: "zero-byte image",
    gets: '`layout.json: items[1].image: image "empty.jpg" is empty (0 bytes)` (also from `validate`)',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "empty.jpg"), "");
      writeLayout(dir, page([story(), photo("empty.jpg")]));
    },
    check: refused(/^paiban: layout\.json: items\[1\]\.image: image "empty\.jpg" is empty \(0 bytes\) \(line \d+, column \d+\)$/),
  },
  {
    group: "images",
    input: "corrupt image (text named .jpg)",
    gets: '`bad.jpg: not a readable image (corrupt or unsupported format) (photo "pic")`',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "bad.jpg"), "this is not an image\n".repeat(40));
      writeLayout(dir, page([story(), photo("bad.jpg")]));
    },
    check: refused(/^paiban: \/.*bad\.jpg: not a readable image \(corrupt or unsupported format\) \(photo "pic"\)$/),
  },
  {
    group: "images",
    input: "truncated JPEG (first half of the file)",
    gets: '`cut.jpg: image could not be decoded (corrupt or truncated) (photo "pic")`',
    outcome: "refused",
    setup: async (dir) => {
      const j = await jpeg();
      writeFileSync(join(dir, "cut.jpg"), j.subarray(0, j.length >> 1));
      writeLayout(dir, page([story(), photo("cut.jpg")]));
    },
    check: refused(/^paiban: \/.*cut\.jpg: image could not be decoded \(corrupt or truncated\) \(photo "pic"\)$/),
  },
  {
    group: "images",
    input: "PNG whose header says 30,000 × 30,000",
    timed: true,
    gets: '`layout.json: items[1].image: image "huge.png" is 30000×30000 = 900 megapixels; more than 100 is refused`, from the header, in well under 2 s',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "huge.png"), pngClaiming(30_000, 30_000));
      writeLayout(dir, page([story(), photo("huge.png")]));
    },
    check: (r) => {
      expectRefused(r, /^paiban: layout\.json: items\[1\]\.image: image "huge\.png" is 30000×30000 = 900 megapixels; more than 100 is refused \(line \d+, column \d+\)$/);
      expect(r.ms).toBeLessThan(2_000);
    },
  },
  {
    group: "images",
    input: "CMYK JPEG with the Adobe marker (inverted values)",
    gets: "renders; the photo keeps its colours (a light tint stays light)",
    outcome: "warned",
    setup: async (dir) => {
      const { adobe } = await cmykJpegs();
      expect(hasAdobe(adobe)).toBe(true);
      writeFileSync(join(dir, "adobe.jpg"), adobe);
      writeLayout(dir, page([story(), photo("adobe.jpg")]));
    },
    check: expectLightCyanPhoto,
  },
  {
    group: "images",
    input: "CMYK JPEG without the Adobe marker (plain values)",
    gets: "renders; the same light tint, not a negative",
    outcome: "warned",
    setup: async (dir) => {
      const { plain } = await cmykJpegs();
      expect(hasAdobe(plain)).toBe(false);
      writeFileSync(join(dir, "plain.jpg"), plain);
      writeLayout(dir, page([story(), photo("plain.jpg")]));
    },
    check: expectLightCyanPhoto,
  },
  {
    group: "images",
    input: "PNG with alpha, print mode",
    gets: "print PDF; transparent pixels flattened on white (no ink), the opaque red stays red",
    outcome: "warned",
    args: ["--mode", "print"],
    setup: async (dir) => {
      // 800 × 600 px shown whole in a 207 × 162 pt frame: 266 ppi, above the house minimum print requires.
      writeFileSync(join(dir, "alpha.png"), await pngWithAlpha(800, 600));
      writeLayout(dir, page([story(), photo("alpha.png", { fit: "fit" })]));
    },
    check: async (r) => {
      expectRendered(r);
      const [img] = await pdfImages(r.pdf);
      expect(img!.channels).toBe(4);
      const sharp = (await import("sharp")).default;
      // Left half (transparent in the source) carries no ink; the right half is red (M and Y).
      const raw = await imageHalves(r.pdf, sharp);
      expect(raw.left.every((v) => v < 8)).toBe(true);
      // Right half: red is magenta and yellow (percent), next to no cyan.
      expect(raw.right[0]!).toBeLessThan(15);
      expect(raw.right[1]!).toBeGreaterThan(60);
      expect(raw.right[2]!).toBeGreaterThan(60);
    },
  },
  {
    group: "images",
    input: "print with a photo under the house minimum resolution",
    gets: "`layout.json: print refused: 1 photo below the house minimum of 200 ppi — pic: …small.jpg: 104 ppi effective in its frame, below 200 ppi. Give a larger photo or a smaller frame, or pass --allow-low-resolution`",
    outcome: "refused",
    args: ["--mode", "print"],
    setup: async (dir) => {
      writeFileSync(join(dir, "small.jpg"), await jpeg(300, 240));
      writeLayout(dir, page([story(), photo("small.jpg")]));
    },
    check: refused(
      /^paiban: layout\.json: print refused: 1 photo below the house minimum of 200 ppi — pic: \S*small\.jpg: 104 ppi effective in its frame, below 200 ppi\. Give a larger photo or a smaller frame, or pass --allow-low-resolution$/,
    ),
  },
  {
    group: "images",
    input: "print with a photo under the house minimum, allowed",
    gets: "print PDF written; the warning `…small.jpg: 104 ppi effective in its frame, below 200 ppi for print` stays in the report",
    outcome: "warned",
    args: ["--mode", "print", "--allow-low-resolution"],
    setup: async (dir) => {
      writeFileSync(join(dir, "small.jpg"), await jpeg(300, 240));
      writeLayout(dir, page([story(), photo("small.jpg")]));
    },
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "image-resolution").map((w) => w.message.replace(/^\S*small/, "small"))).toEqual(["small.jpg: 104 ppi effective in its frame, below 200 ppi for print"]);
    },
  },
  {
    group: "images",
    input: "print with a rule across a photo",
    gets: "`layout.json: print refused: 1 collision in the make-up — page 1: rule-3: rule (0.75 pt) runs 2.63 pt inside the photo pic. Move or resize the items …`",
    outcome: "refused",
    args: ["--mode", "print"],
    setup: async (dir) => {
      writeFileSync(join(dir, "big.jpg"), await jpeg(1200, 1000));
      // The photo takes lines 1–12; a rule "above line 13" lies in line 12's leading, inside the photo.
      writeLayout(dir, page([story(), photo("big.jpg"), { type: "rule", orientation: "horizontal", column: 3, span: 2, line: 13, weight: "0.75pt" }]));
    },
    check: refused(/^paiban: layout\.json: print refused: 1 collision in the make-up — page 1: rule-3: rule \(0\.75 pt\) runs 2\.63 pt inside the photo pic\. Move or resize the items \(the proof shows the same as warnings\)$/),
  },
  {
    group: "images",
    input: "proof with a rule across a photo",
    gets: "proof renders; warning `page 1: rule-3: rule (0.75 pt) runs 2.63 pt inside the photo pic`",
    outcome: "warned",
    setup: async (dir) => {
      writeFileSync(join(dir, "big.jpg"), await jpeg(1200, 1000));
      writeLayout(dir, page([story(), photo("big.jpg"), { type: "rule", orientation: "horizontal", column: 3, span: 2, line: 13, weight: "0.75pt" }]));
    },
    check: (r) => {
      const rep = expectRendered(r);
      expect(warning(rep, "collision").map((w) => w.message)).toEqual(["page 1: rule-3: rule (0.75 pt) runs 2.63 pt inside the photo pic"]);
    },
  },
  // ---- fonts ---------------------------------------------------------------------------------
  {
    group: "fonts",
    input: "font path that does not exist",
    gets: '`fonts.song.regular: font file not found: "gone.ttf" (resolved to …)`',
    outcome: "refused",
    command: "validate",
    setup: layoutWith((l) => (l.fonts = { song: { regular: "gone.ttf" } })),
    check: refused(/^paiban: layout\.json: fonts\.song\.regular: font file not found: "gone\.ttf" \(resolved to \/.*gone\.ttf\)/),
  },
  {
    group: "fonts",
    input: "font file that is not a font",
    gets: '`fonts.song.regular: font file "fake.ttf": not a font file that can be read (TrueType, OpenType or a collection) …`',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "fake.ttf"), "not a font\n".repeat(100));
      layoutWith((l) => (l.fonts = { song: { regular: "fake.ttf" } }))(dir);
    },
    check: refused(/^paiban: layout\.json: fonts\.song\.regular: font file "fake\.ttf": not a font file that can be read/),
  },
  {
    group: "fonts",
    input: "collection without the face named",
    gets: '`fonts.hei.bold.file: font file "two.ttc": the collection has no face named Nope-Bold; it holds: LiberationSans, LiberationSans-Bold`',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "two.ttc"), makeCollection([LATIN_REGULAR, LATIN_BOLD]));
      layoutWith((l) => (l.fonts = { hei: { bold: { file: "two.ttc", face: "Nope-Bold" } } }))(dir);
    },
    check: refused(/^paiban: layout\.json: fonts\.hei\.bold\.file: font file "two\.ttc": the collection has no face named Nope-Bold; it holds: LiberationSans, LiberationSans-Bold/),
  },
  {
    group: "fonts",
    input: "collection with no face given",
    gets: '`fonts.hei.bold: font file "two.ttc": this is a font collection: name the face to use ("face") …`',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "two.ttc"), makeCollection([LATIN_REGULAR, LATIN_BOLD]));
      layoutWith((l) => (l.fonts = { hei: { bold: "two.ttc" } }))(dir);
    },
    check: refused(/^paiban: layout\.json: fonts\.hei\.bold: font file "two\.ttc": this is a font collection: name the face to use \("face"\), one of: LiberationSans, LiberationSans-Bold/),
  },
  {
    group: "fonts",
    input: "Latin-only font for song, from a collection by face name",
    gets: "renders; Chinese characters set from the fallback chain (hei), no missing-glyph warning",
    outcome: "clean",
    setup: (dir) => {
      writeFileSync(join(dir, "two.ttc"), makeCollection([LATIN_REGULAR, LATIN_BOLD]));
      copyFileSync(LATIN_REGULAR, join(dir, "latin.ttf"));
      layoutWith((l) => (l.fonts = { song: { regular: "latin.ttf", bold: { file: "two.ttc", face: "LiberationSans-Bold" } } }))(dir);
      writeFileSync(join(dir, "story.md"), "---\ntitle: 标题\n---\n正文 Latin text 123 和中文。\n");
    },
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings).toEqual([]);
      const pdf = readFileSync(r.pdf, "latin1");
      expect(pdf).toMatch(/LiberationSans/);
      expect(pdf).toMatch(/NotoSansSC/);
    },
  },
  // ---- output --------------------------------------------------------------------------------
  {
    group: "output",
    input: "output folder cannot be made (a file stands in its way)",
    gets: "`blocker: cannot create the output folder`; nothing written",
    outcome: "refused",
    out: "blocker/page.pdf",
    setup: (dir) => {
      writeFileSync(join(dir, "blocker"), "a file, not a folder\n");
      writeLayout(dir, base());
    },
    check: refused(/^paiban: blocker: cannot create the output folder$/),
  },
  {
    group: "output",
    input: "output path is a folder",
    gets: "`taken.pdf: cannot write the output (EISDIR)`; nothing written",
    outcome: "refused",
    out: "taken.pdf",
    setup: (dir) => {
      mkdirSync(join(dir, "taken.pdf"));
      writeLayout(dir, base());
    },
    check: refused(/^paiban: taken\.pdf: cannot write the output \((EISDIR|EEXIST|ENOTEMPTY)\)$/),
  },
  ...PROFILE_ROWS,
  ...HOSTILE_ROWS,
  ...PREFLIGHT_ROWS,
  ...VERTICAL_ROWS,
  ...RUNAROUND_ROWS,
  ...JUMP_ROWS,
];

/** Mean CMYK of the left and right halves of the (only) image in a print PDF. */
async function imageHalves(pdf: string, sharp: typeof import("sharp")): Promise<{ left: number[]; right: number[] }> {
  const { PDFDocument, PDFName, PDFRawStream } = await import("pdf-lib");
  const doc = await PDFDocument.load(readFileSync(pdf));
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    const img = sharp(Buffer.from(obj.contents));
    const { width, height } = await img.metadata();
    const half = async (left: number) =>
      (
        await sharp(Buffer.from(obj.contents))
          .extract({ left, top: 0, width: Math.floor(width! / 2) - 2, height: height! })
          .pipelineColourspace("cmyk")
          .toColourspace("cmyk")
          .raw()
          .toBuffer({ resolveWithObject: true })
      ).data;
    const mean = (px: Buffer) => [0, 1, 2, 3].map((c) => {
      let s = 0;
      for (let i = c; i < px.length; i += 4) s += px[i]!;
      return (s / (px.length / 4)) * (100 / 255);
    });
    return { left: mean(await half(0)), right: mean(await half(Math.ceil(width! / 2) + 2)) };
  }
  throw new Error("no image in the PDF");
}
