/**
 * Bad and odd inputs through the real CLI (`node dist/cli/main.js`, built by `npm test`):
 * every row states exactly what the user gets. See rows.ts; the README's "Bad input" section is the table.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { ROWS, type Row } from "./rows.js";
import { runRow } from "./run.js";

describe.concurrent("bad input table", () => {
  test("has at least 40 rows, each input once", () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ROWS.map((r) => r.input)).size).toBe(ROWS.length);
  });
  for (const row of ROWS.filter((r) => !r.timed)) defineRow(row);
});

// Rows that assert a time bound run one at a time, not in the crowd of the others.
describe("bad input table, timed rows", () => {
  for (const row of ROWS.filter((r) => r.timed)) defineRow(row);
});

function defineRow(row: Row): void {
  test(`${row.group}: ${row.input}`, { timeout: row.timed ? 60_000 : 30_000 }, async () => {
    const r = await runRow((dir) => row.setup(dir), row.command ?? "render", row.args ?? [], row.env ?? {}, row.out);
    await row.check(r);
  });
}

/** The README's "Bad input" section, from the rows. */
export function markdownTable(rows: Row[]): string {
  const count = (o: Row["outcome"]) => rows.filter((r) => r.outcome === o).length;
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "## Bad input: what you get",
    "",
    "Every row is a test in `tests/bad-input/table.test.ts` that runs the real CLI",
    "(`paiban render` unless the row names another command) on a fixture written to a temp folder.",
    "A refusal is one line on stderr, `paiban: FILE: PLACE: message`, exit code 1 (2 for a usage",
    "error), no stack trace, no PDF or report written and the previous PDF and report at the output",
    "path left byte for byte as they were. A warning goes to stderr (`paiban: warning: …`) and into",
    "the layout report, and the PDF is written.",
    "",
    `${rows.length} rows: ${count("refused")} refused (exit 1), ${count("usage")} usage errors (exit 2), ${count("warned")} rendered with a warning or a checked result, ${count("clean")} rendered clean (exit 0).`,
    "",
    "| # | area | input | what the user gets | exit |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((r, i) => `| ${i + 1} | ${r.group} | ${esc(r.input)}${r.args?.length ? ` (\`${r.args.join(" ")}\`)` : ""}${r.command && r.command !== "render" ? ` (\`${r.command}\`)` : ""} | ${esc(r.gets)} | ${r.outcome === "refused" ? 1 : r.outcome === "usage" ? 2 : 0} |`),
    "",
  ].join("\n");
}

const README = join(import.meta.dirname, "../../README.md");
const SECTION = /## Bad input: what you get\n[\s\S]*?\n(?=## )/;

test("the README lists every row as it is tested (PAIBAN_WRITE_TABLE=1 rewrites it)", () => {
  if (process.env.PAIBAN_WRITE_TABLE) writeFileSync(README, readFileSync(README, "utf8").replace(SECTION, `${markdownTable(ROWS)}\n`));
  expect(readFileSync(README, "utf8").match(SECTION)?.[0]).toBe(`${markdownTable(ROWS)}\n`);
});
