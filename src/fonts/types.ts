/** The fonts stage's vocabulary: font roles and the font files a map or layout names. */

/** Font roles (宋 黑 楷 仿宋): text styles name a role, the font map gives each role its files. */
export const FONT_ROLES = ["song", "hei", "kai", "fangsong"] as const;
export type FontRole = (typeof FONT_ROLES)[number];

export type Weight = "regular" | "bold";

/** A font file and, in a collection (TTC), the face to take from it. */
export interface FontFile {
  file: string;
  /** PostScript name of the face inside a collection (TTC). */
  face?: string;
}
