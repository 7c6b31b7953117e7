/**
 * Rows of the bad-input table for vertical setting (竖排, issue 14): "direction" where it cannot
 * go or with a bad value, vertical geometry that cannot fit, and a face without vertical data.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { page, photo, story, writeLayout } from "./fixtures.js";
import { LATIN_REGULAR } from "./fonts.js";
import type { Row } from "./rows.js";
import { expectRefused, expectRendered, type RunResult } from "./run.js";

const refused = (re: RegExp) => (r: RunResult) => expectRefused(r, re);
const layout = (items: unknown[], extra: Record<string, unknown> = {}) => (dir: string) => void writeLayout(dir, page(items, extra));
const RULE = { type: "rule", orientation: "vertical", column: 3, line: 1, lines: 20 };
const ONLY = /only a story's or a sidebar's body, a story's headline \(竖题\) and a photo's caption can be set vertically/;

export const VERTICAL_ROWS: Row[] = [
  {
    group: "vertical",
    input: '"direction": "vertical" on a rule',
    gets: "`items[1].direction: \"direction\" cannot be set here: only a story's or a sidebar's body, a story's headline (竖题) and a photo's caption can be set vertically`",
    outcome: "refused",
    setup: layout([story(), { ...RULE, direction: "vertical" }]),
    check: refused(new RegExp(`^paiban: layout\\.json: items\\[1\\]\\.direction: "direction" cannot be set here: ${ONLY.source} \\(line \\d+, column \\d+\\)$`)),
  },
  {
    group: "vertical",
    input: '"direction": "vertical" on a photo itself',
    gets: '`items[1].direction: "direction" cannot be set here: only … a photo\'s caption can be set vertically`',
    outcome: "refused",
    setup: async (dir) => {
      const { jpeg } = await import("./fixtures.js");
      writeFileSync(join(dir, "pic.jpg"), await jpeg(900, 600));
      writeLayout(dir, page([story(), photo("pic.jpg", { direction: "vertical" })]));
    },
    check: refused(/^paiban: layout\.json: items\[1\]\.direction: "direction" cannot be set here: only .* can be set vertically/),
  },
  {
    group: "vertical",
    input: '"direction": "vertical" on the running head',
    gets: '`runningHead.direction: "direction" cannot be set here: …`',
    outcome: "refused",
    setup: layout([story()], { runningHead: { direction: "vertical" } }),
    check: refused(/^paiban: layout\.json: runningHead\.direction: "direction" cannot be set here: only /),
  },
  {
    group: "vertical",
    input: '"direction": "vertcal" (a misspelt value)',
    gets: '`items[0].direction: unknown direction "vertcal"; did you mean "vertical"? (directions: horizontal (横排, the default), vertical (竖排))`',
    outcome: "refused",
    setup: layout([story("story.md", { direction: "vertcal" })]),
    check: refused(/^paiban: layout\.json: items\[0\]\.direction: unknown direction "vertcal"; did you mean "vertical"\? \(directions: horizontal \(横排, the default\), vertical \(竖排\)\)/),
  },
  {
    group: "vertical",
    input: "a vertical caption below its photo",
    gets: '`items[1].caption.direction: a vertical caption stands beside its photo: give "position": "right" or "left" …`',
    outcome: "refused",
    setup: async (dir) => {
      const { jpeg } = await import("./fixtures.js");
      writeFileSync(join(dir, "pic.jpg"), await jpeg(900, 600));
      writeLayout(dir, page([story(), photo("pic.jpg", { caption: { copy: "story.md", position: "below", direction: "vertical" } })]));
    },
    check: refused(/^paiban: layout\.json: items\[1\]\.caption\.direction: a vertical caption stands beside its photo: give "position": "right" or "left"/),
  },
  {
    group: "vertical",
    input: "a vertical headline (竖题) given grid lines",
    gets: "`items[0].headline.lines: a vertical headline (竖题) takes no grid lines above the body: it stands at the right of the area, as wide as its parts`",
    outcome: "refused",
    setup: layout([story("story.md", { headline: { direction: "vertical", lines: 4 } })]),
    check: refused(/^paiban: layout\.json: items\[0\]\.headline\.lines: a vertical headline \(竖题\) takes no grid lines above the body/),
  },
  {
    group: "vertical",
    input: "vertical lines longer than the area is tall (measure 40em in 20 lines)",
    gets: '`items[0].measure: measure "40em" is too long for vertical lines: 360 pt, but the area below the headline is 202.5 pt tall; the longest line that fits is 202.5 pt`',
    outcome: "refused",
    setup: layout([story("story.md", { direction: "vertical", measure: "40em" })]),
    check: refused(/^paiban: layout\.json: items\[0\]\.measure: measure "40em" is too long for vertical lines: 360 pt, but the area below the headline is 202\.5 pt tall; the longest line that fits is 202\.5 pt/),
  },
  {
    group: "vertical",
    input: 'houseStyle.vertical.uprightDigits 4 (纵中横 of 4 digits)',
    gets: "`houseStyle.vertical.uprightDigits: must be at most 3, found 4`",
    outcome: "refused",
    setup: layout([story()], { houseStyle: { vertical: { uprightDigits: 4 } } }),
    check: refused(/^paiban: layout\.json: houseStyle\.vertical\.uprightDigits: must be at most 3, found 4/),
  },
  {
    group: "vertical",
    input: "a vertical story in a face with no vertical metrics (Latin-only song)",
    gets: "renders: the Latin words turned, the Chinese from the fallback chain's vertical forms; warning `lead: LiberationSans has no vertical metrics (vhea/vmtx): its glyphs are set on 1-em cells from the em box's top`",
    outcome: "warned",
    setup: (dir) => {
      copyFileSync(LATIN_REGULAR, join(dir, "latin.ttf"));
      writeLayout(dir, page([story("story.md", { direction: "vertical" })], { fonts: { song: { regular: "latin.ttf" } } }));
      writeFileSync(join(dir, "story.md"), "---\ntitle: 标题\n---\n正文 Latin text 和中文，11月。\n");
    },
    check: (r) => {
      const rep = expectRendered(r);
      const fonts = rep.warnings.filter((w) => w.code === "font-fallback").map((w) => w.message);
      expect(fonts).toContain("lead: LiberationSans has no vertical metrics (vhea/vmtx): its glyphs are set on 1-em cells from the em box's top");
      expect(rep.stories[0]!.overset.lines).toBe(0);
      expect(r.stderr).toContain("paiban: warning: lead: LiberationSans has no vertical metrics");
    },
  },
];
