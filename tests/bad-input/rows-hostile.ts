/**
 * Rows of the bad-input table from issue 13 ("hostile input, round 2"): input a careless or
 * malicious user can make, each answered at once with one clean line.
 */
import { execFileSync } from "node:child_process";
import { linkSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { page, story, writeLayout } from "./fixtures.js";
import { damagedFonts } from "./fonts.js";
import type { Row } from "./rows.js";
import { expect } from "vitest";
import { expectRefused, expectRendered, expectUsage, type RunResult } from "./run.js";

const refused = (re: RegExp) => (r: RunResult) => expectRefused(r, re);
const copyBytes = (...parts: (string | number[])[]) => (dir: string) => {
  writeLayout(dir, page([story()]));
  writeFileSync(join(dir, "story.md"), Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p)))));
};
const base = () => page([story()]) as Record<string, any>;
const GRID_PAGE = base().page;
const HEAD = "---\ntitle: 标题\n---\n"; // 22 bytes, three lines

export const HOSTILE_ROWS: Row[] = [
  // ---- copy that is almost UTF-8 (issue 13, item 5) -----------------------------------------
  {
    group: "copy",
    input: "UTF-8 copy with an encoded surrogate (ED A0 80)",
    gets: "`story.md: not UTF-8 text: byte 0xED at offset 28, line 4 is an encoded surrogate …; the rest of the file is UTF-8, so it is not read as GB18030 …` (not mojibake)",
    outcome: "refused",
    setup: copyBytes(HEAD, "正文", [0xed, 0xa0, 0x80], "正文\n"),
    check: refused(/^paiban: \/.*story\.md: not UTF-8 text: byte 0xED at offset 28, line 4 is an encoded surrogate \(U\+D800–U\+DFFF\), which UTF-8 forbids; the rest of the file is UTF-8, so it is not read as GB18030: fix the damaged bytes there or save the copy as UTF-8 again$/),
  },
  {
    group: "copy",
    input: "UTF-8 copy with an overlong slash (C0 AF) in a long paragraph",
    gets: "`story.md: not UTF-8 text: byte 0xC0 at offset N, line 5 is an overlong encoding; …`",
    outcome: "refused",
    setup: copyBytes(HEAD, "第一段。\n\n", "长".repeat(3000), [0xc0, 0xaf], "尾。\n"),
    check: refused(/^paiban: \/.*story\.md: not UTF-8 text: byte 0xC0 at offset 9036, line 6 is an overlong encoding; the rest of the file is UTF-8/),
  },
  {
    group: "copy",
    input: "UTF-8 copy with a code point beyond U+10FFFF (F4 90 80 80)",
    gets: "`story.md: not UTF-8 text: byte 0xF4 at offset 28, line 4 is a code point beyond U+10FFFF; …`",
    outcome: "refused",
    setup: copyBytes(HEAD, "正文", [0xf4, 0x90, 0x80, 0x80], "正文。\n"),
    check: refused(/^paiban: \/.*story\.md: not UTF-8 text: byte 0xF4 at offset 28, line 4 is a code point beyond U\+10FFFF; the rest/),
  },
  {
    group: "copy",
    input: "UTF-8 copy cut in the middle of its last character",
    gets: "`story.md: not UTF-8 text: byte 0xE5 at offset N, line 4 is a sequence cut short by the end of the file; …`",
    outcome: "refused",
    setup: copyBytes(HEAD, "正文正文。", [0xe5, 0xad]),
    check: refused(/^paiban: \/.*story\.md: not UTF-8 text: byte 0xE5 at offset 37, line 4 is a sequence cut short by the end of the file; the rest/),
  },
  // ---- keys that are JavaScript's own (issue 13, item 11) -----------------------------------
  {
    group: "layout JSON",
    input: '"__proto__": {"paper": …} in place of paper',
    gets: '`layout.json: __proto__: unknown key "__proto__" …` (never read as the layout\'s prototype)',
    outcome: "refused",
    command: "validate",
    setup: (dir) => void writeLayout(dir, `{"__proto__": {"paper": "原型报"}, "date": "2024-11-27", "page": ${JSON.stringify(GRID_PAGE)}, "items": []}\n`),
    check: refused(/^paiban: layout\.json: __proto__: unknown key "__proto__" \(keys here: .*\) \(line 1, column 2\)$/),
  },
  {
    group: "layout JSON",
    input: '"__proto__" inside an item (giving it a copy file)',
    gets: '`layout.json: items[0].__proto__: unknown key "__proto__" …`',
    outcome: "refused",
    setup: (dir) => {
      const text = JSON.stringify(page([{ type: "story", id: "lead", area: { column: 1, span: 2, line: 1, lines: 20 } }]), null, 2);
      writeLayout(dir, text.replace('"type": "story",', '"type": "story", "__proto__": {"copy": "story.md"},'));
    },
    check: refused(/^paiban: layout\.json: items\[0\]\.__proto__: unknown key "__proto__"/),
  },
  // ---- front matter is text (issue 13, item 12) ----------------------------------------------
  {
    group: "copy",
    input: "front matter `title: 007`, `kicker: 1.10`, `subtitle: 0x1F`, `byline: 1e309`",
    gets: "renders; the headline reads 007, 1.10, 0x1F, 1e309 as written (not 7, 1.1, 31, Infinity)",
    outcome: "clean",
    setup: (dir) => {
      writeLayout(dir, page([story("story.md", { headline: { lines: 8 } })]));
      writeFileSync(join(dir, "story.md"), "---\ntitle: 007\nkicker: 1.10\nsubtitle: 0x1F\nbyline: 1e309\n---\n正文。\n");
    },
    check: (r) => {
      expect(expectRendered(r).warnings.filter((w) => w.code !== "font-fallback")).toEqual([]);
      const text = execFileSync("pdftotext", [r.pdf, "-"], { encoding: "utf8" });
      for (const s of ["007", "1.10", "0x1F", "1e309"]) expect(text.split("\n")).toContain(s);
      expect(text).not.toContain("Infinity");
    },
  },
  // ---- lengths beyond any page (issue 13, item 9) --------------------------------------------
  {
    group: "grid",
    input: 'bleed "99999999999999999999mm"',
    gets: '`page.bleed: "99999999999999999999mm" is more than a bleed can be (at most 20 mm)`',
    outcome: "refused",
    command: "validate",
    setup: (dir) => void writeLayout(dir, { ...base(), page: { ...GRID_PAGE, bleed: "99999999999999999999mm" } }),
    check: refused(/^paiban: layout\.json: page\.bleed: "99999999999999999999mm" is more than a bleed can be \(at most 20 mm\) \(line \d+, column \d+\)$/),
  },
  {
    group: "grid",
    input: 'bleed "20000mm"',
    gets: '`page.bleed: "20000mm" is more than a bleed can be (at most 20 mm)`',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, { ...base(), page: { ...GRID_PAGE, bleed: "20000mm" } }),
    check: refused(/^paiban: layout\.json: page\.bleed: "20000mm" is more than a bleed can be \(at most 20 mm\)/),
  },
  {
    group: "grid",
    input: "trim 20 m wide",
    gets: '`page.trim.width: "20000mm" is more than a trim side can be (at most 1500 mm, beyond any press sheet)`',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, { ...base(), page: { ...GRID_PAGE, trim: { width: "20000mm", height: "150mm" } } }),
    check: refused(/^paiban: layout\.json: page\.trim\.width: "20000mm" is more than a trim side can be \(at most 1500 mm, beyond any press sheet\)/),
  },
  {
    group: "grid",
    input: "type size of 100 em (body.size \"100em\")",
    gets: '`items[0].body.size: "100em" (900 pt) is more than a type size can be (at most 500 pt)`',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story("story.md", { body: { size: "100em" } })])),
    check: refused(/^paiban: layout\.json: items\[0\]\.body\.size: "100em" \(900 pt\) is more than a type size can be \(at most 500 pt\)/),
  },
  // ---- numbers and nesting past what JSON or the stack can hold (items 6, 14) ----------------
  {
    group: "layout JSON",
    input: "columns: 1e309 (beyond a double)",
    gets: "`layout.json: L:C: JSON syntax error: the number 1e309 is too large` (not \"found null\")",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, JSON.stringify(base(), null, 2).replace('"columns": 4', '"columns": 1e309')),
    check: refused(/^paiban: layout\.json: \d+:\d+: JSON syntax error: the number 1e309 is too large$/),
  },
  {
    group: "layout JSON",
    input: "200,000 nested [ in a layout",
    gets: "`layout.json: 1:110: JSON syntax error: objects and arrays nested more than 100 deep …` at once",
    outcome: "refused",
    command: "validate",
    timed: true,
    setup: (dir) => void writeLayout(dir, `{"items": ${"[".repeat(200_000)}`),
    check: (r) => {
      expectRefused(r, /^paiban: layout\.json: 1:110: JSON syntax error: objects and arrays nested more than 100 deep; a layout needs fewer than ten levels$/);
      expect(r.ms).toBeLessThan(5_000);
    },
  },
  {
    group: "schema",
    input: "date 0000-02-29 (a leap day of year 0) with a running head",
    gets: "renders; the running head reads 0 年 2 月 29 日 星期二 (the PDF no longer read it as 1900-02-29)",
    outcome: "clean",
    setup: (dir) => void writeLayout(dir, { ...base(), date: "0000-02-29", runningHead: {} }),
    check: (r) => {
      expect(expectRendered(r).warnings.filter((w) => w.code !== "font-fallback")).toEqual([]);
      expect(execFileSync("pdftotext", [r.pdf, "-"], { encoding: "utf8" })).toMatch(/0 年 2 月 29 日[\s\S]*星期二/);
    },
  },
  // ---- stated size limits, and no stack overflow below them (item 6) --------------------------
  {
    group: "limits",
    input: "10 MB of 。 as copy",
    gets: "`story.md: copy file is 10.0 MB; paiban reads copy files of up to 2 MB`, before reading it",
    outcome: "refused",
    timed: true,
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "story.md"), "。".repeat(3_500_000));
    },
    check: (r) => {
      expectRefused(r, /^paiban: \/.*story\.md: copy file is 10\.0 MB; paiban reads copy files of up to 2 MB$/);
      expect(r.ms).toBeLessThan(10_000);
    },
  },
  {
    group: "limits",
    input: "a title of 600,000 characters",
    gets: '`story.md: 2:1: front-matter key "title" is 600000 characters long: at most 1000`',
    outcome: "refused",
    timed: true,
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "story.md"), `---\ntitle: ${"长".repeat(600_000)}\n---\n正文。\n`);
    },
    check: (r) => {
      expectRefused(r, /^paiban: \/.*story\.md: 2:1: front-matter key "title" is 600000 characters long: at most 1000$/);
      expect(r.ms).toBeLessThan(15_000);
    },
  },
  {
    group: "limits",
    input: "a paper name of 2,000,000 characters",
    gets: "`layout.json: paper: 2000000 characters is too long here: at most 1000`",
    outcome: "refused",
    command: "validate",
    timed: true,
    setup: (dir) => void writeLayout(dir, { ...base(), paper: "报".repeat(2_000_000) }),
    check: (r) => {
      expectRefused(r, /^paiban: layout\.json: paper: 2000000 characters is too long here: at most 1000 \(line 2, column 12\)$/);
      expect(r.ms).toBeLessThan(20_000);
    },
  },
  {
    group: "limits",
    input: "150,000 one-character paragraphs in one story",
    gets: "renders; `lead: 149960 lines (149960 characters) do not fit` (was a stack overflow)",
    outcome: "warned",
    timed: true,
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "story.md"), Array.from({ length: 150_000 }, () => "短").join("\n\n"));
    },
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.stories[0]!.overset).toEqual({ lines: 149_960, chars: 149_960 });
      expect(r.ms).toBeLessThan(40_000);
    },
  },
  {
    group: "limits",
    input: "1,000 stories in one place (499,500 overlapping pairs)",
    gets: "renders; 20 overlap warnings, then `page 1: 499480 more pairs of items overlap`",
    outcome: "warned",
    timed: true,
    setup: (dir) => void writeLayout(dir, page(Array.from({ length: 1000 }, (_, i) => story("story.md", { id: `s${i}` })))),
    check: (r) => {
      const rep = expectRendered(r);
      const overlaps = rep.warnings.filter((w) => w.code === "overlap").map((w) => w.message);
      expect(overlaps).toHaveLength(21);
      expect(overlaps.at(-1)).toBe("page 1: 499480 more pairs of items overlap");
      expect(r.ms).toBeLessThan(25_000);
    },
  },
  {
    group: "limits",
    input: "1,001 items on one page",
    gets: "`layout.json: items: 1001 items on one page is more than paiban takes: at most 1000`",
    outcome: "refused",
    command: "validate",
    setup: (dir) => void writeLayout(dir, page(Array.from({ length: 1001 }, (_, i) => story("story.md", { id: `s${i}` })))),
    check: refused(/^paiban: layout\.json: items: 1001 items on one page is more than paiban takes: at most 1000 \(line \d+, column \d+\)$/),
  },
  // ---- outputs that would destroy inputs, devices, each other (item 2) ------------------------
  {
    group: "output",
    input: "--out names the layout file",
    gets: "`--out layout.json would overwrite the layout file (…); name another output file`; the layout untouched",
    outcome: "usage",
    out: "layout.json",
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => {
      expectUsage(r, /^paiban: --out layout\.json would overwrite the layout file \(\/.*layout\.json\); name another output file$/);
      expect(JSON.parse(readFileSync(join(r.dir, "layout.json"), "utf8")).paper).toBe("测试报");
    },
  },
  {
    group: "output",
    input: "--out names the copy file",
    gets: "`--out story.md would overwrite a file the layout reads (…)`; the copy untouched",
    outcome: "usage",
    out: "story.md",
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => {
      expectUsage(r, /^paiban: --out story\.md would overwrite a file the layout reads \(\/.*story\.md\); name another output file$/);
      expect(readFileSync(join(r.dir, "story.md"), "utf8")).toContain("本报讯");
    },
  },
  {
    group: "output",
    input: "--report names the layout file",
    gets: "`--report layout.json would overwrite the layout file (…)`",
    outcome: "usage",
    args: ["--report", "layout.json"],
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => expectUsage(r, /^paiban: --report layout\.json would overwrite the layout file/),
  },
  {
    group: "output",
    input: "--out is a hard link to the layout file",
    gets: "`--out same.json would overwrite the layout file (…)`",
    outcome: "usage",
    out: "same.json",
    setup: (dir) => {
      writeLayout(dir, base());
      linkSync(join(dir, "layout.json"), join(dir, "same.json"));
    },
    check: (r) => expectUsage(r, /^paiban: --out same\.json would overwrite the layout file/),
  },
  {
    group: "output",
    input: "--report names the same file as --out",
    gets: "`--report out/page.pdf is the same file as --out out/page.pdf; the PDF and the report need a file each`",
    outcome: "usage",
    args: ["--report", "out/page.pdf"],
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => expectUsage(r, /^paiban: --report out\/page\.pdf is the same file as --out out\/page\.pdf; the PDF and the report need a file each$/),
  },
  {
    group: "output",
    input: "--out /dev/null (a character device)",
    gets: "`--out /dev/null is a device or a pipe, not a file; name a file to write`; the device node stays",
    outcome: "usage",
    out: "/dev/null",
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => {
      expectUsage(r, /^paiban: --out \/dev\/null is a device or a pipe, not a file; name a file to write$/);
      expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    },
  },
  {
    group: "output",
    input: "--out a FIFO",
    gets: "`--out fifo is a device or a pipe, not a file`, at once",
    outcome: "usage",
    out: "fifo",
    setup: (dir) => {
      writeLayout(dir, base());
      execFileSync("mkfifo", [join(dir, "fifo")]);
    },
    check: (r) => expectUsage(r, /^paiban: --out fifo is a device or a pipe, not a file; name a file to write$/),
  },
  // ---- all or nothing: PDF, report and PNGs (item 3) -----------------------------------------
  {
    group: "output",
    input: "--report is a folder",
    gets: "`repdir: cannot write the output (EISDIR)`; the previous PDF is not replaced",
    outcome: "refused",
    args: ["--report", "repdir"],
    setup: (dir) => {
      writeLayout(dir, base());
      mkdirSync(join(dir, "repdir"));
    },
    check: refused(/^paiban: repdir: cannot write the output \(EISDIR\)$/),
  },
  {
    group: "output",
    input: "--png names a file, not a folder",
    gets: "`pngfile: cannot create the output folder`; the previous PDF and report are not replaced",
    outcome: "refused",
    args: ["--png", "pngfile"],
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "pngfile"), "a file\n");
    },
    check: refused(/^paiban: pngfile: cannot create the output folder$/),
  },
  // ---- escapes and NUL echoed escaped; number options checked (item 14) ----------------------
  {
    group: "layout JSON",
    input: "layout path with an escape sequence (ESC [2J)",
    gets: "`a\\x1B[2Jb.json: layout file not found …`: the escape is shown, never sent to the terminal",
    outcome: "refused",
    command: "validate",
    setup: () => ["a\u001b[2Jb.json"],
    check: (r) => {
      expectRefused(r, /^paiban: a\\x1B\[2Jb\.json: layout file not found \(looked at \/.*a\\x1B\[2Jb\.json\)$/);
      expect(r.stderr).not.toContain("\u001b");
    },
  },
  {
    group: "schema",
    input: "duplicate item id holding NUL, ESC and a right-to-left override",
    gets: '`items[1].id: duplicate item id "a\\x00\\x1B[31m\\u202E" …`, on one line',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story("story.md", { id: "a\u0000\u001b[31m\u202e" }), story("story.md", { id: "a\u0000\u001b[31m\u202e", area: { column: 3, span: 2, line: 1, lines: 20 } })])),
    check: (r) => {
      expectRefused(r, /^paiban: layout\.json: items\[1\]\.id: duplicate item id "a\\x00\\x1B\[31m\\u202E" \(already used by items\[0\]\)/);
      expect(r.stderr).not.toMatch(/[\u0000\u001b\u202e]/);
    },
  },
  {
    group: "output",
    input: "render --ink-limit abc",
    gets: "`--ink-limit must be a number of per cent from 100 to 400, got something that is not a number` (was exit 1)",
    outcome: "usage",
    args: ["--ink-limit", "abc"],
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => expectUsage(r, /^paiban: --ink-limit must be a number of per cent from 100 to 400, got something that is not a number$/),
  },
  {
    group: "output",
    input: "--workers -1",
    gets: "`--workers must be a whole number from 0 to 64, got -1` (was accepted)",
    outcome: "usage",
    args: ["--workers", "-1"],
    setup: (dir) => void writeLayout(dir, base()),
    check: (r) => expectUsage(r, /^paiban: --workers must be a whole number from 0 to 64, got -1$/),
  },
  // ---- every file paiban reads is a regular file of a stated size (item 1) --------------------
  ...(
    [
      ["validate", "/dev/zero", ["/dev/zero"], "/dev/zero: layout file cannot be read"],
      ["validate", "/dev/urandom", ["/dev/urandom"], "/dev/urandom: layout file cannot be read"],
      ["validate", "/dev/full", ["/dev/full"], "/dev/full: layout file cannot be read"],
      ["validate", "a FIFO as the layout", ["fifo"], "fifo: layout file cannot be read"],
      ["typeset", "/dev/zero to set", ["/dev/zero", "--measure", "5"], "/dev/zero"],
      ["fonts", "--check /dev/urandom", ["--check", "/dev/urandom"], "/dev/urandom"],
    ] as const
  ).map(
    ([command, input, args, file]): Row => ({
      group: "files read",
      input,
      gets: `\`${file}: this is a device, a pipe or a socket, not a regular file\`, at once`,
      outcome: "refused",
      command,
      timed: true,
      setup: (dir) => {
        if (args.includes("fifo")) execFileSync("mkfifo", [join(dir, "fifo")]);
        return [...args];
      },
      check: (r) => {
        expectRefused(r, new RegExp(`^paiban: ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: (.*: )?this is a device, a pipe or a socket, not a regular file$`));
        expect(r.ms).toBeLessThan(10_000);
      },
    }),
  ),
  {
    group: "files read",
    input: "a 9 MB layout file",
    gets: "`layout.json: layout file cannot be read: the file is 9 MB; paiban reads files of up to 8 MB here`, before reading it",
    outcome: "refused",
    command: "validate",
    setup: (dir) => void writeLayout(dir, `${JSON.stringify(base()).slice(0, -1)}, "pad": "${"x".repeat(9 * 1024 * 1024)}"}`),
    check: refused(/^paiban: layout\.json: layout file cannot be read: the file is 9 MB; paiban reads files of up to 8 MB here$/),
  },
  // ---- runs of —— and …… (item 4): a run breaks between pairs, never over the measure ---------
  {
    group: "copy",
    input: "a paragraph of —— ×50 between two words",
    gets: "renders; the run breaks between pairs, every line within the measure, no overset",
    outcome: "clean",
    setup: (dir) => {
      writeLayout(dir, base());
      writeFileSync(join(dir, "story.md"), `---\ntitle: 区县新闻\n---\n前文${"——".repeat(50)}后文\n`);
    },
    check: (r) => {
      const rep = expectRendered(r);
      const lead = rep.stories[0]!;
      expect(lead.overset.lines).toBe(0);
      expect(lead.paragraphs[0]!.lines).toEqual(["前文——————", ...Array(9).fill("——————————"), "————后文"]);
    },
  },
  // ---- damaged fonts, refused naming the file and the table (item 7) -------------------------
  ...damagedFonts().map(
    ({ name, what, bytes, says }): Row => ({
      group: "fonts",
      input: what,
      gets: `\`fonts.song.regular: font file "${name}": … ${says}\` (also from \`validate\`)`,
      outcome: "refused",
      command: "validate",
      setup: (dir) => {
        writeFileSync(join(dir, name), bytes);
        writeLayout(dir, { ...base(), fonts: { song: { regular: name } } });
      },
      check: refused(new RegExp(`^paiban: layout\\.json: fonts\\.song\\.regular: font file "${name.replace(".", "\\.")}": (?:not a font file that can be read \\(TrueType, OpenType or a collection\\): )?${says.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)),
    }),
  ),
];
