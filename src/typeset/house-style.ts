/**
 * A house style as a JSON file: the same shape as the built-in punctuation styles, so a
 * newspaper can ship its own (e.g. 开明 with interpuncts kept full width).
 */
import fs from "node:fs";
import { z } from "zod";
import { PaibanError } from "../common/diagnostics.js";
import type { PunctuationStyle } from "../common/setting.js";
import { STYLES, type StyleTable } from "./styles.js";

const Mark = z.strictObject({ keep: z.boolean(), squeeze: z.number().int().min(1).max(7).nullable() });

export const HouseStyleSchema = z.strictObject({
  name: z.string(),
  /** A built-in style to start from; the file's fields override it. */
  basedOn: z.enum(Object.keys(STYLES) as [PunctuationStyle, ...PunctuationStyle[]]).optional(),
  marks: z
    .strictObject({ stop: Mark, pause: Mark, open: Mark, close: Mark, interpunct: Mark })
    .partial()
    .optional(),
  compressPairs: z.boolean().optional(),
  latinGap: z.strictObject({ natural: z.number().min(0), min: z.number().min(0), max: z.number().min(0) }).optional(),
  digits: z.enum(["half", "proportional"]).optional(),
  /** Copyfit limits, em per gap between characters (see styles.ts). */
  copyfit: z.strictObject({ loosen: z.number().min(0).max(1), tighten: z.number().min(0).max(0.5) }).partial().optional(),
});

export function loadHouseStyle(file: string): StyleTable {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PaibanError(code === "ENOENT" ? "style file not found" : `not a JSON file: ${(e as Error).message}`, { file });
  }
  const parsed = HouseStyleSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PaibanError(issue.message, { file, where: issue.path.join(".") || "(top)" });
  }
  const s = parsed.data;
  const base = STYLES[s.basedOn ?? "kaiming"];
  return {
    name: s.name,
    marks: { ...base.marks, ...s.marks },
    compressPairs: s.compressPairs ?? base.compressPairs,
    latinGap: s.latinGap ?? base.latinGap,
    digits: s.digits ?? base.digits,
    copyfit: { ...base.copyfit, ...s.copyfit },
  };
}
