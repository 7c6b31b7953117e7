#!/usr/bin/env node
/** The `paiban` command line. */
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { fontsCommand, preflightCommand, schemaCommand } from "./misc.js";
import { renderCommand, validateCommand } from "./render.js";
import { serveCommand } from "./serve.js";
import { typesetCommand } from "./typeset.js";
import { watchCommand } from "./watch.js";

const cli = yargs(hideBin(process.argv))
  .scriptName("paiban")
  .usage("$0 <command> [options]\n\n排版 — Chinese newspaper pages from layout JSON to print-ready PDF")
  .strict()
  .demandCommand(1, "name a command: paiban --help lists them")
  .recommendCommands()
  .help()
  .alias("h", "help")
  .version()
  .wrap(Math.min(100, process.stdout.columns || 100))
  // Only usage errors reach here (command handlers report their own failures): exit 2.
  .fail((msg, err) => {
    if (err) {
      process.stderr.write(`paiban: ${err.message}\n(paiban <command> --help shows the options)\n`);
      process.exit(2);
    }
    process.stderr.write(`paiban: ${msg}\n(paiban --help lists the commands; paiban <command> --help their options)\n`);
    process.exit(2);
  });

renderCommand(cli);
validateCommand(cli);
typesetCommand(cli);
preflightCommand(cli);
fontsCommand(cli);
schemaCommand(cli);
watchCommand(cli);
serveCommand(cli);

await cli.parseAsync();
