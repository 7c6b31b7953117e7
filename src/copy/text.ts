/**
 * Cleaning copy text and joining the lines of a paragraph. Copy comes hard-wrapped or not,
 * indented with full-width spaces or not; the composer sets indents and breaks lines itself,
 * so the copy keeps only the words.
 */

/** Characters after which / before which no space is wanted when lines are joined (CJK context). */
export function isCjk(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // radicals, CJK symbols & punctuation, kana, ideographs
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    // punctuation shared with Latin but set as CJK marks in Chinese copy: ‘’“” — … ·
    cp === 0x2018 || cp === 0x2019 || cp === 0x201c || cp === 0x201d ||
    cp === 0x2014 || cp === 0x2026 || cp === 0x00b7
  );
}

/** C0/C1 controls other than \n and \t (and DEL). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export interface Cleaned {
  text: string;
  removed: number;
  /** 1-based line of the first removed character. */
  firstLine?: number;
  firstChar?: string;
}

/** Unify line ends (CRLF, CR → LF) and drop stray control characters. */
export function cleanText(raw: string): Cleaned {
  const text = raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let removed = 0;
  let firstIndex = -1;
  let firstChar: string | undefined;
  const out = text.replace(CONTROL, (ch, index: number) => {
    if (removed++ === 0) {
      firstIndex = index;
      firstChar = ch;
    }
    return "";
  });
  if (removed === 0) return { text: out, removed };
  const firstLine = text.slice(0, firstIndex).split("\n").length;
  return { text: out, removed, firstLine, firstChar };
}

/**
 * The last character (code point) of a text, as `[...text].pop()` gives it, without spreading
 * the whole text: these run once per line and per tab, over the text built so far.
 */
function lastChar(text: string): string | undefined {
  const end = text.length;
  if (end === 0) return undefined;
  const low = text.charCodeAt(end - 1);
  if (end >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(end - 2);
  }
  return text.slice(end - 1);
}

/** Tabs vanish between CJK characters and become a space between Latin ones; space runs collapse. */
export function normaliseSpaces(line: string): string {
  const chars = [...line];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch !== "\t") {
      out += ch;
      continue;
    }
    const before = lastChar(out);
    let j = i + 1;
    while (chars[j] === "\t" || chars[j] === " ") j++;
    const after = chars[j];
    if (!isCjk(before) && !isCjk(after) && before !== undefined && before !== " " && after !== undefined) out += " ";
  }
  return out.replace(/ {2,}/g, " ");
}

/** Join a paragraph's lines: nothing between CJK, one space between two Latin words. */
export function joinLines(lines: readonly string[]): string {
  let out = "";
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    if (out === "") {
      out = line;
      continue;
    }
    const last = lastChar(out);
    const first = String.fromCodePoint(line.codePointAt(0)!);
    out += isCjk(last) || isCjk(first) ? line : ` ${line}`;
  }
  return out;
}

/**
 * Paragraphs of a copy body: blocks separated by blank lines. A line opening with full-width
 * spaces also starts a paragraph (copy pasted from a word processor marks paragraphs that way,
 * one per line, with no blank line between). Leading full-width spaces are dropped: the
 * composer sets the indent.
 */
export function splitParagraphs(body: string): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = () => {
    const text = normaliseSpaces(joinLines(current)).replace(/^[\s\u3000]+/, "").trim();
    if (text !== "") paragraphs.push(text);
    current = [];
  };
  for (const line of body.split("\n")) {
    if (/^[\s\u3000]*$/.test(line)) {
      flush();
      continue;
    }
    // A full-width indent opens a paragraph, also behind stray tabs or spaces.
    if (current.length > 0 && /^[ \t]*\u3000/.test(line)) flush();
    current.push(line.replace(/^[ \t]*\u3000+/, ""));
  }
  flush();
  return paragraphs;
}
