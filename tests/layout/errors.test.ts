import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PaibanError } from "../../src/common/diagnostics.js";
import { loadLayout, validateLayout } from "../../src/pipeline/load.js";

const dir = fileURLToPath(new URL("../fixtures/layout/", import.meta.url));
const fixture = (name: string) => resolve(dir, name);
const samples = resolve(dir, "../../../samples/quxian");

/** format() of the error loading a fixture throws; fails the test if it loads. */
async function errorOf(name: string): Promise<string> {
  try {
    await loadLayout(fixture(name));
  } catch (err) {
    expect(err).toBeInstanceOf(PaibanError);
    const text = (err as PaibanError).format();
    expect(text).not.toMatch(/\n\s+at /); // never a stack trace
    return text;
  }
  throw new Error(`${name} loaded without an error`);
}

const at = (name: string, where: string, message: string) => `${fixture(name)}: ${where}: ${message}`;

describe("layout errors: JSON syntax", () => {
  it("names line and column of a syntax error", async () => {
    expect(await errorOf("syntax-error.json")).toBe(
      at("syntax-error.json", "4:3", `JSON syntax error: expected ',' or '}' after a property value, found '"'`),
    );
  });

  it("rejects trailing garbage after the object", async () => {
    expect(await errorOf("trailing-garbage.json")).toBe(
      at("trailing-garbage.json", "4:1", "JSON syntax error: unexpected '}' after the end of the JSON value (trailing garbage; the layout must be one JSON object)"),
    );
  });

  it("rejects a duplicate key (JSON.parse would keep the last one silently)", async () => {
    expect(await errorOf("duplicate-key.json")).toBe(at("duplicate-key.json", "3:3", 'JSON syntax error: duplicate key "paper"'));
  });

  it("says comments are not JSON", async () => {
    expect(await errorOf("comment.json")).toBe(at("comment.json", "2:3", "JSON syntax error: comments are not allowed in a JSON layout file"));
  });

  it("names a missing layout file", async () => {
    const f = fixture("no-such-layout.json");
    await expect(loadLayout(f)).rejects.toThrow(PaibanError);
    await loadLayout(f).catch((e: PaibanError) => expect(e.format()).toBe(`${f}: layout file not found (looked at ${f})`));
  });
});

describe("layout errors: keys and values", () => {
  it("unknown key with a did-you-mean and the keys allowed", async () => {
    expect(await errorOf("unknown-key.json")).toBe(
      at("unknown-key.json", "items[0].area.spam", 'unknown key "spam"; did you mean "span"? (keys here: column, span, line, lines) (line 34, column 9)'),
    );
  });

  it("wrong unit", async () => {
    expect(await errorOf("wrong-unit.json")).toBe(
      at("wrong-unit.json", "page.grid.columnWidth", 'unknown unit "px" in "11px": a length needs a unit: mm, pt, em/字, line/行, col/栏 (line 14, column 22)'),
    );
  });

  it("bare number where a length is expected", async () => {
    expect(await errorOf("bare-number.json")).toBe(
      at("bare-number.json", "page.bleed", 'a length needs a unit: mm, pt, em/字, line/行, col/栏 (found the bare number 3; write e.g. "3mm") (line 7, column 14)'),
    );
  });

  it("zero size", async () => {
    expect(await errorOf("zero-size.json")).toBe(at("zero-size.json", "items[0].body.size", '"0pt" must be greater than zero (line 39, column 17)'));
  });

  it("negative length", async () => {
    expect(await errorOf("negative-length.json")).toBe(at("negative-length.json", "page.typeArea.top", '"-5mm" must not be negative (line 9, column 14)'));
  });

  it("zero columns", async () => {
    expect(await errorOf("zero-columns.json")).toBe(at("zero-columns.json", "page.grid.columns", "expected a whole number ≥ 1, found 0 (line 13, column 18)"));
  });

  it("unknown font size name", async () => {
    expect(await errorOf("bad-font-size.json")).toContain(
      'items[0].headline.title.size: unknown font size "大号": use a size name (初号 小初 一号 小一 二号 小二 三号 小三 四号 小四 五号 小五 六号 小六 七号)',
    );
  });

  it("unknown font role lists the roles", async () => {
    expect(await errorOf("unknown-font-role.json")).toBe(
      at("unknown-font-role.json", "items[0].body.font", 'unknown font role "ming" (roles: song, hei, kai, fangsong) (line 39, column 17)'),
    );
  });

  it("unknown font role in the font overrides lists the roles", async () => {
    expect(await errorOf("unknown-font-override.json")).toBe(
      at("unknown-font-override.json", "fonts.mingti", 'unknown font role "mingti" (roles: song, hei, kai, fangsong) (line 41, column 5)'),
    );
  });

  it("unknown punctuation style, with a did-you-mean", async () => {
    expect(await errorOf("unknown-punctuation.json")).toBe(
      at(
        "unknown-punctuation.json",
        "items[0].body.punctuation",
        'unknown punctuation style "kaimimg"; did you mean "kaiming"? (styles: kaiming 开明, quanjiao 全角, banjiao 半角, hangmo 行末半角) (line 39, column 24)',
      ),
    );
  });

  it("unknown trim preset lists the presets", async () => {
    expect(await errorOf("unknown-trim.json")).toBe(
      at("unknown-trim.json", "page.trim", 'unknown trim preset "八开" (presets: 对开 390×543 mm, 四开 270×390 mm; or {"width": "390mm", "height": "543mm"}) (line 6, column 13)'),
    );
  });

  it("unknown item type", async () => {
    expect(await errorOf("unknown-item-type.json")).toBe(
      at("unknown-item-type.json", "items[0].type", 'unknown item type "stroy"; did you mean "story"? (types: story, photo, sidebar, rule) (line 29, column 15)'),
    );
  });

  it("bad date (no 30 February)", async () => {
    expect(await errorOf("bad-date.json")).toBe(
      at("bad-date.json", "date", 'expected a date as yyyy-mm-dd (e.g. "2024-11-27"), found "2024-02-30" (line 4, column 11)'),
    );
  });

  it("bad colour name", async () => {
    expect(await errorOf("bad-colour.json")).toBe(
      at("bad-colour.json", "items[0].body.color", 'a colour is [c, m, y, k] with each 0–100, or one of "black", "red", "white"; found "blue" (line 39, column 18)'),
    );
  });

  it("CMYK value over 100", async () => {
    expect(await errorOf("bad-cmyk.json")).toBe(at("bad-cmyk.json", "items[0].body.color[3]", "must be at most 100, found 120 (line 43, column 11)"));
  });
});

describe("layout errors: pages", () => {
  it("both items and pages", async () => {
    expect(await errorOf("items-and-pages.json")).toBe(
      at("items-and-pages.json", "pages", 'give either "items" (a one-page layout) or "pages" (an edition), not both (line 40, column 3)'),
    );
  });

  it("neither items nor pages", async () => {
    expect(await errorOf("no-items-no-pages.json")).toBe(
      `${fixture("no-items-no-pages.json")}: the layout has neither "items" (a one-page layout) nor "pages" (an edition): give one of them (line 1, column 1)`,
    );
  });

  it("empty pages list", async () => {
    expect(await errorOf("empty-pages.json")).toBe(at("empty-pages.json", "pages", "an edition needs at least one page: the pages list is empty (line 25, column 12)"));
  });

  it("duplicate item id", async () => {
    expect(await errorOf("duplicate-id.json")).toBe(at("duplicate-id.json", "items[1].id", 'duplicate item id "lead" (already used by items[0]) (line 41, column 13)'));
  });
});

describe("layout errors: the grid", () => {
  it("column outside the grid", async () => {
    expect(await errorOf("column-outside.json")).toBe(
      at("column-outside.json", "items[0].area.column", "column 10 is outside the grid: the type area has 9 columns (column 1–9) (line 33, column 19)"),
    );
  });

  it("line outside the grid", async () => {
    expect(await errorOf("line-outside.json")).toBe(
      at("line-outside.json", "items[0].area.line", "line 101 is outside the grid: the type area has 100 lines (line 1–100) (line 35, column 17)"),
    );
  });

  it("span beyond the grid, with the numbers", async () => {
    expect(await errorOf("span-beyond.json")).toBe(
      at("span-beyond.json", "items[0].area.span", "span 5 from column 6 reaches column 10, beyond the grid's 9 columns; at most 4 fit here (line 34, column 17)"),
    );
  });

  it("lines beyond the grid", async () => {
    expect(await errorOf("lines-beyond.json")).toBe(
      at("lines-beyond.json", "items[0].area.lines", "lines 50 from line 61 reaches line 110, beyond the grid's 100 lines; at most 40 fit here (line 36, column 18)"),
    );
  });

  it("measure wider than the area allows", async () => {
    expect(await errorOf("measure-too-wide.json")).toBe(
      at(
        "measure-too-wide.json",
        "items[0].measure",
        'measure "24em" is too wide: 2 columns × 216 pt + 1 gutter × 9 pt = 441 pt, but the area (4 grid columns) is 423 pt wide; the widest measure that fits is 207 pt (line 39, column 18)',
      ),
    );
  });

  it("a stepped area names the rectangle at fault", async () => {
    expect(await errorOf("stepped-area-beyond.json")).toBe(
      at("stepped-area-beyond.json", "items[0].area[1].span", "span 12 from column 1 reaches column 12, beyond the grid's 9 columns; at most 9 fit here (line 41, column 19)"),
    );
  });

  it("a unit that means nothing where it is used (em in the trim)", async () => {
    expect(await errorOf("em-in-trim.json")).toBe(
      at("em-in-trim.json", "page.trim.width", '"300em": em/字 cannot be used here (no body size yet); use mm or pt (line 7, column 16)'),
    );
  });

  it("a missing length", async () => {
    expect(await errorOf("missing-length.json")).toBe(
      at("missing-length.json", "page.trim.height", 'missing: expected a length such as "3mm" or "11em" (line 6, column 13)'),
    );
  });

  it("a vertical rule given a span", async () => {
    expect(await errorOf("rule-span-on-vertical.json")).toBe(
      at("rule-span-on-vertical.json", "items[1].span", "a vertical rule has no span; give lines (its length in grid lines) (line 45, column 7)"),
    );
  });

  it("type area larger than the trim", async () => {
    expect(await errorOf("type-area-outside-trim.json")).toBe(
      at(
        "type-area-outside-trim.json",
        "page.grid.columns",
        "the type area does not fit the trim: left 70.87 pt + 11 columns × 99 pt + 10 gutters × 9 pt = 1249.87 pt, but the trim is 1105.51 pt wide (line 13, column 18)",
      ),
    );
  });

  it("vertical rule outside the gutters", async () => {
    expect(await errorOf("rule-outside.json")).toBe(
      at("rule-outside.json", "items[1].column", "a vertical rule stands in the gutter before a column: column must be 2–9, found 10 (line 43, column 17)"),
    );
  });
});

describe("layout errors: files", () => {
  it("missing copy file: as written and as resolved", async () => {
    expect(await errorOf("missing-copy.json")).toBe(
      at(
        "missing-copy.json",
        "items[0].copy",
        `copy file not found: "../../../samples/quxian/nowhere.md" (resolved to ${resolve(samples, "nowhere.md")}) (line 31, column 15)`,
      ),
    );
  });

  it("missing image", async () => {
    expect(await errorOf("missing-image.json")).toBe(
      at("missing-image.json", "items[1].image", `image not found: "no-such-photo.jpg" (resolved to ${fixture("no-such-photo.jpg")}) (line 42, column 16)`),
    );
  });

  it("missing font override file", async () => {
    expect(await errorOf("missing-font-file.json")).toBe(
      at("missing-font-file.json", "fonts.song.regular.file", `font file not found: "x.ttc" (resolved to ${fixture("x.ttc")}) (line 46, column 17)`),
    );
  });
});

describe("layout warnings", () => {
  it("overlapping items are a warning naming both ids, not an error", async () => {
    const { edition, warnings } = await validateLayout(fixture("overlap.json"));
    expect(edition.pages[0]!.items).toHaveLength(2);
    expect(warnings).toEqual([
      { code: "overlap", itemId: "lead", message: 'page 4: items "lead" and "rongchang" overlap at columns 4–4, lines 50–60' },
    ]);
  });
});
