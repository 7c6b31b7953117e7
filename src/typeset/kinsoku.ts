/**
 * 避头尾 (line-start and line-end prohibitions), as data, by level (clreq §3.1.7,
 * GB/T 15834 §5.1): which classes may not start a line, which may not end one.
 */
import type { CharClass } from "./classes.js";
import type { KinsokuLevel } from "../common/setting.js";

export interface KinsokuRules {
  /** Classes that may not stand at the start of a line. */
  notAtStart: ReadonlySet<CharClass>;
  /** Classes that may not stand at the end of a line. */
  notAtEnd: ReadonlySet<CharClass>;
}

const BASIC_START: CharClass[] = ["stop", "pause", "close", "connector", "interpunct", "solidus", "postfix"];
const BASIC_END: CharClass[] = ["open", "prefix"];

export const KINSOKU: Record<KinsokuLevel, KinsokuRules> = {
  basic: { notAtStart: new Set(BASIC_START), notAtEnd: new Set(BASIC_END) },
  gb: { notAtStart: new Set(BASIC_START), notAtEnd: new Set([...BASIC_END, "solidus"]) },
  strict: {
    notAtStart: new Set([...BASIC_START, "dash", "ellipsis"]),
    notAtEnd: new Set([...BASIC_END, "solidus"]),
  },
};

/** May a line end between a unit of class `before` and one of class `after`? */
export function mayBreakBetween(before: CharClass, after: CharClass, rules: KinsokuRules): boolean {
  return !rules.notAtEnd.has(before) && !rules.notAtStart.has(after);
}
