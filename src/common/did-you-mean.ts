/**
 * "Did you mean …?" for misspelt keys and names, by edit distance. Shared (common/) because
 * both the layout reader (JSON keys, enum values) and the copy reader (front-matter keys) use it.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment: "stroy" → "story" is
 * one edit), counting code points (so 字 is one edit, not two).
 */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/** The known names closest to `word`, if any is close enough to be a likely typo. */
export function closest(word: string, known: readonly string[]): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor([...word].length / 3)));
  const scored = known
    .map((k) => ({ k, d: editDistance(lower, k.toLowerCase()) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d);
  if (scored.length === 0) return [];
  return scored.filter(({ d }) => d === scored[0]!.d).map(({ k }) => k);
}

/** `; did you mean "span"?` or an empty string. */
export function didYouMean(word: string, known: readonly string[]): string {
  const near = closest(word, known);
  if (near.length === 0) return "";
  return `; did you mean ${near.map((k) => `"${k}"`).join(" or ")}?`;
}
