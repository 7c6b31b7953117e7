/** `paiban preflight`, `paiban fonts`, `paiban schema`. */
import { InputFileError, readInputFileSync } from "../common/input-file.js";
import { MAX_COPY_BYTES } from "../copy/load.js";
import fs from "node:fs";
import path from "node:path";
import type { Argv } from "yargs";
import { PaibanError } from "../common/diagnostics.js";
import { DEFAULT_INK_LIMIT, PRINT_MIN_PPI } from "../common/print.js";
import { FontStore } from "../fonts/store.js";
import { FONT_ROLES, makeFontMap, type FontOverrides } from "../fonts/fontmap.js";
import { layoutJsonSchemaText } from "../layout/emit-schema.js";
import { loadLayout } from "../pipeline/load.js";
import { handle } from "./run.js";

export function preflightCommand(y: Argv): Argv {
  return y.command(
    "preflight <pdf>",
    "Check any PDF for print: fonts embedded, CMYK only, boxes, image resolution, ink, PDF/X keys",
    (b) =>
      b
        .positional("pdf", { type: "string", demandOption: true })
        .option("json", { type: "boolean", default: false, describe: "print the findings as JSON" })
        .option("ink-limit", { type: "number", default: DEFAULT_INK_LIMIT, describe: "total ink limit, %" })
        .option("min-ppi", { type: "number", default: PRINT_MIN_PPI, describe: "lowest effective image resolution" })
        .example("$0 preflight page.pdf", "exit 0 when fit for print, 1 with the reasons when not"),
    handle(async (a) => {
      // yargs turns "abc" into NaN, which would switch the check off: a usage error instead.
      for (const [flag, value, max] of [["--ink-limit", a.inkLimit, 1000], ["--min-ppi", a.minPpi, 10_000]] as const) {
        if (!Number.isFinite(value) || value <= 0 || value > max) throw new PaibanError(`${flag} must be a number above 0 and at most ${max}`, { exitCode: 2 });
      }
      if (!fs.existsSync(a.pdf)) throw new PaibanError("file not found", { file: a.pdf });
      const { preflight } = await import("../preflight/preflight.js");
      const result = await preflight(a.pdf, { inkLimit: a.inkLimit, minPpi: a.minPpi });
      if (a.json) process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
      else {
        process.stdout.write(`${a.pdf}: ${result.ok ? "fit for print" : "NOT fit for print"}\n`);
        for (const p of result.problems) process.stdout.write(`  ${p.page ? `page ${p.page}: ` : ""}${p.object !== undefined ? `object ${p.object}: ` : ""}${p.code}: ${p.message}\n`);
      }
      if (!result.ok) process.exitCode = 1;
    }),
  );
}

/** Characters of `text` that no face of the map can set. */
function unsetCharacters(overrides: FontOverrides, text: string, store: FontStore): string[] {
  const fonts = makeFontMap(overrides, store);
  const faces = [...new Set(FONT_ROLES.flatMap((r) => (["regular", "bold"] as const).map((w) => fonts.peek(r, w).font.file)))].map((file) => store.open({ file }));
  const missing = new Set<string>();
  for (const ch of text) {
    if (/\s/u.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (!faces.some((f) => f.has(cp))) missing.add(ch);
  }
  return [...missing];
}

export function fontsCommand(y: Argv): Argv {
  return y.command(
    "fonts",
    "List the font roles and their files; with --check, the characters of a text no font can set",
    (b) =>
      b
        .option("layout", { type: "string", describe: "use the font overrides of this layout" })
        .option("check", { type: "string", describe: "a text file whose characters to check" })
        .example("$0 fonts", "roles → files")
        .example("$0 fonts --check story.md", "characters no configured font has (exit 1 if any)"),
    handle(async (a) => {
      const store = new FontStore();
      const overrides = a.layout ? (await loadLayout(a.layout, store)).edition.fonts : {};
      const fonts = makeFontMap(overrides, store);
      for (const r of fonts.table()) {
        const note = r.from !== r.role || r.fromWeight !== r.weight ? `  (falls back to ${r.from} ${r.fromWeight})` : "";
        process.stdout.write(`${r.role.padEnd(9)}${r.weight.padEnd(8)}${path.relative(process.cwd(), r.font.file)}${r.font.face ? ` [${r.font.face}]` : ""}${note}\n`);
      }
      if (a.check) {
        let text: string;
        try {
          text = readInputFileSync(a.check, MAX_COPY_BYTES).toString("utf8");
        } catch (e) {
          throw new PaibanError(e instanceof InputFileError ? e.message : "file not found or unreadable", { file: a.check });
        }
        const missing = unsetCharacters(overrides, text, store);
        if (missing.length) {
          process.stdout.write(`${a.check}: ${missing.length} character(s) no configured font can set: ${missing.map((c) => `${c} U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(", ")}\n`);
          process.exitCode = 1;
        } else process.stdout.write(`${a.check}: every character can be set\n`);
      }
    }),
  );
}

export function schemaCommand(y: Argv): Argv {
  return y.command(
    "schema",
    "Print the layout JSON Schema (for editors: reference it with \"$schema\")",
    (b) => b.example("$0 schema > layout.schema.json", ""),
    handle(() => {
      process.stdout.write(layoutJsonSchemaText());
    }),
  );
}
