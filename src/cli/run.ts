/**
 * How every command ends: exit 0 when it worked; 1 with one clear line for bad input or a
 * failed check (never a stack trace); 2 for a usage error (yargs).
 */
import { PaibanError, printable } from "../common/diagnostics.js";

export function fail(err: unknown): never {
  if (err instanceof PaibanError) {
    process.stderr.write(`paiban: ${err.format()}\n`);
    process.exit(err.exitCode);
  }
  const message = printable(err instanceof Error ? err.message : String(err));
  process.stderr.write(`paiban: internal error: ${message}\n`);
  if (process.env.PAIBAN_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write("paiban: (set PAIBAN_DEBUG=1 for details and report this as a bug)\n");
  process.exit(1);
}

/** Run an async command handler, turning every failure into a message and exit code. */
export function handle<A>(fn: (args: A) => Promise<void> | void): (args: A) => Promise<void> {
  return async (args: A) => {
    try {
      await fn(args);
    } catch (err) {
      fail(err);
    }
  };
}
