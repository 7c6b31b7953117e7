#!/usr/bin/env node
/** The `paiban` command line. */
import { hideBin } from "yargs/helpers";
import { installFastPaths } from "../pipeline/fast-paths.js";
import { runCli } from "./app.js";

installFastPaths();
await runCli(hideBin(process.argv));
