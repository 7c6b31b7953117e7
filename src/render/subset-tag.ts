/** Subset tags named by the subset's content. */
import { createHash } from "node:crypto";

/**
 * The subset tag of an embedded font (ISO 32000 §9.6.4: six capital letters and a plus sign
 * before the font name): here a digest of the subset's font program and the face's
 * PostScript name, written in base 26. The same subset always gets the same tag, and two
 * different subsets (in one file or in two files an imposition program combines) get
 * different tags but with a chance of one in 26⁶ (3·10⁸); pdfkit's own tag (BZZZZZ, CZZZZZ …)
 * comes from the font's resource name and so names different subsets alike in every file.
 * `taken` holds the tags already used in this document: a clash there is resolved by hashing
 * again with a counter, so the order of embedding (itself deterministic) decides.
 */
export function subsetTag(program: Uint8Array, postscriptName: string, taken: Set<string> = new Set()): string {
  for (let round = 0; ; round++) {
    const digest = createHash("sha256").update(program).update(`\0${postscriptName}\0${round}`).digest();
    let n = digest.readUIntBE(0, 6);
    let tag = "";
    for (let i = 0; i < 6; i++) {
      tag += String.fromCharCode(65 + (n % 26));
      n = Math.floor(n / 26);
    }
    if (!taken.has(tag)) {
      taken.add(tag);
      return tag;
    }
  }
}
