/** fonts/fontmap.json: roles to files, a newspaper's own map, fallbacks that say so. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PaibanError } from "../../src/common/diagnostics.js";
import { defaultFonts, makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-fontmap-"));
afterEach(() => {
  delete process.env.PAIBAN_FONT_MAP;
});

function mapFile(content: unknown): string {
  const file = path.join(dir, `map-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("the font map", () => {
  it("ships Noto Serif SC for song and Noto Sans SC for hei, from npm", () => {
    const fonts = defaultFonts();
    expect(path.basename(fonts.song!.regular!.file)).toBe("NotoSerifSC_400Regular.ttf");
    expect(path.basename(fonts.hei!.bold!.file)).toBe("NotoSansSC_700Bold.ttf");
    expect(fs.existsSync(fonts.song!.regular!.file)).toBe(true);
    expect(fonts.kai).toEqual({});
  });

  it("kai falls back to song with a warning, never silently", () => {
    const map = makeFontMap({}, new FontStore());
    expect(path.basename(map.resolve("kai", "regular").font.file)).toBe("NotoSerifSC_400Regular.ttf");
    expect(map.warnings()).toEqual([
      expect.objectContaining({ code: "font-fallback", message: expect.stringContaining("font role kai (regular) has no font of its own: using song (regular)") }),
    ]);
  });

  it("PAIBAN_FONT_MAP points the roles at a newspaper's own files, relative to the map", () => {
    process.env.PAIBAN_FONT_MAP = mapFile({ kai: { regular: "licensed/FZKai.ttf", bold: { file: "/fonts/kai.ttc", face: "FZKai-Bold" } } });
    const fonts = defaultFonts();
    expect(fonts.kai!.regular!.file).toBe(path.join(dir, "licensed/FZKai.ttf"));
    expect(fonts.kai!.bold).toEqual({ file: "/fonts/kai.ttc", face: "FZKai-Bold" });
    expect(fonts.song).toBeUndefined();
  });

  it("a map with an unknown weight is refused naming the file and the key", () => {
    const file = mapFile({ song: { italic: "x.ttf" } });
    process.env.PAIBAN_FONT_MAP = file;
    expect(() => defaultFonts()).toThrow(PaibanError);
    try {
      defaultFonts();
    } catch (e) {
      expect((e as PaibanError).format()).toBe(
        `${file}: song: Unrecognized key: "italic" (roles: song, hei, kai, fangsong; weights: regular, bold; a value is a path or {"file","face"})`,
      );
    }
  });

  it("a map that is not JSON, or not there, is refused naming the file", () => {
    process.env.PAIBAN_FONT_MAP = mapFile("{ song: ");
    expect(() => defaultFonts()).toThrow(/font map is not valid JSON/);
    process.env.PAIBAN_FONT_MAP = path.join(dir, "none.json");
    expect(() => defaultFonts()).toThrow("font map not found");
  });
});
