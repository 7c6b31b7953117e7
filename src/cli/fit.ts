/** `paiban fit`: the editor's estimate of every story and box item against its area. */
import type { Argv } from "yargs";
import { fitTable, fitText } from "../pipeline/fit.js";
import { layOut } from "../pipeline/render.js";
import { handle } from "./run.js";

export function fitCommand(y: Argv): Argv {
  return y.command(
    "fit <layout>",
    "Per story and box item: the area's capacity in lines and characters, the copy's length, what to cut or add, and whether copyfit absorbs it",
    (b) =>
      b
        .positional("layout", { type: "string", demandOption: true, describe: "layout JSON file" })
        .option("json", { type: "boolean", default: false, describe: 'print {"stories":[{"id","capacity":{"lines","chars"},"copy":{"chars"},"difference":{"chars"},"copyfitCanAbsorb"}]}' })
        .example("$0 fit layouts/quxian.json", "one line per story: capacity, copy, characters to cut (+) or add (−)"),
    handle(async (a) => {
      const { report } = await layOut(a.layout);
      const table = fitTable(report);
      process.stdout.write(a.json ? `${JSON.stringify(table)}\n` : fitText(table).map((l) => `${l}\n`).join(""));
    }),
  );
}
