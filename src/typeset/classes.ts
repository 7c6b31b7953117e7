/**
 * Character classes of Chinese composition, as data.
 *
 * Sources: W3C clreq (punctuation tables), GB/T 15834-2011, jlreq cl-12/cl-13 for the prefix
 * and postfix marks clreq leaves empty, UAX #14 LB23a. Every rule of the composer is written
 * in terms of these classes, never of single characters.
 */

export type CharClass =
  /** 句末点号 。！？ and their doubled forms: squeeze last (clreq step 7). */
  | "stop"
  /** 句内点号 ，、；： and the full-width full stop ．: squeeze before stops (step 5). */
  | "pause"
  /** 开引号/开括号/开书名号: ink on the right half, may not end a line. */
  | "open"
  /** 闭引号/闭括号/闭书名号: ink on the left half, may not start a line. */
  | "close"
  /** 破折号 ——: 2 em, never split. */
  | "dash"
  /** 省略号 ……: 2 em, never split. */
  | "ellipsis"
  /** 连接号 – — ～ (one em or shorter): may not start a line. */
  | "connector"
  /** 间隔号 ·: ink centred, may not start a line. */
  | "interpunct"
  /** 分隔号 ／: may not start a line (and, at GB level, not end one). */
  | "solidus"
  /** Prefix of a number (¥ $ £ € # №): stays with the number after it. */
  | "prefix"
  /** Postfix of a number (% ‰ ℃ ° ′ ″ ％): stays with the number before it. */
  | "postfix"
  /** Latin letters, digits and the ASCII marks inside a Latin word or number. */
  | "latin"
  /** A space (U+0020 and friends): glue, not a character cell. */
  | "space"
  /** 全角空格 U+3000: one em of fixed space. */
  | "ideographic-space"
  /** 汉字 and everything else set on the em grid (kana, symbols such as □). */
  | "ideograph";

/** Characters of each class that is not decided by a Unicode property. */
export const CLASS_CHARS: Partial<Record<CharClass, string>> = {
  stop: "。！？‼⁇⁈⁉｡",
  pause: "，、；：．",
  open: "“‘（〔［｛【〖《〈「『〘〚｟",
  close: "”’）〕］｝】〗》〉」』〙〛｠",
  dash: "—⸺",
  ellipsis: "…⋯",
  connector: "–～〜",
  interpunct: "·・‧•",
  solidus: "／",
  prefix: "¥$£€#№￥＄",
  postfix: "%‰℃°′″％‱",
  "ideographic-space": "\u3000",
};

const SPACE = /[\u0020\u00a0\u2000-\u200a\u202f\u205f\t]/u;
const LATIN = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}&@'.,:\-+_=<>\\/!?;()[\]{}"*^|~`]/u;

const table = new Map<string, CharClass>();
for (const [cls, chars] of Object.entries(CLASS_CHARS) as [CharClass, string][]) {
  for (const ch of chars) table.set(ch, cls);
}

/** The class of one character (a whole code point). */
export function classOf(ch: string): CharClass {
  const known = table.get(ch);
  if (known) return known;
  // Past U+205F no character is a space, and Latin only counts below U+2000: every other
  // character up there (all of CJK) is an ideograph, without the two regular expressions.
  if (ch.codePointAt(0)! > 0x205f) return "ideograph";
  if (SPACE.test(ch)) return "space";
  // (Full-width digits and letters, past U+205F, sit on the em grid like ideographs.)
  if (LATIN.test(ch)) return "latin";
  return "ideograph";
}

/** Classes that are punctuation set in an em cell with adjustable blank space. */
export const ADJUSTABLE_MARKS: ReadonlySet<CharClass> = new Set(["stop", "pause", "open", "close", "interpunct"]);

/** Classes whose sequences are one inseparable unit (—— and ……). */
export const INSEPARABLE: ReadonlySet<CharClass> = new Set(["dash", "ellipsis"]);

/** Punctuation in the sense of 孤字 counting: a line of one ideograph plus these is an orphan. */
export const PUNCTUATION: ReadonlySet<CharClass> = new Set([
  "stop",
  "pause",
  "open",
  "close",
  "dash",
  "ellipsis",
  "connector",
  "interpunct",
  "solidus",
]);
