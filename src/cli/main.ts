#!/usr/bin/env node
/** The `paiban` command line. */
import { hideBin } from "yargs/helpers";
import { runCli } from "./app.js";

await runCli(hideBin(process.argv));
