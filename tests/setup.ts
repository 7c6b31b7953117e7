/** Every test file starts as the command line does: with the fast paths (src/pipeline/fast-paths.ts), unless PAIBAN_NO_FAST_PATHS=1. */
import { installFastPaths } from "../src/pipeline/fast-paths.js";

installFastPaths();
