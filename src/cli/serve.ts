/** `paiban serve`: a live preview of a layout in the browser, on 127.0.0.1. */
import type { Argv } from "yargs";
import { oversetSummary } from "../serve/diff.js";
import { DEFAULT_PORT, servePreview } from "../serve/server.js";
import type { Attempt } from "../serve/session.js";
import type { Preview } from "../serve/live.js";
import { handle } from "./run.js";
import { clock, names } from "./watch.js";

function describe(a: Attempt<Preview>): string {
  const time = clock();
  const cause = a.changed.length ? `${names(a.changed)} changed → ` : "";
  if (!a.ok) return `[${time}] ${cause}paiban: ${a.error}\n`;
  const lines = a.first ? [] : a.diff.map((l) => `  ${l}\n`);
  return `[${time}] ${cause}rendered in ${a.ms} ms; ${oversetSummary(a.outcome.report)}\n${lines.join("")}`;
}

export function serveCommand(y: Argv): Argv {
  return y.command(
    "serve <layout>",
    "Live preview in the browser: re-renders on every save, shows overset, errors and each story's report",
    (b) =>
      b
        .positional("layout", { type: "string", demandOption: true, describe: "layout JSON file" })
        .option("port", { alias: "p", type: "number", default: DEFAULT_PORT, describe: "port on 127.0.0.1 (0 picks a free one)" })
        .option("root", { type: "string", describe: "project folder: only files inside it are served (default: the current folder)" })
        .example("$0 serve layouts/quxian.json", `open http://127.0.0.1:${DEFAULT_PORT}/`),
    handle(async (a) => {
      const server = await servePreview({ layout: a.layout, port: a.port, root: a.root, onAttempt: (at) => process.stdout.write(describe(at)) });
      process.stdout.write(`preview of ${a.layout} on ${server.url} (127.0.0.1 only; Ctrl-C stops)\n`);
      await new Promise<void>((done) => {
        const stop = () => void server.close().then(done);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    }),
  );
}
