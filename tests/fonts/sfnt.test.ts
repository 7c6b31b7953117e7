/**
 * src/fonts/sfnt.ts: hmtx / loca / glyf read straight from the buffer fontkit holds must give
 * fontkit's own numbers and bytes, for the default faces of fonts/fontmap.json; a variable
 * instance or a malformed hmtx gets no view (null), never an exception.
 *
 * The comparison side is always a separately parsed fontkit font, so nothing the view or the
 * seeding does to a font object can leak into the numbers it is compared with.
 */
import { copyFileSync, mkdtempSync, readFileSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { deflateSync } from "node:zlib";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as fontkit from "fontkit";
import { afterAll, describe, expect, it } from "vitest";
import { sfntView, type SfntFont } from "../../src/fonts/sfnt.js";
import { closeOutlineFile, readFontFile as readWithOutlinesOnDisk } from "../../src/fonts/outlines.js";
import { readOutlinesOnDemand, seedLocaTable } from "../../src/pipeline/fast-paths.js";
import { PaibanError } from "../../src/common/diagnostics.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);

interface TtfGlyph {
  id: number;
  advanceWidth: number;
  _getMetrics(): { advanceWidth: number; leftBearing: number };
  path: { toSVG(): string };
  cbox: { minX: number; minY: number; maxX: number; maxY: number };
}

/** The fontkit TTFFont surface this test reads (public and private). */
interface TtfFont extends SfntFont {
  postscriptName: string;
  loca: { version: number; offsets: ArrayLike<number> };
  _tables: Record<string, unknown>;
  getGlyph(id: number): TtfGlyph;
  glyphForCodePoint(cp: number): TtfGlyph;
}

function parseBytes(bytes: Buffer): TtfFont {
  return fontkit.create(bytes) as unknown as TtfFont;
}

function parse(file: string): TtfFont {
  return parseBytes(readFileSync(file));
}

/** The default faces: fonts/fontmap.json, `npm:<package>/<path>` resolved in node_modules. */
function defaultFaces(): { key: string; file: string }[] {
  const map = JSON.parse(readFileSync(join(root, "fonts", "fontmap.json"), "utf8")) as Record<string, Record<string, string>>;
  const faces: { key: string; file: string }[] = [];
  for (const [role, weights] of Object.entries(map)) {
    for (const [weight, entry] of Object.entries(weights)) {
      const npm = /^npm:((?:@[^/]+\/)?[^/]+)\/(.+)$/.exec(entry);
      if (!npm) throw new Error(`unexpected default font entry ${entry}`);
      const file = join(dirname(require.resolve(`${npm[1]}/package.json`)), npm[2]!);
      faces.push({ key: `${role} ${weight}`, file });
    }
  }
  return faces;
}

const FACES = defaultFaces();

/** Characters whose glyphs are checked by name: CJK punctuation and a few ideographs. */
const CHARS = "。，“”—…国报讯政协龍〇";

/** Glyph ids with blank outlines (loca offsets equal), from fontkit's loca. */
function blankGlyphs(font: TtfFont): number[] {
  const o = font.loca.offsets;
  const out: number[] = [];
  for (let g = 0; g < font.numGlyphs; g++) if (o[g] === o[g + 1]) out.push(g);
  return out;
}

/**
 * Every 97th glyph, the last six, both sides of the long/short hmtx boundary, the glyphs of
 * CHARS, the blank glyphs: ids to compare, ascending.
 */
function sampleGlyphs(fresh: TtfFont): number[] {
  const n = fresh.numGlyphs;
  const m = fresh.hhea.numberOfMetrics;
  const ids = new Set<number>();
  for (let g = 0; g < n; g += 97) ids.add(g);
  for (let g = n - 6; g < n; g++) ids.add(g);
  for (const g of [m - 2, m - 1, m, m + 1]) if (g >= 0 && g < n) ids.add(g);
  for (const ch of CHARS) ids.add(fresh.glyphForCodePoint(ch.codePointAt(0)!).id);
  for (const g of blankGlyphs(fresh)) ids.add(g);
  return [...ids].sort((a, b) => a - b);
}

/** fontkit's bytes of a glyph: glyf[loca[g], loca[g+1]). */
function fontkitGlyphBytes(fresh: TtfFont, gid: number): Buffer {
  const glyf = fresh.directory.tables.glyf!;
  const start = fresh.loca.offsets[gid]!;
  const end = fresh.loca.offsets[gid + 1]!;
  return Buffer.from(fresh.stream.buffer.subarray(glyf.offset + start, glyf.offset + end));
}

/** Buffers read with their outlines still on disk: their files are closed after the tests. */
const opened: Buffer[] = [];
function readFontFile(file: string): Buffer {
  const bytes = readWithOutlinesOnDisk(file);
  opened.push(bytes);
  return bytes;
}
afterAll(() => opened.forEach(closeOutlineFile));

describe("the default faces", () => {
  it("are the four Noto faces of fonts/fontmap.json", () => {
    expect(FACES.map((f) => `${f.key}: ${basename(f.file)}`)).toEqual([
      "song regular: NotoSerifSC_400Regular.ttf",
      "song bold: NotoSerifSC_700Bold.ttf",
      "hei regular: NotoSansSC_400Regular.ttf",
      "hei bold: NotoSansSC_700Bold.ttf",
    ]);
  });
});

describe.each(FACES)("sfntView of $key", ({ file }) => {
  const viewed = parse(file);
  const fresh = parse(file);
  const gids = sampleGlyphs(fresh);

  it("has a view (a static TrueType face), made once per font object", () => {
    const view = sfntView(viewed);
    expect(view).not.toBeNull();
    expect(sfntView(viewed)).toBe(view);
    // The sample reaches past the long hmtx entries where the face has short ones.
    expect(gids[gids.length - 1]).toBe(fresh.numGlyphs - 1);
    expect(gids.length).toBeGreaterThan(Math.floor(fresh.numGlyphs / 97));
  });

  it("the glyphs of 。，“”—… and the ideographs are in the face", () => {
    const missing = [...CHARS].filter((ch) => fresh.glyphForCodePoint(ch.codePointAt(0)!).id === 0);
    expect(missing).toEqual([]);
  });

  it("metrics(gid) are fontkit's advanceWidth and leftBearing", () => {
    const view = sfntView(viewed)!;
    const ours = gids.map((gid) => ({ gid, ...view.metrics(gid) }));
    const theirs = gids.map((gid) => {
      const glyph = fresh.getGlyph(gid);
      return { gid, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
    });
    expect(ours).toEqual(theirs);
    // Not a vacuous match: the faces have real, varying numbers.
    expect(new Set(theirs.map((t) => t.advance)).size).toBeGreaterThan(3);
    expect(new Set(theirs.map((t) => t.bearing)).size).toBeGreaterThan(20);
  });

  it("glyphBytes(gid) are the bytes between loca[gid] and loca[gid+1] in glyf", () => {
    const view = sfntView(viewed)!;
    const mismatched: number[] = [];
    let total = 0;
    for (const gid of gids) {
      const ours = view.glyphBytes(gid);
      const theirs = fontkitGlyphBytes(fresh, gid);
      total += theirs.length;
      if (!ours || Buffer.compare(Buffer.from(ours), theirs) !== 0) mismatched.push(gid);
    }
    expect(mismatched).toEqual([]);
    expect(total).toBeGreaterThan(gids.length * 50);
    for (const gid of blankGlyphs(fresh)) expect(view.glyphBytes(gid)!.length).toBe(0);
    // A simple glyph starts with its (positive) number of contours.
    const guo = fresh.glyphForCodePoint("国".codePointAt(0)!).id;
    const bytes = view.glyphBytes(guo)!;
    expect(bytes.length).toBe(fresh.loca.offsets[guo + 1]! - fresh.loca.offsets[guo]!);
    expect((bytes[0]! << 8) | bytes[1]!).toBeGreaterThan(0);
  });

  it("locaOffsets() has numGlyphs + 1 entries equal to fontkit's", () => {
    const offsets = sfntView(viewed)!.locaOffsets()!;
    expect(offsets.length).toBe(fresh.numGlyphs + 1);
    let firstDifference = -1;
    for (let i = 0; i < offsets.length; i++) {
      if (offsets[i] !== fresh.loca.offsets[i]) {
        firstDifference = i;
        break;
      }
    }
    expect(firstDifference).toBe(-1);
  });

  it("seedLocaTable gives the font fontkit's own loca table ({version, offsets})", () => {
    const seeded = parse(file);
    expect("loca" in seeded._tables).toBe(false); // fontkit has not decoded it: the seed is ours
    seedLocaTable(seeded);
    expect(seeded._tables.loca).toBeDefined();
    expect(seeded.loca.offsets).toBeInstanceOf(Uint32Array);
    expect(seeded.loca.version).toBe(fresh.loca.version);
    expect(seeded.loca.version).toBe(1);
    expect(seeded.loca.offsets.length).toBe(fresh.loca.offsets.length);
    let firstDifference = -1;
    for (let i = 0; i < fresh.loca.offsets.length; i++) {
      if (seeded.loca.offsets[i] !== fresh.loca.offsets[i]) {
        firstDifference = i;
        break;
      }
    }
    expect(firstDifference).toBe(-1);
    // fontkit's own outline reads on the seeded table agree with an unseeded font.
    for (const ch of "国。龍") {
      const gid = fresh.glyphForCodePoint(ch.codePointAt(0)!).id;
      expect(seeded.getGlyph(gid).path.toSVG()).toBe(fresh.getGlyph(gid).path.toSVG());
      expect({ ...seeded.getGlyph(gid).cbox }).toEqual({ ...fresh.getGlyph(gid).cbox });
    }
  });

  it("seedLocaTable leaves a loca fontkit decoded already as it is", () => {
    const font = parse(file);
    const decoded = font.loca;
    seedLocaTable(font);
    expect(font.loca).toBe(decoded);
    expect(Array.isArray(font.loca.offsets)).toBe(true);
  });
});

describe("a face read without its outlines (src/fonts/outlines.ts)", () => {
  it("glyphBytes reads the glyph in before handing out its bytes", () => {
    const file = FACES[0]!.file;
    const lazy = parseBytes(readFontFile(file));
    const fresh = parse(file);
    const glyf = fresh.directory.tables.glyf!;
    const gids = [...CHARS].map((ch) => fresh.glyphForCodePoint(ch.codePointAt(0)!).id);
    // The outlines really are absent until asked for (otherwise this test proves nothing).
    for (const gid of gids) {
      const start = glyf.offset + fresh.loca.offsets[gid]!;
      const end = glyf.offset + fresh.loca.offsets[gid + 1]!;
      expect(lazy.stream.buffer.subarray(start, end).every((b) => b === 0)).toBe(true);
    }
    const view = sfntView(lazy)!;
    for (const gid of gids) {
      expect(Buffer.compare(Buffer.from(view.glyphBytes(gid)!), fontkitGlyphBytes(fresh, gid))).toBe(0);
      expect(view.metrics(gid)).toEqual({ advance: fresh.getGlyph(gid).advanceWidth, bearing: fresh.getGlyph(gid)._getMetrics().leftBearing });
    }
  });

  it("names the file, as a user's error, when the font was cut short on disk before a glyph was read", () => {
    const file = join(mkdtempSync(join(tmpdir(), "paiban-outlines-")), "cut.ttf");
    copyFileSync(FACES[0]!.file, file);
    const lazy = parseBytes(readFontFile(file));
    const late = lazy.glyphForCodePoint("龍".codePointAt(0)!).id;
    truncateSync(file, lazy.directory.tables.glyf!.offset + 16); // the outlines gone
    const view = sfntView(lazy)!;
    let error: unknown;
    try {
      view.glyphBytes(late);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PaibanError);
    expect((error as PaibanError).format()).toBe(`${file}: the font file changed on disk while in use (its glyph outlines could not be read)`);
  });

  it("refuses a glyph not yet read once the font's file is closed (never hands out zeros)", () => {
    const file = FACES[0]!.file;
    const bytes = readFontFile(file);
    const lazy = parseBytes(bytes);
    readOutlinesOnDemand(lazy); // as parseFontFile does (with the fast paths)
    const view = sfntView(lazy)!;
    const read = lazy.glyphForCodePoint("国".codePointAt(0)!).id;
    const unread = lazy.glyphForCodePoint("龍".codePointAt(0)!).id;
    expect(view.glyphBytes(read)!.length).toBeGreaterThan(0);
    closeOutlineFile(bytes);
    expect(view.glyphBytes(read)!.length).toBeGreaterThan(0); // read before: still there
    expect(() => view.glyphBytes(unread)).toThrow(/after its file was closed/);
    expect(() => lazy.getGlyph(unread).path).toThrow(/after its file was closed/);
  });
});

/**
 * A minimal SfntFont over a hand-made buffer: 4 glyphs, 2 long hmtx entries and short
 * bearings after them, a loca (short or long) and a glyf of 24 bytes (glyph 1 blank).
 */
function fakeFont(opts: { locaFormat?: 0 | 1; hmtxLength?: number; numberOfMetrics?: number; variable?: boolean; locaPastEnd?: boolean; locaEntries?: number } = {}) {
  const locaFormat = opts.locaFormat ?? 0;
  const offsets = [0, 12, 12, 20, 24];
  const bytes = new Uint8Array(128);
  const data = new DataView(bytes.buffer);
  bytes.fill(0xee, 0, 16); // something before the tables
  const hmtxAt = 16;
  data.setUint16(hmtxAt, 500);
  data.setInt16(hmtxAt + 2, -7);
  data.setUint16(hmtxAt + 4, 600);
  data.setInt16(hmtxAt + 6, 12);
  data.setInt16(hmtxAt + 8, 30); // glyph 2's bearing
  data.setInt16(hmtxAt + 10, -40); // glyph 3's bearing
  const locaAt = 32;
  offsets.forEach((o, i) => (locaFormat === 1 ? data.setUint32(locaAt + 4 * i, o) : data.setUint16(locaAt + 2 * i, o / 2)));
  const locaLength = (opts.locaEntries ?? 5) * (locaFormat === 1 ? 4 : 2);
  const glyfAt = 56;
  for (let i = 0; i < 24; i++) bytes[glyfAt + i] = i + 1;
  bytes.fill(0xdd, glyfAt + 24, 128);
  const font: SfntFont & { _tables: Record<string, unknown> } = {
    type: "TTF",
    stream: { buffer: bytes },
    directory: {
      tables: {
        hmtx: { offset: hmtxAt, length: opts.hmtxLength ?? 12 },
        loca: { offset: opts.locaPastEnd ? 120 : locaAt, length: locaLength },
        glyf: { offset: glyfAt, length: 24 },
      },
    },
    hhea: { numberOfMetrics: opts.numberOfMetrics ?? 2 },
    head: { indexToLocFormat: locaFormat },
    numGlyphs: 4,
    _tables: {},
  };
  if (opts.variable) font._variationProcessor = { normalizedCoords: [0.5] };
  return font;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("sfntView on hand-made tables", () => {
  it.each([0, 1] as const)("reads long and short hmtx entries and loca format %i", (locaFormat) => {
    const view = sfntView(fakeFont({ locaFormat }))!;
    expect(view).not.toBeNull();
    expect([0, 1, 2, 3].map((g) => view.metrics(g))).toEqual([
      { advance: 500, bearing: -7 },
      { advance: 600, bearing: 12 },
      { advance: 600, bearing: 30 },
      { advance: 600, bearing: -40 },
    ]);
    expect(Array.from(view.locaOffsets()!)).toEqual([0, 12, 12, 20, 24]);
    expect(Array.from(view.glyphBytes(0)!)).toEqual(range(1, 13));
    expect(Array.from(view.glyphBytes(1)!)).toEqual([]);
    expect(Array.from(view.glyphBytes(2)!)).toEqual(range(13, 21));
    expect(Array.from(view.glyphBytes(3)!)).toEqual(range(21, 25));
    expect(Array.from(view.glyphBytes(4)!)).toEqual([]); // past the last glyph
  });

  it("a glyph past the short bearings gets bearing 0 (as fontkit's `|| 0`)", () => {
    const view = sfntView(fakeFont({ hmtxLength: 10 }))!;
    expect(view.metrics(2)).toEqual({ advance: 600, bearing: 30 });
    expect(view.metrics(3)).toEqual({ advance: 600, bearing: 0 });
  });

  it("seedLocaTable puts {version, offsets} in the table cache", () => {
    const font = fakeFont({ locaFormat: 1 });
    seedLocaTable(font);
    const loca = font._tables.loca as { version: number; offsets: Uint32Array };
    expect(loca.version).toBe(1);
    expect(Array.from(loca.offsets)).toEqual([0, 12, 12, 20, 24]);
  });

  it("a variable-font instance (_variationProcessor set) gets null, and no seeded loca", () => {
    const variable = fakeFont({ variable: true });
    expect(sfntView(variable)).toBeNull();
    seedLocaTable(variable);
    expect("loca" in variable._tables).toBe(false);
    // The same tables without the variation processor do get a view.
    expect(sfntView(fakeFont())).not.toBeNull();
  });

  it("an hmtx shorter than 4 × numberOfMetrics gives null instead of throwing", () => {
    for (const hmtxLength of [7, 6, 4, 0]) {
      const font = fakeFont({ hmtxLength });
      expect(() => sfntView(font)).not.toThrow();
      expect(sfntView(font)).toBeNull();
    }
    // numberOfMetrics claims more long entries than the 12-byte table holds.
    expect(sfntView(fakeFont({ numberOfMetrics: 4 }))).toBeNull();
    expect(sfntView(fakeFont({ numberOfMetrics: 0 }))).toBeNull();
  });

  it("an hmtx running past the end of the buffer gives null", () => {
    const font = fakeFont();
    font.directory.tables.hmtx = { offset: 120, length: 12 };
    expect(sfntView(font)).toBeNull();
  });

  it("a loca past the end of the buffer: metrics still read, no glyph bytes, no seeded loca", () => {
    const font = fakeFont({ locaPastEnd: true });
    const view = sfntView(font)!;
    expect(view.metrics(1)).toEqual({ advance: 600, bearing: 12 });
    expect(view.locaOffsets()).toBeUndefined();
    expect(view.glyphBytes(0)).toBeUndefined();
    seedLocaTable(font);
    expect("loca" in font._tables).toBe(false);
  });

  it("a loca with fewer than numGlyphs + 1 entries is not seeded; the glyphs it lacks are empty", () => {
    const font = fakeFont({ locaFormat: 1, locaEntries: 4 });
    const view = sfntView(font)!;
    expect(Array.from(view.locaOffsets()!)).toEqual([0, 12, 12, 20]);
    expect(Array.from(view.glyphBytes(2)!)).toEqual(range(13, 21));
    expect(Array.from(view.glyphBytes(3)!)).toEqual([]);
    seedLocaTable(font);
    expect("loca" in font._tables).toBe(false);
  });

  it("a real face whose directory says hmtx is too short gets null", () => {
    const font = parse(FACES[0]!.file);
    const hmtx = font.directory.tables.hmtx!;
    font.directory.tables.hmtx = { offset: hmtx.offset, length: 4 * font.hhea.numberOfMetrics - 2 };
    expect(() => sfntView(font)).not.toThrow();
    expect(sfntView(font)).toBeNull();
  });
});

/**
 * A WOFF 1.0 file of a TrueType font, the tables named in `compress` deflated (fontkit reads
 * such a file; its directory offsets point at the deflated bytes).
 */
function toWoff(ttf: Buffer, compress: Set<string>): Buffer {
  const numTables = ttf.readUInt16BE(4);
  const dir = Buffer.alloc(20 * numTables);
  const parts: Buffer[] = [];
  let pos = 44 + 20 * numTables;
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const tag = ttf.toString("latin1", at, at + 4);
    const offset = ttf.readUInt32BE(at + 8);
    const length = ttf.readUInt32BE(at + 12);
    const data = ttf.subarray(offset, offset + length);
    const stored = compress.has(tag) ? deflateSync(data) : data;
    dir.write(tag, 20 * i, "latin1");
    dir.writeUInt32BE(pos, 20 * i + 4);
    dir.writeUInt32BE(stored.length, 20 * i + 8);
    dir.writeUInt32BE(length, 20 * i + 12);
    dir.writeUInt32BE(ttf.readUInt32BE(at + 4), 20 * i + 16);
    const padded = Buffer.alloc((stored.length + 3) & ~3);
    stored.copy(padded);
    parts.push(padded);
    pos += padded.length;
  }
  const header = Buffer.alloc(44);
  header.write("wOFF", 0, "latin1");
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(pos, 8);
  header.writeUInt16BE(numTables, 12);
  header.writeUInt32BE(ttf.length, 16);
  return Buffer.concat([header, dir, ...parts]);
}

describe("a WOFF face (tables deflated in the file)", () => {
  const ttf = readFileSync(FACES[0]!.file);
  const woff = parseBytes(toWoff(ttf, new Set(["hmtx"])));
  const fresh = parse(FACES[0]!.file);

  it("is read by fontkit with the TrueType face's metrics (the premise)", () => {
    expect((woff as unknown as { type: string }).type).toBe("WOFF");
    const guo = fresh.glyphForCodePoint("国".codePointAt(0)!).id;
    expect(woff.getGlyph(guo).advanceWidth).toBe(fresh.getGlyph(guo).advanceWidth);
  });

  // A WOFF's directory offsets point at deflated bytes: no view (fontkit is asked instead).
  it("gets no view, so its metrics come from fontkit", () => {
    expect(sfntView(woff)).toBeNull();
  });
});
