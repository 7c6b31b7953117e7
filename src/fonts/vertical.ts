/**
 * A face's vertical data, read from its tables: the vertical advance and top side bearing of a
 * glyph (vhea + vmtx), its vertical origin (VORG, or yMax + top side bearing where a TrueType
 * font has no VORG, as the OpenType spec says), and the single substitutions of the GSUB
 * features vertical setting asks for (vert, vrt2; hwid for numbers set upright in one em).
 *
 * fontkit reports a zero advanceHeight for every glyph of the default faces although they carry
 * vmtx (fontkit#340), and its layout() would decode GPOS as well, so these are direct reads of
 * the buffer fontkit holds, in the style of src/fonts/sfnt.ts: fontkit stays the parser of
 * record for the table directory, OS/2 and the glyph outlines.
 *
 * A face without vmtx or without vert forms still sets vertically: the composer falls back to a
 * 1-em advance with the origin at the ideographic em box's top, centres marks it has no vertical
 * form for and turns brackets; `missing` says what is lacking, for a warning.
 */
import { fontkitFontOf, type Face } from "./face.js";
import { sfntView, type SfntFont } from "./sfnt.js";

/** Vertical metrics of one glyph, em. */
export interface VerticalMetrics {
  /** Advance along a vertical line (vmtx advanceHeight). */
  advance: number;
  /** Top side bearing: from the vertical origin down to the top of the ink (vmtx). */
  topBearing: number;
  /** The vertical origin's height above the baseline (VORG, or yMax + top side bearing). */
  originY: number;
}

/** What vertical setting needs of a face, all in em. */
export interface VerticalFace {
  face: Face;
  /** The face has vhea + vmtx (otherwise advances are 1 em and the origin the em box's top). */
  hasMetrics: boolean;
  /** The face has a VORG table. */
  hasOrigins: boolean;
  /** The face has vert (or vrt2) substitutions. */
  hasVertForms: boolean;
  /** Top and bottom of the ideographic em box above the baseline (OS/2 typo ascender, descender). */
  emTop: number;
  emBottom: number;
  metrics(gid: number): VerticalMetrics;
  /** The glyph's horizontal advance, em (hmtx): its width across a vertical line when upright. */
  hAdvance(gid: number): number;
  /** The glyph's ink from its baseline, em: bottom and top (0, 0 for a blank glyph). */
  inkY(gid: number): [number, number];
  /** The vertical form of a glyph (vert, then vrt2); the glyph itself when the font has none. */
  vertical(gid: number): number;
  /** The glyph's substitute under a single-substitution feature (hwid, …), or undefined. */
  substitute(feature: string, gid: number): number | undefined;
  /** Counts, for the README and `missing` warnings. */
  coverage: { longMetrics: number; vertForms: number; vrt2Forms: number; origins: number };
}

interface FontkitFace extends SfntFont {
  unitsPerEm: number;
  "OS/2"?: { typoAscender: number; typoDescender: number };
  getGlyph(id: number): { advanceWidth: number; bbox: { minY: number; maxY: number; minX: number; maxX: number } };
}

const byFace = new WeakMap<Face, VerticalFace>();

/** The vertical data of a face (read once per face). */
export function verticalFace(face: Face): VerticalFace {
  let v = byFace.get(face);
  if (!v) {
    v = readVertical(face, fontkitFace(face));
    byFace.set(face, v);
  }
  return v;
}

/** The fontkit face behind a Face: the same parsed object the composer and the PDF writer use. */
function fontkitFace(face: Face): FontkitFace | undefined {
  return fontkitFontOf(face) as unknown as FontkitFace | undefined;
}

interface Tables {
  data: DataView;
  at(tag: string): { offset: number; length: number } | undefined;
}

function tablesOf(font: FontkitFace): Tables | undefined {
  if (font.type !== "TTF" || font._variationProcessor) return undefined;
  const bytes = font.stream?.buffer;
  if (!bytes) return undefined;
  const data = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    data,
    at(tag) {
      const t = font.directory.tables[tag];
      if (!t || t.offset < 0 || t.offset + t.length > bytes.byteLength) return undefined;
      return { offset: t.offset, length: t.length };
    },
  };
}

function readVertical(face: Face, font: FontkitFace | undefined): VerticalFace {
  const upm = face.unitsPerEm;
  const os2 = font?.["OS/2"];
  // The ideographic em box; without OS/2, the usual 0.88/−0.12 split of CJK faces.
  const emTop = os2 && os2.typoAscender - os2.typoDescender > 0 ? os2.typoAscender / upm : 0.88;
  const emBottom = os2 && os2.typoAscender - os2.typoDescender > 0 ? os2.typoDescender / upm : -0.12;
  const t = font ? tablesOf(font) : undefined;
  const view = font ? sfntView(font) : null;

  // vhea + vmtx
  let longMetrics = 0;
  let vmtx: { offset: number; length: number } | undefined;
  const vhea = t?.at("vhea");
  if (t && vhea && vhea.length >= 36) {
    const n = t.data.getUint16(vhea.offset + 34);
    const table = t.at("vmtx");
    if (table && n >= 1 && table.length >= 4 * n) {
      longMetrics = n;
      vmtx = table;
    }
  }
  const numGlyphs = font?.numGlyphs ?? 0;
  const shortBearings = vmtx ? Math.max(0, Math.min(numGlyphs - longMetrics, (vmtx.length - 4 * longMetrics) >> 1)) : 0;

  // VORG
  const origins = new Map<number, number>();
  let defaultOrigin: number | undefined;
  const vorg = t?.at("VORG");
  if (t && vorg && vorg.length >= 8 && t.data.getUint16(vorg.offset) === 1) {
    defaultOrigin = t.data.getInt16(vorg.offset + 4);
    const count = Math.min(t.data.getUint16(vorg.offset + 6), (vorg.length - 8) >> 2);
    for (let i = 0; i < count; i++) {
      const at = vorg.offset + 8 + 4 * i;
      origins.set(t.data.getUint16(at), t.data.getInt16(at + 2));
    }
  }

  const gsub = t ? readSingleSubstitutions(t, ["vert", "vrt2", "hwid"]) : new Map<string, Map<number, number>>();
  const vert = gsub.get("vert") ?? new Map<number, number>();
  const vrt2 = gsub.get("vrt2") ?? new Map<number, number>();

  const inkCache = new Map<number, [number, number]>();
  const inkY = (gid: number): [number, number] => {
    let ink = inkCache.get(gid);
    if (!ink) {
      ink = [0, 0];
      const bytes = view?.glyphBytes(gid);
      if (bytes !== undefined) {
        // A glyf entry starts numberOfContours, xMin, yMin, xMax, yMax (int16 each).
        if (bytes.length >= 10) {
          const d = new DataView(bytes.buffer, bytes.byteOffset, 10);
          ink = [d.getInt16(4) / upm, d.getInt16(8) / upm];
        }
      } else if (font) {
        const b = font.getGlyph(gid).bbox;
        if (Number.isFinite(b.minY) && b.maxY >= b.minY) ink = [b.minY / upm, b.maxY / upm];
      }
      inkCache.set(gid, ink);
    }
    return ink;
  };

  const metrics = (gid: number): VerticalMetrics => {
    if (!t || !vmtx) {
      // No vertical metrics: one em, origin at the em box's top.
      return { advance: 1, topBearing: emTop - inkY(gid)[1], originY: emTop };
    }
    let advance: number;
    let tsb: number;
    if (gid < longMetrics) {
      advance = t.data.getUint16(vmtx.offset + 4 * gid);
      tsb = t.data.getInt16(vmtx.offset + 4 * gid + 2);
    } else {
      advance = t.data.getUint16(vmtx.offset + 4 * (longMetrics - 1));
      const i = gid - longMetrics;
      tsb = i < shortBearings ? t.data.getInt16(vmtx.offset + 4 * longMetrics + 2 * i) : 0;
    }
    let originY: number;
    if (defaultOrigin !== undefined) originY = (origins.get(gid) ?? defaultOrigin) / upm;
    else {
      const [bottom, top] = inkY(gid);
      // A blank glyph (a space) has no yMax: its origin is the em box's top.
      originY = bottom === 0 && top === 0 ? emTop : top + tsb / upm;
    }
    return { advance: advance / upm, topBearing: tsb / upm, originY };
  };

  return {
    face,
    hasMetrics: vmtx !== undefined,
    hasOrigins: defaultOrigin !== undefined,
    hasVertForms: vert.size > 0 || vrt2.size > 0,
    emTop,
    emBottom,
    metrics,
    hAdvance: (gid) => (view ? view.metrics(gid).advance : font ? font.getGlyph(gid).advanceWidth : upm) / upm,
    inkY,
    vertical: (gid) => vert.get(gid) ?? vrt2.get(gid) ?? gid,
    substitute: (feature, gid) => gsub.get(feature)?.get(gid),
    coverage: { longMetrics, vertForms: vert.size, vrt2Forms: vrt2.size, origins: origins.size },
  };
}

/**
 * The single substitutions (GSUB lookup type 1, also inside an extension lookup, type 7) of
 * each feature in `features`, for the Han script's Chinese (ZHS) language system where the font
 * names one, else Han's or the default script's default language system. Lookups apply in
 * lookup-list order, so a glyph substituted twice maps to the final glyph.
 */
function readSingleSubstitutions(t: Tables, features: string[]): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  const gsub = t.at("GSUB");
  if (!gsub || gsub.length < 10) return out;
  const d = t.data;
  const base = gsub.offset;
  const end = gsub.offset + gsub.length;
  const u16 = (at: number) => (at + 2 <= end ? d.getUint16(at) : 0);
  const tag = (at: number) => String.fromCharCode(d.getUint8(at), d.getUint8(at + 1), d.getUint8(at + 2), d.getUint8(at + 3));
  const scriptList = base + u16(base + 4);
  const featureList = base + u16(base + 6);
  const lookupList = base + u16(base + 8);

  // The language system: hani/ZHS, hani default, DFLT default (the first found).
  const scripts = new Map<string, number>();
  for (let i = 0, n = u16(scriptList); i < n; i++) {
    const rec = scriptList + 2 + 6 * i;
    scripts.set(tag(rec), scriptList + u16(rec + 4));
  }
  const langSysOf = (script: number | undefined, lang?: string): number | undefined => {
    if (script === undefined) return undefined;
    if (!lang) return u16(script) ? script + u16(script) : undefined;
    for (let i = 0, n = u16(script + 2); i < n; i++) {
      const rec = script + 4 + 6 * i;
      if (tag(rec) === lang) return script + u16(rec + 4);
    }
    return undefined;
  };
  const langSys = langSysOf(scripts.get("hani"), "ZHS ") ?? langSysOf(scripts.get("hani")) ?? langSysOf(scripts.get("DFLT"));
  if (langSys === undefined) return out;

  const lookupsOf = new Map<string, Set<number>>();
  for (let i = 0, n = u16(langSys + 4); i < n; i++) {
    const fi = u16(langSys + 6 + 2 * i);
    if (fi >= u16(featureList)) continue;
    const rec = featureList + 2 + 6 * fi;
    const name = tag(rec);
    if (!features.includes(name)) continue;
    const feature = featureList + u16(rec + 4);
    const set = lookupsOf.get(name) ?? new Set<number>();
    for (let k = 0, m = u16(feature + 2); k < m; k++) set.add(u16(feature + 4 + 2 * k));
    lookupsOf.set(name, set);
  }

  for (const [name, lookups] of lookupsOf) {
    const map = new Map<number, number>();
    for (const li of [...lookups].sort((a, b) => a - b)) {
      if (li >= u16(lookupList)) continue;
      const lookup = lookupList + u16(lookupList + 2 + 2 * li);
      const lookupType = u16(lookup);
      // Within one lookup the first subtable that covers a glyph substitutes it.
      const step = new Map<number, number>();
      for (let s = 0, n = u16(lookup + 4); s < n; s++) {
        let sub = lookup + u16(lookup + 6 + 2 * s);
        let type = lookupType;
        if (type === 7) {
          // Extension: format 1, the real type, a 32-bit offset to the subtable.
          if (u16(sub) !== 1) continue;
          type = u16(sub + 2);
          sub = sub + d.getUint32(sub + 4);
        }
        if (type === 1) readSingle(d, sub, end, step);
      }
      // Lookups apply in order: a glyph an earlier lookup produced is input to this one.
      for (const [from, mid] of map) {
        const next = step.get(mid);
        if (next !== undefined) map.set(from, next);
      }
      for (const [from, next] of step) if (!map.has(from)) map.set(from, next);
    }
    out.set(name, map);
  }
  return out;
}

/** Coverage table → glyph ids in coverage order. */
function coverage(d: DataView, at: number): number[] {
  const glyphs: number[] = [];
  const format = d.getUint16(at);
  if (format === 1) {
    for (let i = 0, n = d.getUint16(at + 2); i < n; i++) glyphs.push(d.getUint16(at + 4 + 2 * i));
  } else if (format === 2) {
    for (let i = 0, n = d.getUint16(at + 2); i < n; i++) {
      const r = at + 4 + 6 * i;
      const start = d.getUint16(r);
      const last = d.getUint16(r + 2);
      for (let g = start; g <= last; g++) glyphs.push(g);
    }
  }
  return glyphs;
}

/** Read one single-substitution subtable into `step` (glyphs already there are kept). */
function readSingle(d: DataView, sub: number, end: number, step: Map<number, number>): void {
  if (sub + 6 > end) return;
  const format = d.getUint16(sub);
  if (format !== 1 && format !== 2) return;
  const covered = coverage(d, sub + d.getUint16(sub + 2));
  const count = format === 2 ? d.getUint16(sub + 4) : covered.length;
  covered.forEach((gid, i) => {
    if (step.has(gid) || i >= count) return;
    step.set(gid, format === 1 ? (gid + d.getInt16(sub + 4)) & 0xffff : d.getUint16(sub + 6 + 2 * i));
  });
}
