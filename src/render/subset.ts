/**
 * A faster way for fontkit's TrueType subsetter to take in each glyph.
 *
 * fontkit's TTFSubset._addGlyph decodes every glyph's outline (to learn whether it is a
 * composite) and then its metrics, through restructure, for each glyph of each document:
 * ~25 ms of the seed page's PDF. A glyph's first two bytes say whether it is a composite
 * (numberOfContours < 0), and its advance and bearing are two numbers in hmtx, so a simple
 * glyph needs no decoding at all: its bytes are copied as they are, as fontkit copies them.
 * Composite glyphs (rare in CJK faces) and variable-font instances still go through fontkit.
 *
 * fontkit 2.0.4 is pinned exactly; tests/render/subset.test.ts checks that the subset is
 * byte-identical to fontkit's own.
 */
import { loadOutlines } from "../fonts/outlines.js";
import { sfntView, type SfntFont } from "../fonts/sfnt.js";

/** The TTFSubset fields read and written here (fontkit's, private). */
interface TrueTypeSubset {
  font: SfntFont;
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph(gid: number): number;
  encode(): unknown;
}

function isTrueTypeSubset(subset: unknown): subset is TrueTypeSubset {
  const s = subset as Partial<TrueTypeSubset> | null;
  return !!s && typeof s._addGlyph === "function" && "glyphEncoder" in s && typeof s.font === "object";
}

/**
 * Make a pdfkit font's subset take simple TrueType glyphs by their bytes. Returns whether the
 * fast path is in place (false: a CFF font, a variable instance, or a fontkit that changed).
 */
export function fastenSubset(subset: unknown): boolean {
  if (!isTrueTypeSubset(subset)) return false;
  const view = sfntView(subset.font);
  if (!view || !view.locaOffsets()) return false;
  const slow = subset._addGlyph;
  const encode = subset.encode;
  // The outlines of every glyph used, read from the font file in one pass (src/fonts/outlines.ts).
  subset.encode = function encodeSubset(this: TrueTypeSubset) {
    loadOutlines(this.font.stream.buffer, this.glyphs);
    return encode.call(this);
  };
  subset._addGlyph = function addGlyph(this: TrueTypeSubset, gid: number): number {
    const bytes = view.glyphBytes(gid);
    // A composite (numberOfContours < 0) names other glyphs that must be renumbered: fontkit.
    if (!bytes || (bytes.length >= 2 && (bytes[0]! & 0x80) !== 0)) return slow.call(this, gid);
    this.glyf.push(bytes);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push(view.metrics(gid));
    this.offset += bytes.length;
    return this.glyf.length - 1;
  };
  return true;
}
