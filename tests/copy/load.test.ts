import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PaibanError } from "../../src/common/diagnostics.js";
import { loadCopy, parseCopyBytes, parseCopyText } from "../../src/copy/load.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const seed = JSON.parse(readFileSync(resolve(root, "samples/seed/copy.json"), "utf8")) as {
  stories: { id: string; kind: string; kicker?: string; title?: string; subtitle?: string; byline?: string; credit?: string; paragraphs?: string[] }[];
};

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...utf8(p)] : p)));

function errorOf(f: () => unknown): PaibanError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(PaibanError);
    return err as PaibanError;
  }
  throw new Error("no error");
}

describe("the sample copy", () => {
  const stories = seed.stories.filter((s) => s.kind !== "sidebar");
  it("has one Markdown file per story of the seed", () => {
    expect(stories.map((s) => s.id)).toEqual(["photo", "lead", "rongchang", "jiangbei", "kaizhou", "fengjie", "wushan", "pengshui"]);
  });

  for (const story of stories) {
    it(`samples/quxian/${story.id}.md parses back to exactly the seed`, async () => {
      const file = resolve(root, `samples/quxian/${story.id}.md`);
      const { copy, warnings } = await loadCopy(file);
      expect(warnings).toEqual([]);
      const expected: Record<string, unknown> = { file, paragraphs: story.paragraphs };
      for (const k of ["kicker", "title", "subtitle", "byline", "credit"] as const) if (story[k] !== undefined) expected[k] = story[k];
      expect(copy).toEqual(expected);
    });
  }

  it("keeps the dateline and its space in sidebar items", async () => {
    const { copy } = await loadCopy(resolve(root, "samples/quxian/kaizhou.md"));
    expect(copy.paragraphs[0]!.startsWith("本报讯 11月22日")).toBe(true);
  });
});

describe("copy decoding", () => {
  const text = "---\ntitle: 标题\n---\n中文，本报讯\n";

  it("strips a UTF-8 BOM", () => {
    const { copy, warnings } = parseCopyBytes(bytes([0xef, 0xbb, 0xbf], text), "a.md");
    expect(copy).toEqual({ file: "a.md", title: "标题", paragraphs: ["中文，本报讯"] });
    expect(warnings).toEqual([]);
  });

  it("accepts CRLF and CR line ends", () => {
    const { copy } = parseCopyBytes(utf8("---\r\ntitle: 标题\r\n---\r\n第一段\r\n\r\n第二段\r第三行\r\n"), "a.md");
    expect(copy.title).toBe("标题");
    expect(copy.paragraphs).toEqual(["第一段", "第二段第三行"]);
  });

  it("reads GB18030/GBK bytes, with a copy-encoding warning", () => {
    // 标题 = B1 EA CC E2, 中文 = D6 D0 CE C4, ， = A3 AC, 本报讯 = B1 BE B1 A8 D1 B6 in GB18030
    const gb = bytes("---\ntitle: ", [0xb1, 0xea, 0xcc, 0xe2], "\n---\n", [0xd6, 0xd0, 0xce, 0xc4, 0xa3, 0xac, 0xb1, 0xbe, 0xb1, 0xa8, 0xd1, 0xb6], "\n");
    const { copy, warnings } = parseCopyBytes(gb, "gbk.md");
    expect(copy).toEqual({ file: "gbk.md", title: "标题", paragraphs: ["中文，本报讯"] });
    expect(warnings).toEqual([
      { code: "copy-encoding", message: "gbk.md: copy is GB18030, not UTF-8; read it as GB18030 (convert with iconv -f GB18030 -t UTF-8)" },
    ]);
  });

  it("reads UTF-16 with a BOM, with a warning", () => {
    const units = [0xff, 0xfe, ...[..."中文"].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])];
    const { copy, warnings } = parseCopyBytes(Uint8Array.from(units), "u16.md");
    expect(copy.paragraphs).toEqual(["中文"]);
    expect(warnings[0]!.code).toBe("copy-encoding");
  });

  it("bytes that are neither UTF-8 nor GB18030 are an error saying how to convert", () => {
    const err = errorOf(() => parseCopyBytes(bytes("第一行\n", [0x41, 0xff, 0x42], "\n"), "bad.md"));
    expect(err.format()).toBe(
      'bad.md: not UTF-8 text (byte 0xFF at offset 11, line 2) and not GB18030/GBK either; save the copy as UTF-8, e.g. iconv -f GBK -t UTF-8 "bad.md" > converted.md',
    );
  });

  it("copy that is UTF-8 but for one damaged place is refused there, not read as GB18030", () => {
    // 正文 ED A0 80 正文: an encoded surrogate; GB18030 would read the whole as 姝ｆ枃頎€姝ｆ枃.
    const err = errorOf(() => parseCopyBytes(bytes("正文", [0xed, 0xa0, 0x80], "正文\n"), "s.md"));
    expect(err.format()).toBe(
      "s.md: not UTF-8 text: byte 0xED at offset 6, line 1 is an encoded surrogate (U+D800–U+DFFF), which UTF-8 forbids; " +
        "the rest of the file is UTF-8, so it is not read as GB18030: fix the damaged bytes there or save the copy as UTF-8 again",
    );
    expect(errorOf(() => parseCopyBytes(bytes("一二三四", [0xc0, 0xaf]), "o.md")).message).toMatch(/byte 0xC0 at offset 12, line 1 is an overlong encoding;/);
    expect(errorOf(() => parseCopyBytes(bytes("一二三四", [0xe0, 0x80, 0xaf]), "o.md")).message).toMatch(/byte 0xE0 at offset 12, line 1 is an overlong encoding;/);
  });

  it("a long GBK text never counts as almost UTF-8 (its chance UTF-8 sequences are few)", () => {
    const gbk = Buffer.from("b1eaccd7d6d0cec4a3acb1beb1a8d1b6", "hex"); // 标题中文，本报讯
    const { warnings } = parseCopyBytes(Buffer.concat(Array.from({ length: 50 }, () => gbk)), "g.md");
    expect(warnings.map((w) => w.code)).toEqual(["copy-encoding"]);
  });

  it("a missing copy file is a PaibanError, not a stack trace", async () => {
    const err = await loadCopy("nowhere/x.md").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaibanError);
    expect((err as PaibanError).format()).toBe("nowhere/x.md: copy file not found");
  });
});

describe("front matter", () => {
  it("reads kicker, title, subtitle, byline and credit", () => {
    const { copy } = parseCopyText("---\nkicker: 引题\ntitle: 主题\nsubtitle: 副题\nbyline: □ 本报记者 程颖\ncredit: （万虹佑）\n---\n正文\n", "a.md");
    expect(copy).toEqual({ file: "a.md", kicker: "引题", title: "主题", subtitle: "副题", byline: "□ 本报记者 程颖", credit: "（万虹佑）", paragraphs: ["正文"] });
  });

  it("values are text as written: 007, 1.10, 0x1F, 1e309 and true are not numbers or booleans", () => {
    const { copy } = parseCopyText("---\ntitle: 007\nkicker: 1.10\nsubtitle: 0x1F\nbyline: 1e309\ncredit: true\n---\n正文\n", "a.md");
    expect(copy).toMatchObject({ title: "007", kicker: "1.10", subtitle: "0x1F", byline: "1e309", credit: "true" });
  });

  it("a key with no value, ~ or null is absent; a quoted 'null' is text", () => {
    const { copy } = parseCopyText("---\ntitle:\nkicker: ~\nsubtitle: null\nbyline: 'null'\n---\n正文\n", "a.md");
    expect(copy).toEqual({ file: "a.md", byline: "null", paragraphs: ["正文"] });
  });

  it("copy without front matter is all body", () => {
    expect(parseCopyText("正文第一段\n\n第二段\n", "a.md").copy).toEqual({ file: "a.md", paragraphs: ["正文第一段", "第二段"] });
  });

  it("an unknown key is an error with a did-you-mean and its line", () => {
    const err = errorOf(() => parseCopyText("---\ntitle: 主题\nsubtitel: 副题\n---\n正文\n", "a.md"));
    expect(err.format()).toBe('a.md: 3:1: unknown front-matter key "subtitel"; did you mean "subtitle"? (keys: kicker, title, subtitle, byline, credit)');
  });

  it("invalid YAML names the line", () => {
    const err = errorOf(() => parseCopyText('---\ntitle: 主题\nbyline: "未闭合\n---\n正文\n', "a.md"));
    expect(err.where).toMatch(/^3:\d+$/);
    expect(err.message).toMatch(/^front matter is not valid YAML: /);
  });

  it("front matter that is never closed", () => {
    const err = errorOf(() => parseCopyText("---\ntitle: 主题\n正文\n", "a.md"));
    expect(err.format()).toBe("a.md: 1:1: front matter opened with --- is not closed: add a line --- after the last key");
  });

  it("a value must be text", () => {
    const err = errorOf(() => parseCopyText("---\ntitle:\n  - a\n  - b\n---\n正文\n", "a.md"));
    expect(err.format()).toBe('a.md: 2:1: front-matter key "title" must be one line of text');
  });

  it("a folded value joins its lines like a paragraph", () => {
    expect(parseCopyText("---\ntitle: >\n  把学习成效\n  转化为履职\n---\n正文\n", "a.md").copy.title).toBe("把学习成效转化为履职");
  });
});

describe("paragraphs", () => {
  it("joins lines: nothing between CJK, one space between Latin words", () => {
    const { copy } = parseCopyText("江北区数字经济\n快速发展，GDP\n增长。Digital\neconomy grows\n", "a.md");
    expect(copy.paragraphs).toEqual(["江北区数字经济快速发展，GDP增长。Digital economy grows"]);
  });

  it("strips full-width spaces at a paragraph start; such a line also starts a paragraph", () => {
    const { copy } = parseCopyText("\u3000\u3000第一段，\n续行。\n\u3000\u3000第二段。\n", "a.md");
    expect(copy.paragraphs).toEqual(["第一段，续行。", "第二段。"]);
  });

  it("tabs vanish in CJK context and become a space between Latin words", () => {
    const { copy } = parseCopyText("本报讯\t近日，\tABC\tdef\n", "a.md");
    expect(copy.paragraphs).toEqual(["本报讯近日，ABC def"]);
  });

  it("removes control characters with a warning", () => {
    const { copy, warnings } = parseCopyText("第一段\n\n第二\u0007段\u0000\n", "a.md");
    expect(copy.paragraphs).toEqual(["第一段", "第二段"]);
    expect(warnings).toEqual([{ code: "copy", message: "a.md: removed 2 control characters (first U+0007 on line 3)" }]);
  });

  it("empty copy is a warning", () => {
    const { copy, warnings } = parseCopyText("---\ntitle: 只有标题\n---\n\n\u3000\u3000\n", "a.md");
    expect(copy.paragraphs).toEqual([]);
    expect(warnings).toEqual([{ code: "copy", message: "a.md: the copy has no paragraphs" }]);
  });
});
