/**
 * Checking a parsed layout against the schema, and saying what is wrong in a designer's words.
 * The specific messages (lengths, colours, font roles) live on the schema; this file supplies
 * the generic ones and picks the one issue to report.
 */
import type * as z from "zod";
import type { PaibanError } from "../common/diagnostics.js";
import { didYouMean } from "../common/did-you-mean.js";
import type { LayoutSource } from "./errors.js";
import type { JsonPath } from "./json.js";
import { DIRECTION_TAKERS, ITEM_TYPES, LayoutFile, type LayoutJson } from "./schema.js";
import { describeValue } from "./units.js";

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  tuple: "an array",
  literal: "a fixed value",
};

/** Generic messages for issues the schema did not word itself. */
function errorMap(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case "invalid_type": {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      if (iss.input === undefined) return `missing: expected ${expected}`;
      return `expected ${expected}, found ${describeValue(iss.input)}`;
    }
    case "too_small":
      if (iss.origin === "array") return `needs at least ${iss.minimum} entr${iss.minimum === 1 ? "y" : "ies"}`;
      if (iss.origin === "string") return "must not be empty";
      return `must be at least ${iss.minimum}, found ${String(iss.input)}`;
    case "too_big":
      if (iss.origin === "array") return `takes at most ${iss.maximum} entries`;
      return `must be at most ${iss.maximum}, found ${String(iss.input)}`;
    case "invalid_value": {
      const values = iss.values.map((v) => JSON.stringify(v));
      if (values.length === 1) return `expected ${values[0]}, found ${JSON.stringify(iss.input)}`;
      const near = typeof iss.input === "string" ? didYouMean(iss.input, iss.values.map(String)) : "";
      return `unknown value ${JSON.stringify(iss.input)}${near} (expected one of ${values.join(", ")})`;
    }
    case "unrecognized_keys": {
      const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      const known = shape ? Object.keys(shape) : [];
      const key = iss.keys[0]!;
      const type = (iss.input as { type?: unknown } | undefined)?.type;
      if (key === "runaround" && (type === "story" || type === "rule")) {
        return `a ${type} cannot carry runaround: only a photo or a sidebar placed over a story has the story's text run around it (图文互斥)`;
      }
      if (key === "direction") return `"direction" cannot be set here: only ${DIRECTION_TAKERS} can be set vertically`;
      const more = iss.keys.length > 1 ? ` (and ${iss.keys.slice(1).map((k) => `"${k}"`).join(", ")})` : "";
      return `unknown key "${key}"${more}${didYouMean(key, known)} (keys here: ${known.join(", ")})`;
    }
    case "invalid_union":
      if ("discriminator" in iss && iss.discriminator === "type") {
        const type = (iss.input as { type?: unknown } | undefined)?.type;
        if (type === undefined) return `missing: an item needs a "type": ${ITEM_TYPES.join(", ")}`;
        const near = typeof type === "string" ? didYouMean(type, ITEM_TYPES) : "";
        return `unknown item type ${JSON.stringify(type)}${near} (types: ${ITEM_TYPES.join(", ")})`;
      }
      return undefined;
    default:
      return undefined;
  }
}

interface Finding {
  path: JsonPath;
  message: string;
  atKey: boolean;
}

/** A misspelt key also makes the key it was meant to be "missing": report the spelling. */
function preferred(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]!;
}

/**
 * The issue to report. For a union (e.g. an area that is a rectangle or a list of them) the
 * branch whose problem lies deepest is the one the designer meant; when every branch fails at
 * the union itself, the union's own message ("a colour is …") says what is accepted.
 */
function findingOf(issue: z.core.$ZodIssue, prefix: JsonPath = []): Finding {
  const path = [...prefix, ...(issue.path as JsonPath)];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const branches = issue.errors.filter((b) => b.length > 0);
    const deepest = branches
      .map(preferred)
      .filter((i) => i.path.length > 0 || i.code === "invalid_union" || i.code === "unrecognized_keys")
      .sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest) return findingOf(deepest, path);
  }
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
    return { path: [...path, issue.keys[0]!], message: issue.message, atKey: true };
  }
  return { path, message: issue.message, atKey: false };
}

/** The layout as the schema types it, or the first problem as a PaibanError. */
export function checkLayoutSchema(source: LayoutSource): LayoutJson {
  const value = source.doc.value;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw source.error([], `a layout file is one JSON object ({ "paper": …, "page": …, "items": … }), found ${describeValue(value)}`);
  }
  const result = LayoutFile.safeParse(value, { error: errorMap });
  if (result.success) return result.data;
  // A misspelt key also makes the key it was meant to be "missing": report the spelling.
  const finding = findingOf(preferred(result.error.issues));
  throw source.error(finding.path, finding.message, { atKey: finding.atKey }) satisfies PaibanError;
}
