/**
 * The names of the composer's settings that a layout gives: punctuation styles (标点符号用法)
 * and 避头尾 (kinsoku) levels. The composer's tables (typeset/styles.ts, typeset/kinsoku.ts)
 * are keyed by them; they live here, below both, because layout (the first stage) names them
 * and may not import the composer.
 */

export const PUNCTUATION_STYLES = ["kaiming", "quanjiao", "banjiao", "hangmo"] as const;
/** kaiming 开明, quanjiao 全角, banjiao 半角, hangmo 行末半角. */
export type PunctuationStyle = (typeof PUNCTUATION_STYLES)[number];

export const KINSOKU_LEVELS = ["basic", "gb", "strict"] as const;
export type KinsokuLevel = (typeof KINSOKU_LEVELS)[number];
