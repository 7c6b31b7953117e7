/**
 * The font map: roles (song, hei, kai, fangsong) × weight → font files.
 *
 * Defaults come from npm (open-licensed Noto Serif SC for 宋 and Noto Sans SC for 黑); a
 * newspaper overrides any role with its own licensed fonts by path. A role with no font of its
 * own falls back along FALLBACK and says so with a warning, never silently.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Warning } from "../common/diagnostics.js";
import type { FontFile, FontRole } from "../layout/types.js";

export type Weight = "regular" | "bold";
export const FONT_ROLES: readonly FontRole[] = ["song", "hei", "kai", "fangsong"];

export type FontOverrides = Partial<Record<FontRole, { regular?: FontFile; bold?: FontFile }>>;

/** Which role stands in for a role that has no font, in order of preference. */
export const FALLBACK: Record<FontRole, FontRole[]> = {
  song: ["hei"],
  hei: ["song"],
  kai: ["fangsong", "song"],
  fangsong: ["kai", "song"],
};

const require = createRequire(import.meta.url);

function npmFont(pkg: string, weightDir: string, file: string): FontFile {
  const pkgJson = require.resolve(`${pkg}/package.json`);
  return { file: path.join(path.dirname(pkgJson), weightDir, file) };
}

/** The fonts that arrive with `npm install`. */
export function defaultFonts(): FontOverrides {
  return {
    song: {
      regular: npmFont("@expo-google-fonts/noto-serif-sc", "400Regular", "NotoSerifSC_400Regular.ttf"),
      bold: npmFont("@expo-google-fonts/noto-serif-sc", "700Bold", "NotoSerifSC_700Bold.ttf"),
    },
    hei: {
      regular: npmFont("@expo-google-fonts/noto-sans-sc", "400Regular", "NotoSansSC_400Regular.ttf"),
      bold: npmFont("@expo-google-fonts/noto-sans-sc", "700Bold", "NotoSansSC_700Bold.ttf"),
    },
  };
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
}

/** Build the map: overrides over the npm defaults. */
export function makeFontMap(overrides: FontOverrides = {}): FontMap {
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

  const resolve = (role: FontRole, weight: Weight): ResolvedFont => {
    const found = lookup(role, weight);
    if (!found) throw new Error(`no font at all for role ${role}`);
    if (found.from !== role || found.fromWeight !== weight) {
      const key = `${role}/${weight}`;
      if (!warned.has(key)) {
        warned.set(key, {
          code: "font-fallback",
          message: `font role ${role} (${weight}) has no font of its own: using ${found.from} (${found.fromWeight}) ${path.basename(found.font.file)}; configure "fonts.${role}.${weight}" in the layout to use a licensed ${role} face`,
        });
      }
    }
    return found;
  };

  const peek = (role: FontRole, weight: Weight): ResolvedFont => {
    const found = lookup(role, weight);
    if (!found) throw new Error(`no font at all for role ${role}`);
    return found;
  };

  return {
    resolve,
    peek,
    warnings: () => [...warned.values()],
    table: () => FONT_ROLES.flatMap((role) => (["regular", "bold"] as const).map((w) => lookup(role, w)!)),
  };
}
