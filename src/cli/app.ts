/** The `paiban` command line as a function of its arguments (main.ts runs it). */
import yargs, { type Argv } from "yargs";
import { printable } from "../common/diagnostics.js";
import { fastPaths } from "../common/fast-paths.js";

type Register = (y: Argv) => Argv;

/**
 * Each command's module, loaded only when that command runs (start-up time is what layout
 * staff wait for on every proof); `--help` and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<Register[]>> = {
  render: async () => [(await import("./render.js")).renderCommand],
  validate: async () => [(await import("./render.js")).validateCommand],
  typeset: async () => [(await import("./typeset.js")).typesetCommand],
  fit: async () => [(await import("./fit.js")).fitCommand],
  preflight: async () => [(await import("./misc.js")).preflightCommand],
  fonts: async () => [(await import("./misc.js")).fontsCommand],
  schema: async () => [(await import("./misc.js")).schemaCommand],
  watch: async () => [(await import("./watch.js")).watchCommand],
  serve: async () => [(await import("./serve.js")).serveCommand],
};

/** Run the command line on `args` (the words after `paiban`). */
export async function runCli(args: string[]): Promise<void> {
  // Output piped into a program that stops reading (paiban fonts | head) ends quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(0);
      throw err;
    });
  }
  const asked = args[0];
  const cli = yargs(args)
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
        process.stderr.write(`paiban: ${printable(err.message)}\n(paiban <command> --help shows the options)\n`);
        process.exit(2);
      }
      const unknown = asked && !asked.startsWith("-") && !COMMANDS[asked] ? `unknown command "${asked}". ` : "";
      process.stderr.write(`paiban: ${printable(`${unknown}${msg}`)}\n(paiban --help lists the commands; paiban <command> --help their options)\n`);
      process.exit(2);
    });

  fastPaths.commandLine(cli);

  const wanted = asked && COMMANDS[asked] ? [COMMANDS[asked]] : asked === "--version" ? [] : Object.values(COMMANDS);
  for (const load of wanted) for (const register of await load()) register(cli);

  await cli.parseAsync();
}
