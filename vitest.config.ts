import { defineConfig } from "vitest/config";

// Many tests run the real CLI in a child process; on a busy 2-core machine one of those can
// take several seconds, so the per-test bound is generous. Benchmarks live in bench/, not here.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The fast paths through fontkit, pdfkit, zlib and yargs, as the command line installs them
    // (PAIBAN_NO_FAST_PATHS=1: the plain paths).
    setupFiles: ["tests/setup.ts"],
  },
});
