/** `paiban typeset`: set paragraphs in one column (a galley, 毛条) and show the lines. */
import fs from "node:fs";
import type { Argv } from "yargs";
import { PaibanError, printable } from "../common/diagnostics.js";
import { InputFileError, readInputFileSync } from "../common/input-file.js";
import { MAX_COPY_BYTES } from "../copy/load.js";
import { FONT_ROLES, makeFontMap, type Weight } from "../fonts/fontmap.js";
import { FontStore } from "../fonts/store.js";
import type { KinsokuLevel, PunctuationStyle } from "../common/setting.js";
import type { FontRole } from "../fonts/types.js";
import { makeContext } from "../makeup/context.js";
import { composeParagraph } from "../typeset/compose.js";
import { fitVariants, type FitCost } from "../typeset/fit.js";
import { loadHouseStyle } from "../typeset/house-style.js";
import { KINSOKU } from "../typeset/kinsoku.js";
import { STYLES } from "../typeset/styles.js";
import type { SetParagraph } from "../typeset/types.js";
import { handle } from "./run.js";

/** A built-in punctuation style's name (the composer's own table of them), or not. */
const isStyleName = (name: string): name is PunctuationStyle => Object.hasOwn(STYLES, name);

export interface TypesetArgs {
  file?: string;
  measure: number;
  size: number;
  indent: number;
  style: string;
  kinsoku: string;
  font: string;
  weight: string;
  json: boolean;
  pdf?: string;
  vertical: boolean;
  digits: number;
  quotes: string;
  lines: number;
}

export function typesetCommand(y: Argv): Argv {
  return y.command(
    "typeset [file]",
    "Set paragraphs (one per line, from FILE or stdin) in one column and print the lines",
    (b) =>
      b
        .positional("file", { type: "string", describe: "text file, one paragraph per line (default: stdin)" })
        .option("measure", { type: "number", demandOption: true, describe: "column measure, em of the type size" })
        .option("size", { type: "number", default: 9, describe: "type size, pt" })
        .option("indent", { type: "number", default: 2, describe: "first-line indent, em" })
        .option("style", { type: "string", default: "kaiming", describe: "punctuation style: kaiming 开明, quanjiao 全角, banjiao 半角, hangmo 行末半角, or a house-style JSON file" })
        .option("kinsoku", { choices: Object.keys(KINSOKU), default: "gb", describe: "line-start/end rules (避头尾) level" })
        .option("font", { choices: [...FONT_ROLES], default: "song", describe: "font role" })
        .option("weight", { choices: ["regular", "bold"], default: "regular" })
        .option("json", { type: "boolean", default: false, describe: 'print {"paragraphs":[{"text","lines"}]}' })
        .option("pdf", { type: "string", describe: "also write a galley proof PDF of the column" })
        .option("vertical", { type: "boolean", default: false, describe: "set vertical lines (竖排), the measure being the line's length; lines print in reading order, right to left" })
        .option("digits", { type: "number", default: 2, describe: "with --vertical: numbers of up to this many digits stand upright in one em (纵中横), longer ones are turned" })
        .option("quotes", { choices: ["corner", "turned"], default: "corner", describe: "with --vertical: set “”‘’ as 「」『』 (corner) or turn them (turned)" })
        .option("lines", {
          type: "number",
          default: 0,
          describe: "copyfit: set each paragraph this many lines longer (+1, loosened) or shorter (-1, tightened), within the style's limits",
        })
        .check((a) => {
          if (!isStyleName(a.style) && !a.style.endsWith(".json")) throw new Error(`--style must be one of ${Object.keys(STYLES).join(", ")} or a .json house style, not ${a.style}`);
          if (!(a.measure > 0)) throw new Error("--measure must be a number of em greater than 0");
          if (!(a.size > 0)) throw new Error("--size must be a size in pt greater than 0");
          if (!(a.indent >= 0) || a.indent >= a.measure) throw new Error("--indent must be at least 0 and less than --measure");
          if (!(Number.isInteger(a.digits) && a.digits >= 0 && a.digits <= 3)) throw new Error("--digits must be 0, 1, 2 or 3");
          if (!Number.isInteger(a.lines) || Math.abs(a.lines) > 99) throw new Error("--lines must be a whole number of lines from -99 to 99 (+1 one line longer, -1 one shorter)");
          return true;
        })
        .example("$0 typeset story.txt --measure 23 --size 9", "print the lines of a 23-em column")
        .example("$0 typeset --measure 16.5 --json < story.txt", "lines as JSON")
        .example("$0 typeset story.txt --measure 23 --pdf galley.pdf", "a galley proof to look at")
        .example("$0 typeset story.txt --measure 20 --vertical --pdf galley.pdf", "vertical lines 20 em long, and their galley")
        .example("$0 typeset story.txt --measure 23 --lines 1 --pdf loose.pdf", "each paragraph one line longer (撑行)"),
    handle(async (a) => runTypeset(a)),
  );
}

function readParagraphs(file: string | undefined): string[] {
  let text: string;
  try {
    text = (file === undefined ? fs.readFileSync(0) : readInputFileSync(file, MAX_COPY_BYTES)).toString("utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PaibanError(code === "ENOENT" ? "file not found" : e instanceof InputFileError ? e.message : `cannot read (${code})`, { file: file ?? "stdin" });
  }
  return text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

export async function runTypeset(a: TypesetArgs): Promise<void> {
  const paragraphs = readParagraphs(a.file);
  const fonts = makeFontMap({}, new FontStore());
  // The chain page make-up uses: the role's face, then the other roles for what it lacks.
  const faces = makeContext(fonts).faces({ font: a.font as FontRole, weight: a.weight as Weight });
  for (const w of fonts.warnings()) process.stderr.write(`paiban: warning: ${printable(w.message)}\n`);
  const style = isStyleName(a.style) ? a.style : loadHouseStyle(a.style);
  if (a.vertical) {
    const { runVerticalTypeset } = await import("./typeset-vertical.js");
    return runVerticalTypeset(paragraphs, faces, style, a);
  }
  const options = { measure: a.measure, size: a.size, indent: a.indent, style, kinsoku: a.kinsoku as KinsokuLevel };
  const fits: (FitCost | undefined)[] = [];
  const set: SetParagraph[] = paragraphs.map((p, k) => {
    if (a.lines === 0) return composeParagraph(p, faces, options);
    const f = fitVariants(p, faces, options);
    const v = f.variant(a.lines);
    fits.push(v?.cost);
    if (!v) {
      const { loosen, tighten } = f.limits;
      const limit = a.lines > 0 ? `loosen ${loosen} em per gap` : `tighten ${tighten} em per gap`;
      process.stderr.write(
        `paiban: warning: paragraph ${k + 1} cannot be set ${Math.abs(a.lines)} line${Math.abs(a.lines) === 1 ? "" : "s"} ${a.lines > 0 ? "longer" : "shorter"} within the style's limits (${limit}); set as it is\n`,
      );
    }
    return v?.paragraph ?? f.natural;
  });
  set.forEach((p, k) => {
    for (const m of p.missing) process.stderr.write(`paiban: warning: no font can set ${JSON.stringify(m.char)} at offset ${m.offset}\n`);
    for (const l of p.lines) {
      if (l.overfull) process.stderr.write(`paiban: warning: paragraph ${k + 1}: “${l.text}” is wider than the measure (nothing on it can break)\n`);
    }
  });
  if (a.json) {
    const paragraphJson = (p: SetParagraph, k: number) => ({
      text: p.text,
      lines: p.lines.map((l) => l.text),
      ...(a.lines !== 0 ? { fit: fits[k] ?? null } : {}),
    });
    process.stdout.write(`${JSON.stringify({ paragraphs: set.map(paragraphJson) }, null, 1)}\n`);
  } else {
    process.stdout.write(set.map((p) => p.lines.map((l) => `${l.text}\n`).join("")).join("\n"));
  }
  if (a.pdf) {
    const { galleyDocument } = await import("../makeup/galley.js");
    const { writePdf } = await import("../render/pdf.js");
    await writePdf(galleyDocument(set, { measure: a.measure, size: a.size }), { out: a.pdf, mode: "proof", fonts: fonts.store });
    process.stderr.write(`paiban: galley written to ${a.pdf}\n`);
  }
}
