/**
 * fastenSubset (src/pipeline/fast-paths.ts): a fastened TTFSubset (simple glyphs copied by their bytes, metrics
 * from hmtx) must encode to exactly the bytes fontkit's own subsetter writes.
 *
 * The fair comparison is two separately parsed font objects: the reference subset runs on a
 * font paiban never touched (no view, no seeded loca, no glyphs decoded by the fast side),
 * and the fast side gets no help from glyphs the reference decoded.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as fontkit from "fontkit";
import { afterAll, describe, expect, it } from "vitest";
import { fastenSubset } from "../../src/pipeline/fast-paths.js";
import { loadFace } from "../../src/render/fonts.js";
import { FontStore } from "../../src/fonts/store.js";
import type { SfntFont } from "../../src/fonts/sfnt.js";
import { tempDir } from "./helpers.js";

const require = createRequire(import.meta.url);
const SERIF_FILE = require.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf");

interface TtfGlyph {
  id: number;
  _decode(): { numberOfContours: number; components?: { glyphID: number; dx: number; dy: number; scaleX: number }[] } | null;
}
interface TtfSubset {
  glyphs: number[];
  mapping: Record<number, number>;
  includeGlyph(gid: number): number;
  encode(): Uint8Array;
  _addGlyph(gid: number): number;
}
interface TtfFont extends SfntFont {
  loca: { offsets: ArrayLike<number> };
  getGlyph(id: number): TtfGlyph;
  glyphForCodePoint(cp: number): TtfGlyph;
  createSubset(): TtfSubset;
}

const parse = (bytes: Buffer): TtfFont => fontkit.create(bytes) as unknown as TtfFont;
const SERIF_BYTES = readFileSync(SERIF_FILE);

const gidOf = (font: TtfFont, ch: string) => font.glyphForCodePoint(ch.codePointAt(0)!).id;

/** Glyphs whose glyf entry starts with a negative int16 numberOfContours. */
function compositeGlyphs(font: TtfFont): number[] {
  const glyf = font.directory.tables.glyf!;
  const bytes = font.stream.buffer;
  const out: number[] = [];
  for (let g = 0; g < font.numGlyphs; g++) {
    const start = font.loca.offsets[g]!;
    if (font.loca.offsets[g + 1]! - start >= 2 && (bytes[glyf.offset + start]! & 0x80) !== 0) out.push(g);
  }
  return out;
}

function blankGlyphs(font: TtfFont): number[] {
  const out: number[] = [];
  for (let g = 0; g < font.numGlyphs; g++) if (font.loca.offsets[g] === font.loca.offsets[g + 1]) out.push(g);
  return out;
}

const SCAN = parse(SERIF_BYTES);
const COMPOSITES = compositeGlyphs(SCAN);
const BLANKS = blankGlyphs(SCAN);
const IDEOGRAPHS = "本报讯政协委员区县国新闻龍";
const PUNCTUATION = "。，“”—…《》（）：";

/** The glyphs to subset, in order, once each: .notdef, ideographs, punctuation, blanks, a spread, the last. */
function glyphList(font: TtfFont): number[] {
  const ids = [0];
  for (const ch of IDEOGRAPHS + PUNCTUATION) ids.push(gidOf(font, ch));
  ids.push(gidOf(font, " "), gidOf(font, "\u3000"), ...BLANKS);
  for (let g = 4999; g < font.numGlyphs; g += 4999) ids.push(g);
  ids.push(font.numGlyphs - 1); // past the long hmtx entries (short bearing)
  return [...new Set(ids)];
}

/** Encode a subset of `gids` on `font`, fastened or not; the getGlyph calls during encode. */
function encodeSubset(font: TtfFont, gids: number[], fasten: boolean): { bytes: Buffer; glyphs: number[]; getGlyphCalls: number[] } {
  const subset = font.createSubset();
  if (fasten) expect(fastenSubset(subset)).toBe(true);
  for (const gid of gids) subset.includeGlyph(gid);
  const calls: number[] = [];
  const getGlyph = font.getGlyph;
  font.getGlyph = function (this: TtfFont, id: number) {
    calls.push(id);
    return getGlyph.call(this, id);
  };
  try {
    const bytes = Buffer.from(subset.encode());
    return { bytes, glyphs: [...subset.glyphs], getGlyphCalls: calls };
  } finally {
    font.getGlyph = getGlyph;
  }
}

/**
 * The scan's verdict for the test names: Noto Serif SC is expected to have no composites, so
 * two are written into a copy of it (below); a face that has some is tested with its own.
 */
const COMPOSITE_NOTE =
  COMPOSITES.length > 0
    ? `composite glyph found in Noto Serif SC Regular (gid ${COMPOSITES[0]}, ${COMPOSITES.length} in all)`
    : `no composite glyph in Noto Serif SC Regular (all ${SCAN.numGlyphs} scanned), so two are written into a copy of it`;

interface CompositeFont {
  bytes: Buffer;
  /** The composites to include, and the simple glyphs they name that the list does not include. */
  composites: number[];
  componentsOnly: number[];
  /** Glyphs of the list the composites also name (renumbered to their existing index). */
  shared: number[];
}

/**
 * A copy of the face with two composite glyphs written over two ideographs' slots (same
 * length, so loca is unchanged): 龍 := 国 (0,0) + 鼎 (40,-30) with byte arguments; 鼐 := the
 * new 龍 (+100,-50, word arguments) scaled 0.5. 鼎 is not in the glyph list: the subsetter
 * must add it when it meets the composite; 国 is, and keeps its index.
 */
function withComposites(): CompositeFont {
  if (COMPOSITES.length > 0) {
    const [first] = COMPOSITES;
    const components = parse(SERIF_BYTES).getGlyph(first!)._decode()!.components!.map((c) => c.glyphID);
    return { bytes: SERIF_BYTES, composites: [first!], componentsOnly: components, shared: [] };
  }
  const bytes = Buffer.from(SERIF_BYTES);
  const font = parse(bytes);
  const glyf = font.directory.tables.glyf!;
  const [long, guo, ding, nai] = ["龍", "国", "鼎", "鼐"].map((ch) => gidOf(font, ch)) as [number, number, number, number];
  const slot = (gid: number) => {
    const start = glyf.offset + font.loca.offsets[gid]!;
    expect(font.loca.offsets[gid + 1]! - font.loca.offsets[gid]!).toBeGreaterThanOrEqual(24);
    return start;
  };
  // 龍: numberOfContours -1, keep its bbox; two components with int8 x/y offsets.
  let at = slot(long);
  bytes.writeInt16BE(-1, at);
  at += 10;
  bytes.writeUInt16BE(0x0020 | 0x0002, at); // MORE_COMPONENTS | ARGS_ARE_XY_VALUES
  bytes.writeUInt16BE(guo, at + 2);
  bytes.writeInt8(0, at + 4);
  bytes.writeInt8(0, at + 5);
  bytes.writeUInt16BE(0x0002, at + 6);
  bytes.writeUInt16BE(ding, at + 8);
  bytes.writeInt8(40, at + 10);
  bytes.writeInt8(-30, at + 11);
  // 鼐: one component (the composite 龍), int16 offsets, a uniform scale of 0.5 (F2Dot14).
  at = slot(nai);
  bytes.writeInt16BE(-1, at);
  at += 10;
  bytes.writeUInt16BE(0x0001 | 0x0002 | 0x0008, at); // WORDS | XY_VALUES | WE_HAVE_A_SCALE
  bytes.writeUInt16BE(long, at + 2);
  bytes.writeInt16BE(100, at + 4);
  bytes.writeInt16BE(-50, at + 6);
  bytes.writeUInt16BE(0x2000, at + 8);
  return { bytes, composites: [long, nai], componentsOnly: [ding], shared: [guo] };
}

const dir = tempDir("paiban-subset-");
const store = new FontStore();
afterAll(() => store.close());

describe("fastenSubset on Noto Serif SC Regular", () => {
  it("the fastened subset encodes byte-identical to fontkit's own (.notdef, ideographs, punctuation, blanks, the last glyph)", () => {
    const reference = parse(Buffer.from(SERIF_BYTES));
    const fast = parse(Buffer.from(SERIF_BYTES));
    const gids = glyphList(reference);
    expect(gids).toContain(1); // U+0020 (blank)
    expect(BLANKS.length).toBeGreaterThan(0);
    expect(BLANKS).toContain(gidOf(reference, "\u3000"));
    const theirs = encodeSubset(reference, gids, false);
    const ours = encodeSubset(fast, gids, true);
    expect(ours.glyphs).toEqual(theirs.glyphs);
    expect(ours.bytes.length).toBe(theirs.bytes.length);
    expect(Buffer.compare(ours.bytes, theirs.bytes)).toBe(0);
    // The fast path really ran: fontkit decoded every glyph, the fastened subset none.
    expect(theirs.getGlyphCalls.length).toBe(new Set(gids).size);
    expect(ours.getGlyphCalls).toEqual([]);
  });

  it("…and so does the production path (loadFace: outlines read on demand, loca seeded)", () => {
    const reference = parse(Buffer.from(SERIF_BYTES));
    const gids = glyphList(reference);
    const theirs = encodeSubset(reference, gids, false);
    const face = loadFace(store, { file: SERIF_FILE, postscriptName: "NotoSerifSC-Regular" }) as unknown as TtfFont;
    const ours = encodeSubset(face, gids, true);
    expect(ours.glyphs).toEqual(theirs.glyphs);
    expect(Buffer.compare(ours.bytes, theirs.bytes)).toBe(0);
    expect(ours.getGlyphCalls).toEqual([]);
  });

  it(`composites go through fontkit and still match byte for byte (${COMPOSITE_NOTE})`, () => {
    const c = withComposites();
    const reference = parse(Buffer.from(c.bytes));
    const fast = parse(Buffer.from(c.bytes));
    // The composites are composites to fontkit, and name the glyphs we think they do.
    for (const gid of c.composites) expect(reference.getGlyph(gid)._decode()!.numberOfContours).toBeLessThan(0);
    const gids = [...new Set([...glyphList(reference), ...c.composites])];
    for (const g of c.componentsOnly) expect(gids).not.toContain(g);
    const theirs = encodeSubset(reference, gids, false);
    const ours = encodeSubset(fast, gids, true);
    // The subsetter added the components the list lacked, after the list, in fontkit's order.
    expect(theirs.glyphs.slice(gids.length)).toEqual(c.componentsOnly);
    expect(ours.glyphs).toEqual(theirs.glyphs);
    expect(Buffer.compare(ours.bytes, theirs.bytes)).toBe(0);
    // Only the composites were handed to fontkit.
    expect(ours.getGlyphCalls).toEqual(c.composites);

    // The subset's composites name the subset's numbers (renumbered), read back by fontkit.
    if (COMPOSITES.length === 0) {
      const sub = parse(ours.bytes);
      const index = (gid: number) => ours.glyphs.indexOf(gid);
      const [long, nai] = c.composites as [number, number];
      const longComponents = sub.getGlyph(index(long))._decode()!.components!;
      expect(longComponents.map((x) => [x.glyphID, x.dx, x.dy])).toEqual([
        [index(c.shared[0]!), 0, 0],
        [index(c.componentsOnly[0]!), 40, -30],
      ]);
      const naiComponents = sub.getGlyph(index(nai))._decode()!.components!;
      expect(naiComponents.map((x) => [x.glyphID, x.dx, x.dy, x.scaleX])).toEqual([[index(long), 100, -50, 0.5]]);
    }
  });

  it("composites also match on the production path (outlines read on demand)", () => {
    const c = withComposites();
    const file = join(dir, "composite.ttf");
    writeFileSync(file, c.bytes);
    const reference = parse(Buffer.from(c.bytes));
    const gids = [...new Set([...glyphList(reference), ...c.composites])];
    const theirs = encodeSubset(reference, gids, false);
    const face = loadFace(store, { file, postscriptName: "NotoSerifSC-Regular" }) as unknown as TtfFont;
    const ours = encodeSubset(face, gids, true);
    expect(ours.glyphs).toEqual(theirs.glyphs);
    expect(Buffer.compare(ours.bytes, theirs.bytes)).toBe(0);
  });
});

describe("fastenSubset declines what it cannot speed up", () => {
  it("returns false for values that are not a TrueType subset", () => {
    for (const value of [null, undefined, 0, "subset", {}, [], { _addGlyph: () => 0 }, { glyphEncoder: {}, font: {} }]) {
      expect(fastenSubset(value)).toBe(false);
    }
  });

  it("returns false for a CFF-like subset (no glyphEncoder) and leaves it as it was", () => {
    const addGlyph = () => 0;
    const encode = () => new Uint8Array(0);
    const cff = {
      font: { stream: { buffer: new Uint8Array(0) } },
      cff: {},
      glyphs: [0],
      mapping: { 0: 0 },
      charstrings: [],
      _addGlyph: addGlyph,
      encode,
    };
    expect(fastenSubset(cff)).toBe(false);
    expect(cff._addGlyph).toBe(addGlyph);
    expect(cff.encode).toBe(encode);
  });

  it("returns false for a TrueType subset whose font has hmtx but no readable loca/glyf", () => {
    const bytes = new Uint8Array(64);
    new DataView(bytes.buffer).setUint16(16, 500); // one long hmtx entry: advance 500
    const font: SfntFont = {
      stream: { buffer: bytes },
      directory: { tables: { hmtx: { offset: 16, length: 4 }, loca: { offset: 60, length: 8 }, glyf: { offset: 20, length: 8 } } },
      hhea: { numberOfMetrics: 1 },
      head: { indexToLocFormat: 1 },
      numGlyphs: 1,
    };
    const addGlyph = () => 0;
    const subset = { font, glyphEncoder: {}, glyphs: [0], _addGlyph: addGlyph, encode: () => new Uint8Array(0) };
    expect(fastenSubset(subset)).toBe(false);
    expect(subset._addGlyph).toBe(addGlyph);
  });

  it("returns false for a TrueType subset of a variable instance, leaving fontkit's _addGlyph", () => {
    const font = parse(Buffer.from(SERIF_BYTES));
    // fontkit's getter (null for a static face) shadowed on this one object, as an instance of
    // a variable face would answer.
    Object.defineProperty(font, "_variationProcessor", { value: { normalizedCoords: [0.5] } });
    const subset = font.createSubset();
    const addGlyph = subset._addGlyph;
    expect(fastenSubset(subset)).toBe(false);
    expect(subset._addGlyph).toBe(addGlyph);
  });

  it("the same subset without the variation processor is fastened (_addGlyph replaced)", () => {
    const subset = parse(Buffer.from(SERIF_BYTES)).createSubset();
    const addGlyph = subset._addGlyph;
    expect(fastenSubset(subset)).toBe(true);
    expect(subset._addGlyph).not.toBe(addGlyph);
  });
});
