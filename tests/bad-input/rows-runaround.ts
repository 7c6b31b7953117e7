/**
 * Rows of the bad-input table for 图文互斥 (issue 15): a photo's or box's `runaround` that is no
 * clearance, `runaround` on an item that cannot carry it, and a photo over a story's columns in
 * print (text run around it, or printed under it on purpose with `runaround: false`).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { jpeg, page, photo, story, writeLayout } from "./fixtures.js";
import type { Row } from "./rows.js";
import { expectRefused, expectRendered, type RunResult } from "./run.js";

/**
 * The story (two text columns over grid columns 1–2, its text from line 6 under a 5-line
 * headline) with a photo over its first column, lines 7–10.
 */
const over = (more: Record<string, unknown>) => async (dir: string) => {
  writeFileSync(join(dir, "big.jpg"), await jpeg(1200, 1000));
  writeLayout(dir, page([story(), photo("big.jpg", { area: { column: 1, span: 1, line: 7, lines: 4 }, ...more })]));
};
const refused = (re: RegExp) => (r: RunResult) => expectRefused(r, re);
const HELP = `runaround is a clearance such as "2mm" \\(the text of a story under the item runs around it\\), or false to print the item over the text`;

export const RUNAROUND_ROWS: Row[] = [
  {
    group: "runaround",
    input: 'runaround "abc" on a photo',
    gets: '`items[1].runaround: "abc" is not a length: a length needs a unit: mm, pt, em/字, line/行, col/栏; runaround is a clearance such as "2mm" …, or false …`',
    outcome: "refused",
    setup: over({ runaround: "abc" }),
    check: refused(new RegExp(`^paiban: layout\\.json: items\\[1\\]\\.runaround: "abc" is not a length: .*; ${HELP} \\(line \\d+, column \\d+\\)$`)),
  },
  {
    group: "runaround",
    input: 'runaround "-2mm" (negative)',
    gets: '`items[1].runaround: "-2mm" must not be negative; runaround is a clearance such as "2mm" …`',
    outcome: "refused",
    setup: over({ runaround: "-2mm" }),
    check: refused(new RegExp(`^paiban: layout\\.json: items\\[1\\]\\.runaround: "-2mm" must not be negative; ${HELP} \\(line \\d+, column \\d+\\)$`)),
  },
  {
    group: "runaround",
    input: "runaround true",
    gets: '`items[1].runaround: runaround is a clearance such as "2mm" …, or false …; found true`',
    outcome: "refused",
    setup: over({ runaround: true }),
    check: refused(new RegExp(`^paiban: layout\\.json: items\\[1\\]\\.runaround: ${HELP}; found the value true \\(line \\d+, column \\d+\\)$`)),
  },
  {
    group: "runaround",
    input: 'runaround "200mm" (beyond any clearance)',
    gets: '`items[1].runaround: "200mm" is more than a runaround clearance can be (at most 100 mm)`',
    outcome: "refused",
    setup: over({ runaround: "200mm" }),
    check: refused(/^paiban: layout\.json: items\[1\]\.runaround: "200mm" is more than a runaround clearance can be \(at most 100 mm\)/),
  },
  {
    group: "runaround",
    input: "runaround on a rule",
    gets: "`items[1].runaround: a rule cannot carry runaround: only a photo or a sidebar placed over a story has the story's text run around it (图文互斥)`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story(), { type: "rule", orientation: "vertical", column: 2, line: 1, lines: 10, runaround: "2mm" }])),
    check: refused(/^paiban: layout\.json: items\[1\]\.runaround: a rule cannot carry runaround: only a photo or a sidebar placed over a story has the story's text run around it \(图文互斥\)/),
  },
  {
    group: "runaround",
    input: "runaround on a story",
    gets: "`items[0].runaround: a story cannot carry runaround: …`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story("story.md", { runaround: "2mm" })])),
    check: refused(/^paiban: layout\.json: items\[0\]\.runaround: a story cannot carry runaround: only a photo or a sidebar/),
  },
  {
    group: "runaround",
    input: 'houseStyle.runaround.clearance "abc"',
    gets: '`houseStyle.runaround.clearance: "abc" is not a length: a length needs a unit: …`',
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story()], { houseStyle: { runaround: { clearance: "abc" } } })),
    check: refused(/^paiban: layout\.json: houseStyle\.runaround\.clearance: "abc" is not a length: a length needs a unit/),
  },
  {
    group: "runaround",
    input: "houseStyle.runaround.minLines 0",
    gets: "`houseStyle.runaround.minLines: expected a whole number ≥ 1, found 0`",
    outcome: "refused",
    setup: (dir) => void writeLayout(dir, page([story()], { houseStyle: { runaround: { minLines: 0 } } })),
    check: refused(/^paiban: layout\.json: houseStyle\.runaround\.minLines: expected a whole number ≥ 1, found 0/),
  },
  {
    group: "runaround",
    input: "print with a photo over a story's first column",
    gets: "print PDF; the story's text goes on below the photo, the one line left above it skipped (report: runaround `{items: [{id: pic, columns: [1], lines: 4}], skipped: [{column: 1, lines: 1}], lost: 5}`), no overlap warning, no collision",
    outcome: "clean",
    args: ["--mode", "print"],
    setup: over({}),
    check: (r) => {
      const rep = expectRendered(r) as ReturnType<typeof expectRendered> & { stories: { runaround?: unknown }[] };
      expect(rep.stories[0]!.runaround).toEqual({ items: [{ id: "pic", columns: [1], lines: 4 }], skipped: [{ column: 1, lines: 1 }], lost: 5 });
      expect(rep.warnings.filter((w) => w.code === "overlap" || w.code === "collision")).toEqual([]);
    },
  },
  {
    group: "runaround",
    input: "print with a photo over a story and runaround false",
    gets: "print PDF; the photo prints over the story's first lines on purpose: no cut, no overlap warning, no collision refusal",
    outcome: "clean",
    args: ["--mode", "print"],
    setup: over({ runaround: false }),
    check: (r) => {
      const rep = expectRendered(r) as ReturnType<typeof expectRendered> & { stories: { runaround?: unknown }[] };
      expect(rep.stories[0]!.runaround).toBeUndefined();
      expect(rep.warnings.filter((w) => w.code === "overlap" || w.code === "collision")).toEqual([]);
    },
  },
];
