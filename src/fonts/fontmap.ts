/**
 * The font map: roles (song, hei, kai, fangsong) × weight → font files.
 *
 * The map is fonts/fontmap.json (defaults from npm: open-licensed Noto Serif SC for 宋 and Noto
 * Sans SC for 黑); a newspaper points roles at its own licensed fonts there, or per layout. A role with no font of its
 * own falls back along FALLBACK and says so with a warning, never silently.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { FontStore } from "./store.js";
import { FONT_ROLES, type FontFile, type FontRole, type Weight } from "./types.js";

export { FONT_ROLES, type Weight };

export type FontOverrides = Partial<Record<FontRole, { regular?: FontFile; bold?: FontFile }>>;

/** Which role stands in for a role that has no font, in order of preference. */
export const FALLBACK: Record<FontRole, FontRole[]> = {
  song: ["hei"],
  hei: ["song"],
  kai: ["fangsong", "song"],
  fangsong: ["kai", "song"],
};

const require = createRequire(import.meta.url);

/** The font map that ships in fonts/; PAIBAN_FONT_MAP names another of the same shape. */
export function fontMapFile(): string {
  return process.env.PAIBAN_FONT_MAP ?? fileURLToPath(new URL("../../fonts/fontmap.json", import.meta.url));
}

const FontEntry = z.union([z.string().min(1), z.strictObject({ file: z.string().min(1), face: z.string().min(1).optional() })]);
const RoleEntry = z.strictObject({ regular: FontEntry.optional(), bold: FontEntry.optional() });
const FontMapFile = z.strictObject({ song: RoleEntry.optional(), hei: RoleEntry.optional(), kai: RoleEntry.optional(), fangsong: RoleEntry.optional() });

/** A path of the font map: `npm:<package>/<path>`, absolute, or relative to the map's folder. */
function resolveFontPath(entry: string, mapFile: string): string {
  const npm = /^npm:((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(entry);
  if (npm) {
    let pkgJson: string;
    try {
      pkgJson = require.resolve(`${npm[1]}/package.json`);
    } catch {
      throw new PaibanError(`font package ${npm[1]} is not installed (run npm install)`, { file: mapFile });
    }
    return path.join(path.dirname(pkgJson), npm[2]!);
  }
  return path.resolve(path.dirname(mapFile), entry);
}

let loaded: { file: string; fonts: FontOverrides } | undefined;

/** Read the font map afresh next time (a start-up snapshot is taken after a warm-up render). */
export function forgetFontMap(): void {
  loaded = undefined;
}

/** The font map's fonts (read once per process and per file). */
export function defaultFonts(): FontOverrides {
  const file = fontMapFile();
  if (loaded?.file === file) return loaded.fonts;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new PaibanError(code === "ENOENT" ? "font map not found" : `font map is not valid JSON: ${(e as Error).message}`, { file });
  }
  const parsed = FontMapFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PaibanError(`${issue.message} (roles: ${FONT_ROLES.join(", ")}; weights: regular, bold; a value is a path or {"file","face"})`, {
      file,
      where: issue.path.join(".") || "(top)",
    });
  }
  const fonts: FontOverrides = {};
  for (const role of FONT_ROLES) {
    const entry = parsed.data[role];
    if (!entry) continue;
    const resolved: { regular?: FontFile; bold?: FontFile } = {};
    for (const weight of ["regular", "bold"] as const) {
      const e = entry[weight];
      if (e === undefined) continue;
      resolved[weight] = typeof e === "string" ? { file: resolveFontPath(e, file) } : { file: resolveFontPath(e.file, file), face: e.face };
    }
    fonts[role] = resolved;
  }
  loaded = { file, fonts };
  return fonts;
}

export interface ResolvedFont {
  role: FontRole;
  weight: Weight;
  font: FontFile;
  /** The role whose file is actually used (differs from `role` after a fallback). */
  from: FontRole;
  /** The weight whose file is actually used (regular stands in for a missing bold). */
  fromWeight: Weight;
}

export interface FontMap {
  /** The font for a role; warns (once) when the role falls back to another's font. */
  resolve(role: FontRole, weight: Weight): ResolvedFont;
  /** The same, without a warning: for glyph fallback chains, where no role is being asked for. */
  peek(role: FontRole, weight: Weight): ResolvedFont;
  /** Fallback warnings given so far (one per role and weight). */
  warnings(): Warning[];
  /** Every role and weight with the file it resolves to (for `paiban fonts`). */
  table(): ResolvedFont[];
  /** Where the faces of this map's files are opened: the run's or session's font store. */
  store: FontStore;
}

/** Build the map: overrides over the npm defaults, its faces opened in `store`. */
export function makeFontMap(overrides: FontOverrides, store: FontStore): FontMap {
  const fonts: FontOverrides = { ...defaultFonts() };
  for (const role of FONT_ROLES) {
    const o = overrides[role];
    if (o) fonts[role] = { ...o };
  }
  const warned = new Map<string, Warning>();

  const lookup = (role: FontRole, weight: Weight): ResolvedFont | undefined => {
    const chain: FontRole[] = [role, ...FALLBACK[role]];
    for (const from of chain) {
      const entry = fonts[from];
      const exact = entry?.[weight];
      if (exact) return { role, weight, font: exact, from, fromWeight: weight };
    }
    for (const from of chain) {
      const regular = fonts[from]?.regular;
      if (regular) return { role, weight, font: regular, from, fromWeight: "regular" };
    }
    return undefined;
  };

  /** What a role resolves to, without noting a fallback. */
  const peek = (role: FontRole, weight: Weight): ResolvedFont => {
    const found = lookup(role, weight);
    if (!found) throw new Error(`no font at all for role ${role}`);
    return found;
  };

  const resolve = (role: FontRole, weight: Weight): ResolvedFont => {
    const found = peek(role, weight);
    if (found.from !== role || found.fromWeight !== weight) {
      const key = `${role}/${weight}`;
      if (!warned.has(key)) {
        warned.set(key, {
          code: "font-fallback",
          message: `font role ${role} (${weight}) has no font of its own: using ${found.from} (${found.fromWeight}) ${path.basename(found.font.file)}; to use a licensed ${role} face, give "${role}.${weight}" in fonts/fontmap.json or "fonts.${role}.${weight}" in the layout`,
        });
      }
    }
    return found;
  };

  return {
    resolve,
    peek,
    warnings: () => [...warned.values()],
    table: () => FONT_ROLES.flatMap((role) => (["regular", "bold"] as const).map((w) => lookup(role, w)!)),
    store,
  };
}
