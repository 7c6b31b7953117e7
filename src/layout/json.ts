/**
 * A small strict JSON reader for layout files.
 *
 * Why not `JSON.parse`: its messages differ between Node versions and often carry no position
 * ("Unexpected token '}', ... is not valid JSON"). A designer needs "line 12, column 5: expected
 * ',' or '}'". This reader also remembers where every value and key starts, so a later error
 * about `items[2].area.span` can point at the line it is on, and it rejects duplicate keys
 * (JSON.parse silently keeps the last one).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonPath = (string | number)[];

export interface JsonDocument {
  value: JsonValue;
  /** Offset (UTF-16 index into the text) where the value at a path starts, keyed by `pathText`. */
  valueAt: Map<string, number>;
  /** Offset where the key naming a path starts (object members only). */
  keyAt: Map<string, number>;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

/** `items[2].area.span` — the way the error messages name a place in the file. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** 1-based line and column (in characters) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  const column = [...text.slice(lineStart, offset)].length + 1;
  return { line, column };
}

export function parseJson(text: string): JsonDocument {
  const reader = new Reader(text);
  const doc: JsonDocument = { value: null, valueAt: reader.valueAt, keyAt: reader.keyAt };
  reader.skipSpace();
  if (reader.atEnd()) throw new JsonSyntaxError("the file is empty: expected a JSON object", 0);
  doc.value = reader.value([]);
  reader.skipSpace();
  if (!reader.atEnd()) {
    throw new JsonSyntaxError(
      `unexpected ${reader.describeHere()} after the end of the JSON value (trailing garbage; the layout must be one JSON object)`,
      reader.pos,
    );
  }
  return doc;
}

/**
 * Deepest nesting of objects and arrays a layout may have. A real layout nests six deep
 * (pages[].items[].body.color[]); the reader recurses once per level, so a file of 100,000 `[`
 * would otherwise overflow the stack.
 */
export const MAX_JSON_DEPTH = 100;

/** A JSON number, matched where the reader stands (sticky: no copy of the rest of the text). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Reader {
  pos = 0;
  private depth = 0;
  readonly valueAt = new Map<string, number>();
  readonly keyAt = new Map<string, number>();

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  describeHere(): string {
    if (this.atEnd()) return "end of file";
    const ch = String.fromCodePoint(this.text.codePointAt(this.pos)!);
    return `'${ch}'`;
  }

  fail(expected: string): never {
    throw new JsonSyntaxError(`expected ${expected}, found ${this.describeHere()}`, this.pos);
  }

  skipSpace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") {
        this.pos++;
      } else if (ch === "/" && (this.text[this.pos + 1] === "/" || this.text[this.pos + 1] === "*")) {
        throw new JsonSyntaxError("comments are not allowed in a JSON layout file", this.pos);
      } else {
        return;
      }
    }
  }

  value(path: JsonPath): JsonValue {
    this.skipSpace();
    this.valueAt.set(pathText(path), this.pos);
    const ch = this.text[this.pos];
    if (ch === "{" || ch === "[") {
      if (this.depth >= MAX_JSON_DEPTH) {
        throw new JsonSyntaxError(`objects and arrays nested more than ${MAX_JSON_DEPTH} deep; a layout needs fewer than ten levels`, this.pos);
      }
      this.depth++;
      const v = ch === "{" ? this.object(path) : this.array(path);
      this.depth--;
      return v;
    }
    if (ch === '"') return this.string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return this.number();
    for (const [word, val] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return val;
      }
    }
    if (ch === "'") throw new JsonSyntaxError("strings need double quotes (\"…\"), not single quotes", this.pos);
    return this.fail("a value (object, array, string, number, true, false or null)");
  }

  object(path: JsonPath): JsonValue {
    this.pos++; // {
    const out: Record<string, JsonValue> = {};
    this.skipSpace();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === "}") throw new JsonSyntaxError("trailing comma before '}'", this.pos);
        this.fail("a property name in double quotes");
      }
      const keyStart = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        throw new JsonSyntaxError(`duplicate key "${key}"`, keyStart);
      }
      this.keyAt.set(pathText([...path, key]), keyStart);
      this.skipSpace();
      if (this.text[this.pos] !== ":") this.fail(`':' after the property name "${key}"`);
      this.pos++;
      // Defined, not assigned: `out["__proto__"] = v` would make v the object's prototype, and
      // its keys would pass for the layout's own. As an own key it is an unknown key like any other.
      Object.defineProperty(out, key, { value: this.value([...path, key]), enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === ",") {
        this.pos++;
        continue;
      }
      if (ch === "}") {
        this.pos++;
        return out;
      }
      this.fail("',' or '}' after a property value");
    }
  }

  array(path: JsonPath): JsonValue {
    this.pos++; // [
    const out: JsonValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === "]") throw new JsonSyntaxError("trailing comma before ']'", this.pos);
      out.push(this.value([...path, out.length]));
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === ",") {
        this.pos++;
        continue;
      }
      if (ch === "]") {
        this.pos++;
        return out;
      }
      this.fail("',' or ']' after an array element");
    }
  }

  string(): string {
    const start = this.pos;
    this.pos++; // "
    let out = "";
    for (;;) {
      if (this.atEnd()) throw new JsonSyntaxError("unterminated string", start);
      const ch = this.text[this.pos]!;
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch < " ") {
        throw new JsonSyntaxError("a line break or control character inside a string must be escaped (\\n, \\t)", this.pos);
      }
      if (ch !== "\\") {
        out += ch;
        this.pos++;
        continue;
      }
      const esc = this.text[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (esc !== undefined && esc in simple) {
        out += simple[esc];
        this.pos += 2;
      } else if (esc === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else {
        throw new JsonSyntaxError("invalid escape in string", this.pos);
      }
    }
  }

  number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) this.fail("a number");
    const n = Number(m[0]);
    if (!Number.isFinite(n)) throw new JsonSyntaxError(`the number ${m[0].length > 40 ? `${m[0].slice(0, 40)}…` : m[0]} is too large`, this.pos);
    this.pos += m[0].length;
    return n;
  }
}
