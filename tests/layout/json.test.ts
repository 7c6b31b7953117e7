import { describe, expect, it } from "vitest";
import { JsonSyntaxError, lineColumn, parseJson, pathText } from "../../src/layout/json.js";

function syntaxError(text: string): { message: string; line: number; column: number } {
  try {
    parseJson(text);
  } catch (err) {
    expect(err).toBeInstanceOf(JsonSyntaxError);
    const e = err as JsonSyntaxError;
    return { message: e.message, ...lineColumn(text, e.offset) };
  }
  throw new Error("parsed");
}

describe("strict JSON reader", () => {
  it("parses what JSON.parse parses", () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u4e2d"], "b": {}, "c": []}';
    expect(parseJson(text).value).toEqual(JSON.parse(text));
  });

  it("remembers where values and keys start", () => {
    const doc = parseJson('{\n  "items": [\n    {"id": "lead"}\n  ]\n}');
    expect(doc.valueAt.get("items[0].id")).toBe(26);
    expect(doc.keyAt.get("items[0].id")).toBe(20);
    expect(pathText(["items", 2, "area", "span"])).toBe("items[2].area.span");
  });

  it("counts columns in characters, so CJK text before an error does not skew them", () => {
    expect(syntaxError('{"paper": "重庆政协报" "date": 1}')).toEqual({ message: "expected ',' or '}' after a property value, found '\"'", line: 1, column: 19 });
  });

  it("explains common mistakes", () => {
    expect(syntaxError('{"a": 1,}').message).toBe("trailing comma before '}'");
    expect(syntaxError("[1, 2,]").message).toBe("trailing comma before ']'");
    expect(syntaxError("{'a': 1}").message).toBe("expected a property name in double quotes, found '''");
    expect(syntaxError('{"a": \'x\'}').message).toBe('strings need double quotes ("…"), not single quotes');
    expect(syntaxError('{"a": "x').message).toBe("unterminated string");
    expect(syntaxError('{"a": 12px}').message).toBe("expected ',' or '}' after a property value, found 'p'");
    expect(syntaxError("").message).toBe("the file is empty: expected a JSON object");
    expect(syntaxError('{"a": 1} x')).toMatchObject({ line: 1, column: 10 });
  });
});

describe("keys that are JavaScript's own", () => {
  it('"__proto__" is an own key like any other, never the object\'s prototype', () => {
    const { value } = parseJson('{"__proto__": {"paper": "原型报"}, "constructor": 1}');
    const obj = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.keys(obj)).toEqual(["__proto__", "constructor"]);
    expect(obj.paper).toBeUndefined();
  });
});

describe("bounds", () => {
  it("nesting deeper than 100 is a syntax error at the 101st bracket, not a stack overflow", () => {
    expect(syntaxError(`{"a": ${"[".repeat(200_000)}`)).toEqual({
      message: "objects and arrays nested more than 100 deep; a layout needs fewer than ten levels",
      line: 1,
      column: 106,
    });
    expect(parseJson(`${"[".repeat(100)}${"]".repeat(100)}`).value).toBeInstanceOf(Array);
  });

  it("a number too large for a double (1e309) is a syntax error, not Infinity or null", () => {
    expect(syntaxError('{"columns": 1e309}')).toEqual({ message: "the number 1e309 is too large", line: 1, column: 13 });
  });
});
