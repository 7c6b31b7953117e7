/**
 * Rows of the bad-input table for jumps (转版, issue 15): a continuation chain that loops, names
 * a missing item, or a story without copy that nothing continues in — one line each, before a
 * page is made up — and a continuation too small for the rest of its story (rendered, the
 * overset reported on the story).
 */
import { page, story, writeLayout } from "./fixtures.js";
import type { Row } from "./rows.js";
import { expectRefused, expectRendered } from "./run.js";

/** Two pages: "lead" on page 1 continued in "lead-jump" on page 2 (with `cont` on the continuation). */
function edition(lead: Record<string, unknown>, cont: Record<string, unknown> = {}) {
  const { items: _items, ...base } = page([]);
  return {
    ...base,
    pages: [
      { number: 1, items: [story("story.md", { continuedIn: "lead-jump", ...lead })] },
      { number: 2, items: [{ type: "story", id: "lead-jump", area: { column: 1, span: 2, line: 1, lines: 10 }, ...cont }] },
    ],
  };
}
const write = (layout: unknown) => (dir: string) => void writeLayout(dir, layout);

export const JUMP_ROWS: Row[] = [
  {
    group: "jumps",
    input: "a continuation chain that loops (lead → lead-jump → lead)",
    gets: "`pages[0].items[0].continuedIn: the continuation chain loops: lead → lead-jump → lead; a chain ends in a continuation that names none`",
    outcome: "refused",
    setup: write(edition({}, { continuedIn: "lead" })),
    check: (r) => expectRefused(r, /^paiban: layout\.json: pages\[0\]\.items\[0\]\.continuedIn: the continuation chain loops: lead → lead-jump → lead; /),
  },
  {
    group: "jumps",
    input: "continuedIn names a missing item (lead-jum)",
    gets: '`pages[0].items[0].continuedIn: "lead-jum" is not an item of this edition; did you mean "lead-jump"?`',
    outcome: "refused",
    setup: write(edition({ continuedIn: "lead-jum" })),
    check: (r) => expectRefused(r, /^paiban: layout\.json: pages\[0\]\.items\[0\]\.continuedIn: "lead-jum" is not an item of this edition; did you mean "lead-jump"\?/),
  },
  {
    group: "jumps",
    input: "a story without copy that no story continues in",
    gets: '`pages[1].items[0].copy: missing: a story needs "copy" (a copy file), unless it is the continuation another story\'s "continuedIn" names`',
    outcome: "refused",
    setup: write(edition({ continuedIn: undefined })),
    check: (r) => expectRefused(r, /^paiban: layout\.json: pages\[1\]\.items\[0\]\.copy: missing: a story needs "copy"/),
  },
  {
    group: "jumps",
    input: "a jump whose continuation is too small for the rest",
    gets: "renders; `lead: N lines (M characters) do not fit in its last part, lead-jump on page 2`, once; the report's parts end （下转第2版） and open （上接第1版）",
    outcome: "warned",
    setup: (dir) => {
      writeLayout(dir, edition({ area: { column: 1, span: 2, line: 1, lines: 6 } }, { area: { column: 1, span: 2, line: 1, lines: 1 } }));
    },
    check: (r) => {
      const report = expectRendered(r);
      const over = report.warnings.filter((w) => w.code === "overset").map((w) => w.message);
      if (over.length !== 1 || !/^lead: \d+ lines \(\d+ characters\) do not fit in its last part, lead-jump on page 2; /.test(over[0]!)) {
        throw new Error(`expected one overset warning on the story, got ${JSON.stringify(over)}`);
      }
      const parts = (report.stories[0] as { parts?: { jumpTo?: string; jumpFrom?: string }[] }).parts;
      if (parts?.[0]?.jumpTo !== "（下转第2版）" || parts[1]?.jumpFrom !== "（上接第1版）") throw new Error(`jump lines: ${JSON.stringify(parts)}`);
    },
  },
];
