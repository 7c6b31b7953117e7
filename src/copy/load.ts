/**
 * Reading a story's copy: Markdown with YAML front matter.
 *
 *   ---
 *   kicker: 江北区政协召开专题协商会
 *   title: 助推数字经济发展再上新台阶
 *   byline: □ 通讯员 张长荣 唐金花
 *   ---
 *   “我们自主研发……”11月20日，……
 *
 *   “今年有360西部总部……
 *
 * Front matter is parsed with the `yaml` package (maintained, YAML 1.2, no dependencies, and it
 * reports line/column of errors); gray-matter is unmaintained and pulls in js-yaml 3.
 */
import { readFile, stat } from "node:fs/promises";
import { parseDocument, isMap, isScalar, type Pair, type Scalar } from "yaml";
import { PaibanError, type Warning } from "../common/diagnostics.js";
import type { StoryCopy } from "./types.js";
import { decodeCopyBytes, lineOfByte } from "./decode.js";
import { didYouMean } from "../common/did-you-mean.js";
import { cleanText, joinLines, splitParagraphs } from "./text.js";

export const FRONT_MATTER_KEYS = ["kicker", "title", "subtitle", "byline", "credit"] as const;
type FrontKey = (typeof FRONT_MATTER_KEYS)[number];

/**
 * The largest copy file paiban reads: 2 MB, some 700,000 Chinese characters, a hundred times a
 * full broadsheet page. Beyond it a file is refused before it is read.
 */
export const MAX_COPY_BYTES = 2 * 1024 * 1024;
/** The longest front-matter value (a title, a byline), in characters. */
export const MAX_FRONT_MATTER_CHARS = 1000;

export async function loadCopy(file: string): Promise<{ copy: StoryCopy; warnings: Warning[] }> {
  let bytes: Uint8Array;
  try {
    const size = (await stat(file)).size;
    if (size > MAX_COPY_BYTES) {
      throw new PaibanError(`copy file is ${(size / 1024 / 1024).toFixed(1)} MB; paiban reads copy files of up to ${MAX_COPY_BYTES / 1024 / 1024} MB`, { file });
    }
    bytes = await readFile(file);
  } catch (err) {
    if (err instanceof PaibanError) throw err;
    throw new PaibanError(readFailure(err), { file });
  }
  return parseCopyBytes(bytes, file);
}

function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "copy file not found";
  if (code === "EISDIR") return "this is a folder, not a copy file";
  if (code === "EACCES") return "copy file cannot be read (permission denied)";
  return `copy file cannot be read: ${(err as Error).message}`;
}

/** Decode and parse the bytes of a copy file (pure; `file` is only for messages). */
export function parseCopyBytes(bytes: Uint8Array, file: string): { copy: StoryCopy; warnings: Warning[] } {
  const decoded = decodeCopyBytes(bytes);
  if (!decoded.ok) {
    const hex = decoded.badByte.toString(16).toUpperCase().padStart(2, "0");
    const place = `byte 0x${hex} at offset ${decoded.badByteOffset}, line ${lineOfByte(bytes, decoded.badByteOffset)}`;
    throw new PaibanError(
      decoded.almostUtf8
        ? `not UTF-8 text: ${place} is ${decoded.why}; the rest of the file is UTF-8, so it is not read as GB18030: ` +
            `fix the damaged bytes there or save the copy as UTF-8 again`
        : `not UTF-8 text (${place}) and not GB18030/GBK either; ` +
            `save the copy as UTF-8, e.g. iconv -f GBK -t UTF-8 "${file}" > converted.md`,
      { file },
    );
  }
  const warnings: Warning[] = [];
  if (decoded.encoding !== "UTF-8") {
    warnings.push({
      code: "copy-encoding",
      message: `${file}: copy is ${decoded.encoding}, not UTF-8; read it as ${decoded.encoding}` +
        (decoded.encoding === "GB18030" ? ` (convert with iconv -f GB18030 -t UTF-8)` : ""),
    });
  }
  const result = parseCopyText(decoded.text, file);
  return { copy: result.copy, warnings: [...warnings, ...result.warnings] };
}

/** Parse copy text (already decoded). */
export function parseCopyText(raw: string, file: string): { copy: StoryCopy; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const cleaned = cleanText(raw);
  if (cleaned.removed > 0) {
    const cp = cleaned.firstChar!.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    warnings.push({
      code: "copy",
      message: `${file}: removed ${cleaned.removed} control character${cleaned.removed === 1 ? "" : "s"} (first U+${cp} on line ${cleaned.firstLine})`,
    });
  }
  const { front, frontLine, body } = splitFrontMatter(cleaned.text, file);
  const fields = front === undefined ? {} : parseFrontMatter(front, frontLine, file);
  const paragraphs = splitParagraphs(body);
  if (paragraphs.length === 0) warnings.push({ code: "copy", message: `${file}: the copy has no paragraphs` });
  return { copy: { file, ...fields, paragraphs }, warnings };
}

/** Split `---` front matter from the body. `frontLine` is the file line the YAML starts on. */
export function splitFrontMatter(text: string, file: string): { front?: string; frontLine: number; body: string } {
  const lines = text.split("\n");
  if (lines[0]?.trimEnd() !== "---") return { frontLine: 0, body: text };
  const end = lines.findIndex((l, i) => i > 0 && (l.trimEnd() === "---" || l.trimEnd() === "..."));
  if (end < 0) {
    throw new PaibanError("front matter opened with --- is not closed: add a line --- after the last key", { file, where: "1:1" });
  }
  return { front: lines.slice(1, end).join("\n"), frontLine: 2, body: lines.slice(end + 1).join("\n") };
}

function parseFrontMatter(yamlText: string, firstLine: number, file: string): Partial<Record<FrontKey, string>> {
  // The failsafe schema: every scalar stays the text it is written as. The default (core)
  // schema would read `title: 007` as the number 7, `1.10` as 1.1, `0x1F` as 31 and `1e309` as
  // Infinity; front-matter values are headline text, never numbers or booleans.
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true, schema: "failsafe" });
  const err = doc.errors[0];
  if (err) {
    const where = positionIn(yamlText, err.pos[0], firstLine);
    throw new PaibanError(`front matter is not valid YAML: ${err.message.split("\n")[0]}`, { file, where });
  }
  if (doc.contents === null) return {};
  if (!isMap(doc.contents)) {
    throw new PaibanError(`front matter must be keys with values (title: …), one per line`, { file, where: `${firstLine}:1` });
  }
  const out: Partial<Record<FrontKey, string>> = {};
  for (const pair of doc.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const where = lineOf(yamlText, pair.key, firstLine);
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      throw new PaibanError(
        `unknown front-matter key "${key}"${didYouMean(key, FRONT_MATTER_KEYS)} (keys: ${FRONT_MATTER_KEYS.join(", ")})`,
        { file, where },
      );
    }
    const value = pair.value;
    if (value === null || (isScalar(value) && (value.value === null || isYamlNull(value)))) continue;
    if (!isScalar(value) || typeof value.value === "object") {
      throw new PaibanError(`front-matter key "${key}" must be one line of text`, { file, where });
    }
    const text = scalarText(yamlText, value);
    if ([...text].length > MAX_FRONT_MATTER_CHARS) {
      throw new PaibanError(`front-matter key "${key}" is ${[...text].length} characters long: at most ${MAX_FRONT_MATTER_CHARS}`, { file, where });
    }
    if (text !== "") out[key as FrontKey] = text;
  }
  return out;
}

/** A plain `~` or `null` (or nothing): YAML's way to say a key has no value, read as absent. */
function isYamlNull(node: Scalar): boolean {
  return node.type === "PLAIN" && /^(?:~|null|Null|NULL|)$/.test(String(node.value));
}

/**
 * A front-matter value as one line. YAML folds a value written over several lines with a space
 * between the lines, which is wrong between Chinese characters; such values are re-joined from
 * their source lines the way paragraph lines are.
 */
function scalarText(yamlText: string, node: Scalar): string {
  const value = String(node.value);
  const range = node.range;
  const source = range ? yamlText.slice(range[0], range[1]) : "";
  if (!source.includes("\n")) return value.trim();
  let lines = source.split("\n");
  if (node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL") lines = lines.slice(1);
  else if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") return joinLines(value.split(" "));
  return joinLines(lines);
}

function positionIn(yamlText: string, offset: number, firstLine: number): string {
  const before = yamlText.slice(0, offset);
  const line = before.split("\n").length;
  const col = before.length - before.lastIndexOf("\n");
  return `${line + firstLine - 1}:${col}`;
}

function lineOf(yamlText: string, node: unknown, firstLine: number): string | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? positionIn(yamlText, range[0], firstLine) : undefined;
}
