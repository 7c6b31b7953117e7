/**
 * How this process started: from the start-up snapshot (bin/paiban with dist/paiban.blob, see
 * snapshot.ts) or by loading the modules (dist/cli/main.js). `paiban render --timings` says
 * which, so a test and a user can tell whether the fast start is in use.
 */
export type Start = "snapshot" | "modules";

let start: Start = "modules";

export function setStart(how: Start): void {
  start = how;
}

export function startedFrom(): Start {
  return start;
}
