/**
 * Preflight as a plant's PDF/X-1a:2001 profile: one test per violation, each planted into a
 * clean hand-built file (or a copy of our own print PDF), and the correct passes beside them.
 */
import { describe, it, expect, beforeAll } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { PDFDocument, PDFName, PDFDict } from "pdf-lib";
import { preflight, type PreflightResult } from "../../src/preflight/preflight.js";
import { writePdf } from "../../src/render/pdf.js";
import { makePhoto, sampleDocument, makeAlphaPng, tempDir } from "../render/helpers.js";
import { cleanPdf, flateStream, iccHeader, lzwEncode, stream, type CleanOptions } from "./minimal-pdf.js";

let dir: string;
let n = 0;

beforeAll(() => {
  dir = tempDir("paiban-preflight-profile-");
});

async function check(o: CleanOptions | Buffer, options = {}): Promise<PreflightResult> {
  const file = join(dir, `f${n++}.pdf`);
  writeFileSync(file, Buffer.isBuffer(o) ? o : cleanPdf(o));
  return preflight(file, options);
}
const codes = (r: PreflightResult) => [...new Set(r.problems.map((p) => p.code))].sort();
const only = (r: PreflightResult) => r.problems.map((p) => `${p.code}: ${p.message}`);

const SEP_RGB = "[/Separation /PANTONE#20185 /DeviceRGB << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [1 0 0] /N 1 >>]";
const SEP_LAB = "[/Separation /Spot [/Lab << /WhitePoint [0.95 1 1.09] >>] << /FunctionType 2 /Domain [0 1] /C0 [100 0 0] /C1 [50 60 40] /N 1 >>]";
const SEP_CMYK = "[/Separation /PANTONE#20185 /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0 1 0.8 0] /N 1 >>]";
const IMAGE_AT = "q 100 0 0 100 50 50 cm /Im Do Q";

/**
 * A TrueType program with only what glyph ink boxes are read from (head, loca, glyf): one glyph
 * per entry, null for a blank one, else its outline box in font units (1000 per em).
 */
function trueTypeProgram(glyphs: ([number, number, number, number] | null)[]): Buffer {
  const glyf = Buffer.concat(glyphs.map((b) => {
    if (!b) return Buffer.alloc(0);
    const g = Buffer.alloc(12);
    g.writeInt16BE(0, 0); // no contours: only the header is read
    b.forEach((v, i) => g.writeInt16BE(v, 2 + 2 * i));
    return g;
  }));
  const loca = Buffer.alloc(4 * (glyphs.length + 1));
  let at = 0;
  glyphs.forEach((b, i) => {
    loca.writeUInt32BE(at, 4 * i);
    at += b ? 12 : 0;
  });
  loca.writeUInt32BE(at, 4 * glyphs.length);
  const head = Buffer.alloc(54);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt32BE(0x5f0f3cf5, 12);
  head.writeUInt16BE(1000, 18);
  head.writeInt16BE(1, 50); // long loca
  const tables: [string, Buffer][] = [["glyf", glyf], ["head", head], ["loca", loca]];
  const dir = Buffer.alloc(12 + 16 * tables.length);
  dir.writeUInt32BE(0x00010000, 0);
  dir.writeUInt16BE(tables.length, 4);
  let offset = dir.length;
  const bodies: Buffer[] = [];
  tables.forEach(([tag, data], i) => {
    dir.write(tag, 12 + 16 * i, "latin1");
    dir.writeUInt32BE(offset, 12 + 16 * i + 8);
    dir.writeUInt32BE(data.length, 12 + 16 * i + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([dir, ...bodies]);
}
const image = (dict: string, data: Buffer) => stream(`/Type /XObject /Subtype /Image ${dict}`, data);
/** 6 × 6 pixels, the same CMYK value each. */
const cmykPixels = (c: number[], count = 36) => Buffer.from(Array.from({ length: count }, () => c).flat());

describe("a correct pass", () => {
  it("passes a clean PDF/X-1a:2001 file (PDF/X-1:2001 + conformance PDF/X-1a:2001, PDF 1.3)", async () => {
    const r = await check({});
    expect(only(r)).toEqual([]);
    expect(r.facts.pdfx).toEqual({ version: "PDF/X-1:2001", conformance: "PDF/X-1a:2001", standard: "PDF/X-1a:2001", trapped: "False", outputIntent: "IFRA26" });
    expect(r.facts.maxInk).toBe(100);
  });

  it("passes a PDF/X-1a:2003 label on a PDF 1.4 file", async () => {
    const r = await check({ version: "1.4", info: { GTS_PDFXVersion: "(PDF/X-1a:2003)", GTS_PDFXConformance: null } });
    expect(only(r)).toEqual([]);
    expect(r.facts.pdfx.standard).toBe("PDF/X-1a:2003");
  });

  it("passes a spot colour (Separation with a CMYK alternate) and names its plate", async () => {
    const r = await check({ content: "/CS0 cs 0.8 scn 50 50 40 40 re f", resources: `<< /ColorSpace << /CS0 ${SEP_CMYK} >> >>` });
    expect(only(r)).toEqual([]);
    expect(r.facts.spotColours).toEqual(["PANTONE 185"]);
    expect(r.facts.colorSpaces).toContain("Separation");
  });

  it("passes an unregistered condition that embeds a CMYK output profile", async () => {
    const r = await check({
      intent: "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom) /DestOutputProfile 7 0 R >>",
      more: [stream("/N 4", iccHeader("prtr", "CMYK"))],
    });
    expect(only(r)).toEqual([]);
  });

  it("does not fail an unused, unembedded font resource", async () => {
    const r = await check({ resources: "<< /Font << /F1 7 0 R >> >>", more: ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] });
    expect(only(r)).toEqual([]);
    expect(r.facts.fonts).toEqual([{ name: "Helvetica", type: "Type1", embedded: false, subset: false, used: false }]);
  });

  it("does not fail invisible text (render mode 3) in an unembedded font", async () => {
    const r = await check({ content: "BT 3 Tr /F1 10 Tf 20 20 Td (hidden) Tj ET", resources: "<< /Font << /F1 7 0 R >> >>", more: ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] });
    expect(codes(r)).toEqual([]);
  });

  it("passes knocked-out colours that would be over the limit if they overprinted", async () => {
    const r = await check({ content: "0.8 0.8 0.6 0 k 50 50 100 100 re f 0 0 0 1 k 60 60 20 20 re f" });
    expect(only(r)).toEqual([]);
    expect(r.facts.maxInk).toBe(220);
  });

  it("measures an 8-bit CMYK image exactly", async () => {
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace /DeviceCMYK /BitsPerComponent 8", cmykPixels([204, 153, 102, 51]))] }, { minPpi: 1 });
    expect(only(r)).toEqual([]);
    expect(r.facts.images[0]!.maxInk).toBe(200);
  });
});

describe("colour spaces wherever they are used", () => {
  it("flags a Separation with an RGB alternate", async () => {
    const r = await check({ content: "/CS0 cs 1 scn 50 50 40 40 re f", resources: `<< /ColorSpace << /CS0 ${SEP_RGB} >> >>` });
    expect(only(r)).toEqual(["rgb-colour: RGB colour (DeviceRGB) as the alternate of Separation PANTONE 185; print needs CMYK in page content"]);
  });

  it("flags a Separation with a Lab alternate", async () => {
    const r = await check({ content: "/CS0 cs 1 scn 50 50 40 40 re f", resources: `<< /ColorSpace << /CS0 ${SEP_LAB} >> >>` });
    expect(codes(r)).toEqual(["lab-colour"]);
  });

  it("flags a DeviceN with an RGB alternate", async () => {
    const r = await check({
      content: "/CS0 cs 1 1 scn 50 50 40 40 re f",
      resources: "<< /ColorSpace << /CS0 [/DeviceN [/Orange /Green] /DeviceRGB << /FunctionType 4 /Domain [0 1 0 1] /Range [0 1 0 1 0 1] >>] >> >>",
    });
    expect(codes(r)).toEqual(["rgb-colour"]);
  });

  it("flags an RGB shading painted with sh", async () => {
    const r = await check({ content: "/Sh0 sh", resources: "<< /Shading << /Sh0 7 0 R >> >>", more: ["<< /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 100 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [1 0 0] /C1 [0 0 1] /N 1 >> >>"] });
    expect(only(r)).toEqual(["rgb-colour: RGB colour (DeviceRGB); print needs CMYK in a shading"]);
    expect(r.problems[0]).toMatchObject({ page: 1, object: 7 });
  });

  it("flags an RGB shading pattern used as a fill", async () => {
    const r = await check({
      content: "/Pattern cs /P0 scn 50 50 40 40 re f",
      resources: "<< /Pattern << /P0 7 0 R >> >>",
      more: ["<< /PatternType 2 /Shading << /ShadingType 2 /ColorSpace /DeviceRGB /Coords [0 0 100 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [1 0 0] /C1 [0 0 1] /N 1 >> >> >>"],
    });
    expect(codes(r)).toEqual(["rgb-colour"]);
    expect(r.problems[0]!.message).toMatch(/shading pattern/);
  });

  it("flags an RGB tiling pattern used as a fill", async () => {
    const r = await check({
      content: "/Pattern cs /P0 scn 50 50 40 40 re f",
      resources: "<< /Pattern << /P0 7 0 R >> >>",
      more: [stream("/PatternType 1 /PaintType 1 /TilingType 1 /BBox [0 0 10 10] /XStep 10 /YStep 10 /Resources << >>", "1 0 0 rg 0 0 5 5 re f")],
    });
    expect(codes(r)).toEqual(["rgb-colour"]);
  });

  it("flags an Indexed image over an RGB base", async () => {
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace [/Indexed /DeviceRGB 1 <ff000000ff00>] /BitsPerComponent 8", Buffer.alloc(36))] }, { minPpi: 1 });
    expect(only(r)).toEqual(["rgb-colour: RGB colour (DeviceRGB) as the base of an Indexed space; print needs CMYK in an image"]);
    expect(r.problems[0]).toMatchObject({ page: 1, object: 7 });
  });

  it("flags RGB inside a form XObject, naming the form's page", async () => {
    const r = await check({ content: "/Fm Do", resources: "<< /XObject << /Fm 7 0 R >> >>", more: [stream("/Type /XObject /Subtype /Form /BBox [0 0 100 100]", "0 1 0 RG 60 60 m 80 80 l S")] });
    expect(only(r)).toEqual(["rgb-colour: RGB colour (DeviceRGB); print needs CMYK in page content"]);
    expect(r.problems[0]!.page).toBe(1);
  });

  it("flags RGB in an annotation's appearance stream", async () => {
    const r = await check({
      pageExtra: "/Annots [7 0 R]",
      more: ["<< /Type /Annot /Subtype /PrinterMark /Rect [0 0 8 8] /AP << /N 8 0 R >> >>", stream("/Type /XObject /Subtype /Form /BBox [0 0 8 8]", "1 0 0 rg 0 0 8 8 re f")],
    });
    expect(codes(r)).toEqual(["rgb-colour"]);
  });

  it("flags an ICC-based image", async () => {
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace [/ICCBased 8 0 R] /BitsPerComponent 8", Buffer.alloc(108)), stream("/N 3", iccHeader("mntr", "RGB"))] }, { minPpi: 1 });
    expect(codes(r)).toEqual(["icc-colour"]);
  });
});

describe("ink, measured for every image kind, shading and build-up", () => {
  const overLimit = (r: PreflightResult) => r.problems.filter((p) => p.code === "ink-limit").map((p) => p.message);

  it("measures an Indexed CMYK image over the limit", async () => {
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace [/Indexed /DeviceCMYK 1 <00000000ffffffcc>] /BitsPerComponent 8", Buffer.alloc(36, 1))] }, { minPpi: 1 });
    expect(overLimit(r)).toEqual(["total ink 380 % in an image, over 240 %"]);
    expect(r.problems.find((p) => p.code === "ink-limit")).toMatchObject({ page: 1, object: 7 });
  });

  it("measures a 16-bit CMYK image over the limit", async () => {
    const px = Buffer.alloc(36 * 8);
    for (let i = 0; i < 36 * 4; i++) px.writeUInt16BE(i % 4 === 3 ? 0 : 0xffff, i * 2);
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace /DeviceCMYK /BitsPerComponent 16", px)] }, { minPpi: 1 });
    expect(overLimit(r)).toEqual(["total ink 300 % in an image, over 240 %"]);
  });

  it("measures a Flate image with PNG predictors (DecodeParms) over the limit", async () => {
    // Each row: filter type 1 (Sub): the first pixel as is, then differences of 0.
    const rows: number[] = [];
    for (let y = 0; y < 6; y++) rows.push(1, 230, 230, 230, 0, ...new Array(20).fill(0));
    const data = deflateSync(Buffer.from(rows));
    const r = await check({
      content: IMAGE_AT,
      resources: "<< /XObject << /Im 7 0 R >> >>",
      more: [stream("/Type /XObject /Subtype /Image /Width 6 /Height 6 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 4 /Columns 6 >>", data)],
    }, { minPpi: 1 });
    expect(overLimit(r)).toEqual(["total ink 271 % in an image, over 240 %"]);
  });

  it("measures a 1-bit gray image (black is 100 % K) and a Decode-inverted CMYK image", async () => {
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace /DeviceGray /BitsPerComponent 1", Buffer.alloc(6, 0))] }, { minPpi: 1 });
    expect(r.facts.images[0]!.maxInk).toBe(100);
    const inverted = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Decode [1 0 1 0 1 0 1 0]", cmykPixels([0, 0, 0, 255]))] }, { minPpi: 1 });
    expect(overLimit(inverted)).toEqual(["total ink 300 % in an image, over 240 %"]);
  });

  it("measures a CMYK shading over the limit (exactly, from its function)", async () => {
    const r = await check({ content: "/Sh0 sh", resources: "<< /Shading << /Sh0 7 0 R >> >>", more: ["<< /ShadingType 2 /ColorSpace /DeviceCMYK /Coords [0 0 100 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 0.9 0.9 0] /N 1 >> >>"] });
    expect(overLimit(r)).toEqual(["total ink 280 % in a shading, over 240 %"]);
    expect(r.problems[0]).toMatchObject({ object: 7 });
  });

  it("measures a stitched shading through its parts", async () => {
    const fn = "<< /FunctionType 3 /Domain [0 1] /Bounds [0.5] /Encode [0 1 0 1] /Functions [<< /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [0.5 0.5 0 0] /N 1 >> << /FunctionType 2 /Domain [0 1] /C0 [0.5 0.5 0 0] /C1 [0.9 0.9 0.9 0] /N 1 >>] >>";
    const r = await check({ content: "/Sh0 sh", resources: "<< /Shading << /Sh0 7 0 R >> >>", more: [`<< /ShadingType 2 /ColorSpace /DeviceCMYK /Coords [0 0 100 0] /Function ${fn} >>`] });
    expect(overLimit(r)).toEqual(["total ink 270 % in a shading, over 240 %"]);
  });

  it("measures a shading pattern used as a fill over the limit", async () => {
    const r = await check({
      content: "/Pattern cs /P0 scn 50 50 40 40 re f",
      resources: "<< /Pattern << /P0 7 0 R >> >>",
      more: ["<< /PatternType 2 /Shading << /ShadingType 2 /ColorSpace /DeviceCMYK /Coords [0 0 100 0] /Function << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >> >> >>"],
    });
    expect(overLimit(r)).toEqual(["total ink 400 % in a shading pattern (fill), over 240 %"]);
  });

  it("measures an overprinted build-up: 100 K text overprinting a 220 % box makes 320 %", async () => {
    const r = await check({
      content: "0.8 0.8 0.6 0 k 50 50 100 100 re f /GS0 gs 0 0 0 1 k 60 60 20 20 re f",
      resources: "<< /ExtGState << /GS0 << /Type /ExtGState /OP true /op true /OPM 1 >> >> >>",
    });
    expect(overLimit(r)).toEqual(["total ink 320 % in an overprinted build-up (a fill colour over a fill colour) at [60 60 80 80], over 240 %"]);
  });

  it("counts overprinted DeviceCMYK with OPM 0 as knocking out the process plates", async () => {
    const r = await check({
      content: "0.8 0.8 0.6 0 k 50 50 100 100 re f /GS0 gs 0 0 0 1 k 60 60 20 20 re f",
      resources: "<< /ExtGState << /GS0 << /Type /ExtGState /OP true /op true /OPM 0 >> >> >>",
    });
    expect(only(r)).toEqual([]);
  });

  it("measures a rule overprinting a photo where it lies on it", async () => {
    const r = await check({
      content: `${IMAGE_AT} /GS0 gs 0 0 0 1 K 2 w 40 100 m 160 100 l S`,
      resources: "<< /XObject << /Im 7 0 R >> /ExtGState << /GS0 << /OP true /op true /OPM 1 >> >> >>",
      more: [image("/Width 6 /Height 6 /ColorSpace /DeviceCMYK /BitsPerComponent 8", cmykPixels([204, 153, 102, 0]))],
    }, { minPpi: 1 });
    expect(overLimit(r)).toEqual(["total ink 280 % in an overprinted build-up (a stroke colour over image 7) at [50 99 150 101], over 240 %"]);
  });

  it("measures text where its glyphs put ink (the embedded TrueType's outline boxes), not its em boxes", async () => {
    // A 100 K overprinting 10-pt line beside a 210 % red frame stroke (x 107…109): glyph 1 (a
    // closing bracket's shape, ink 0.05…0.45 em) ends its em box in the stroke but puts no ink
    // there; glyph 2 (ink across its whole em) does, and only it is a build-up.
    const frame = "0 1 1 0.1 K 2 w 108 20 m 108 200 l S";
    const text = (gid: string, y: number) => `BT /F1 10 Tf 100 ${y} Td <${gid}> Tj ET`;
    const resources = "<< /Font << /F1 7 0 R >> /ExtGState << /GS0 << /OP true /op true /OPM 1 >> >> >>";
    const font = [
      "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [8 0 R] >>",
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R /W [1 [1000 1000]] /CIDToGIDMap /Identity >>",
      "<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 10 0 R >>",
      stream("", trueTypeProgram([null, [50, -100, 450, 800], [0, -120, 1000, 880]])),
    ];
    const bracket = await check({ content: `${frame} /GS0 gs 0 0 0 1 k ${text("0001", 100)}`, resources, more: font });
    expect(overLimit(bracket)).toEqual([]);
    const full = await check({ content: `${frame} /GS0 gs 0 0 0 1 k ${text("0001", 100)} ${text("0002", 60)}`, resources, more: font });
    expect(overLimit(full)).toEqual(["total ink 300 % in an overprinted build-up (a text colour over a stroke colour) at [107 58.8 109 68.8], over 240 %"]);
  });

  it("reads a /W range over every 32-bit CID as CIDs 0…65535 (a crafted range once looped for minutes)", async () => {
    const r = await check({
      content: "BT /F1 10 Tf 100 100 Td <0001> Tj ET",
      resources: "<< /Font << /F1 7 0 R >> >>",
      more: [
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [8 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R /W [0 4294967295 500] >>",
        "<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 10 0 R >>",
        stream("", trueTypeProgram([null, [0, -120, 1000, 880]])),
      ],
    });
    expect(only(r)).toEqual([]);
  }, 5_000);

  it("takes a glyph's em box when its font program cannot be read", async () => {
    const frame = "0 1 1 0.1 K 2 w 108 20 m 108 200 l S";
    const resources = "<< /Font << /F1 7 0 R >> /ExtGState << /GS0 << /OP true /op true /OPM 1 >> >> >>";
    const r = await check({
      content: `${frame} /GS0 gs 0 0 0 1 k BT /F1 10 Tf 100 100 Td <0001> Tj ET`,
      resources,
      more: [
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Test /Encoding /Identity-H /DescendantFonts [8 0 R] >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Test /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 9 0 R /W [1 [1000]] >>",
        "<< /Type /FontDescriptor /FontName /ABCDEF+Test /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 /FontFile2 10 0 R >>",
        stream("", Buffer.from("true garbage, not a font")),
      ],
    });
    expect(overLimit(r)).toEqual(["total ink 300 % in an overprinted build-up (a text colour over a stroke colour) at [107 98.8 109 108.8], over 240 %"]);
  });
});

describe("PDF/X identification and output intent", () => {
  const version = (r: PreflightResult) => r.problems.filter((p) => p.code === "pdfx-version").map((p) => p.message);

  it("flags a PDF/X-1:2001 label on a PDF 1.6 file", async () => {
    expect(version(await check({ version: "1.6" }))).toEqual(["PDF/X-1a:2001 allows PDF 1.3 at most, the file is PDF 1.6"]);
  });

  it("flags a PDF/X-1a:2003 label on a PDF 1.6 file", async () => {
    expect(version(await check({ version: "1.6", info: { GTS_PDFXVersion: "(PDF/X-1a:2003)", GTS_PDFXConformance: null } }))).toEqual(["PDF/X-1a:2003 allows PDF 1.4 at most, the file is PDF 1.6"]);
  });

  it("flags a catalog /Version above the header's", async () => {
    expect(version(await check({ catalogExtra: "/Version /1.5" }))).toEqual(["PDF/X-1a:2001 allows PDF 1.3 at most, the file is PDF 1.5"]);
  });

  it("flags an X-4 label as not X-1a", async () => {
    expect(version(await check({ version: "1.6", info: { GTS_PDFXVersion: "(PDF/X-4)", GTS_PDFXConformance: null } }))).toEqual(["GTS_PDFXVersion (PDF/X-4) is not PDF/X-1a"]);
  });

  it("flags PDF/X-1a:2001 written as the version (what paiban wrote before)", async () => {
    expect(version(await check({ info: { GTS_PDFXVersion: "(PDF/X-1a:2001)" } }))).toEqual([
      "GTS_PDFXVersion (PDF/X-1a:2001) is not a version ISO 15930-1 defines: PDF/X-1a:2001 is GTS_PDFXVersion (PDF/X-1:2001) with GTS_PDFXConformance (PDF/X-1a:2001)",
    ]);
  });

  it("flags a missing GTS_PDFXConformance", async () => {
    expect(version(await check({ info: { GTS_PDFXConformance: null } }))).toEqual([
      "GTS_PDFXVersion (PDF/X-1:2001) without GTS_PDFXConformance: PDF/X-1a:2001 needs GTS_PDFXConformance (PDF/X-1a:2001)",
    ]);
  });

  it("flags an unregistered output condition without a DestOutputProfile", async () => {
    const r = await check({ intent: "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Our press) >>" });
    expect(only(r)).toEqual(['pdfx-output-intent: the output condition "Our press" is not a registered one (no RegistryName) and no DestOutputProfile is embedded']);
    expect(r.problems[0]!.object).toBe(6);
  });

  it("flags an RGB DestOutputProfile", async () => {
    const r = await check({
      intent: "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom) /DestOutputProfile 7 0 R >>",
      more: [stream("/N 3", iccHeader("mntr", "RGB"))],
    });
    expect(only(r)).toEqual(["pdfx-output-intent: DestOutputProfile is a RGB profile; PDF/X-1a needs a CMYK output profile"]);
    expect(r.problems[0]!.object).toBe(7);
  });

  it("flags an ICC v4 DestOutputProfile (PDF 1.3 and 1.4 take ICC v2)", async () => {
    const r = await check({
      intent: "<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (Custom) /DestOutputProfile 7 0 R >>",
      more: [stream("/N 4", iccHeader("prtr", "CMYK", 0x04300000))],
    });
    expect(only(r)).toEqual(["pdfx-output-intent: DestOutputProfile is an ICC v4 profile; PDF/X-1a (PDF 1.3 and 1.4) takes ICC v2 profiles"]);
    expect(r.problems[0]!.object).toBe(7);
  });

  it("flags cross-reference and object streams (PDF 1.5)", async () => {
    const pdf = await PDFDocument.load(cleanPdf(), { updateMetadata: false });
    const bytes = Buffer.from(await pdf.save({ useObjectStreams: true }));
    bytes.write("%PDF-1.3", 0, "latin1");
    expect(version(await check(bytes))).toEqual(["the file uses cross-reference or object streams, a PDF 1.5 feature PDF/X-1a does not allow"]);
  });
});

describe("forbidden keys and features", () => {
  it("flags JavaScript", async () => {
    const r = await check({ catalogExtra: "/Names << /JavaScript 7 0 R >>", more: ["<< /Names [(a) << /S /JavaScript /JS (app.alert(1)) >>] >>"] });
    expect(codes(r)).toEqual(["javascript"]);
  });

  it("flags other actions (an OpenAction that launches, a link's URI)", async () => {
    const r = await check({ catalogExtra: "/OpenAction << /S /Launch /F (calc.exe) >>" });
    expect(only(r)).toEqual(["action: a Launch action; PDF/X-1a allows no actions but going to a page"]);
    const uri = await check({ pageExtra: "/Annots [7 0 R]", more: ["<< /Type /Annot /Subtype /Link /Rect [0 0 5 5] /A << /S /URI /URI (http://example.com) >> >>"] });
    expect(codes(uri)).toEqual(["action"]);
    expect(uri.problems[0]!.object).toBe(7);
  });

  it("flags a transfer function", async () => {
    const r = await check({ content: "/GS0 gs 0 0 0 1 k 50 50 40 40 re f", resources: "<< /ExtGState << /GS0 7 0 R >> >>", more: ["<< /Type /ExtGState /TR << /FunctionType 2 /Domain [0 1] /C0 [0] /C1 [1] /N 0.8 >> >>"] });
    expect(only(r)).toEqual(["transfer-function: a transfer function (/TR); PDF/X-1a allows none"]);
    expect(r.problems[0]!.object).toBe(7);
  });

  it("flags OPI", async () => {
    const r = await check({ content: "/Fm Do", resources: "<< /XObject << /Fm 7 0 R >> >>", more: [stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /OPI << /1.3 << /Type /OPI /Version 1.3 /F (hires.tif) >> >>", "")] });
    expect(codes(r)).toEqual(["opi"]);
  });

  it("flags a PostScript XObject", async () => {
    const r = await check({ content: "/Ps Do", resources: "<< /XObject << /Ps 7 0 R >> >>", more: [stream("/Type /XObject /Subtype /PS", "showpage")] });
    expect(only(r)).toEqual(["postscript: a PostScript XObject; PDF/X-1a allows none"]);
  });

  it("flags LZW-compressed content, and still reads it (the RGB inside is found)", async () => {
    const r = await check({ content: stream("/Filter /LZWDecode", lzwEncode(Buffer.from("1 0 0 rg 50 50 40 40 re f"))) });
    expect(codes(r)).toEqual(["lzw", "rgb-colour"]);
    expect(r.problems.find((p) => p.code === "lzw")).toMatchObject({ object: 4 });
  });

  it("flags /UserUnit (a PDF 1.6 key)", async () => {
    expect(only(await check({ pageExtra: "/UserUnit 1" }))).toEqual(["forbidden-key: /UserUnit is a PDF 1.6 key; PDF/X-1a does not allow it"]);
  });

  it("flags an image that asks to be interpolated", async () => {
    const r = await check({ content: IMAGE_AT, resources: "<< /XObject << /Im 7 0 R >> >>", more: [image("/Width 6 /Height 6 /ColorSpace /DeviceGray /BitsPerComponent 8 /Interpolate true", Buffer.alloc(36, 255))] }, { minPpi: 1 });
    expect(codes(r)).toEqual(["forbidden-key"]);
  });

  it("fails a used, unembedded font, naming its page and object", async () => {
    const r = await check({ content: "BT /F1 10 Tf 20 20 Td (Hi) Tj ET", resources: "<< /Font << /F1 7 0 R >> >>", more: ["<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] });
    expect(r.problems).toEqual([{ code: "font-not-embedded", message: "font Helvetica is not embedded (a standard-14 font: still must be embedded)", page: 1, object: 7 }]);
  });
});

describe("our own print PDF", () => {
  it("is identified as PDF/X-1a:2001 the way ISO 15930-1 says, without /UserUnit, and preflight agrees", async () => {
    const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
    const file = join(dir, "own.pdf");
    await writePdf(doc, { out: file, mode: "print", cacheDir: join(dir, "cache") });
    const bytes = readFileSync(file);
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const info = pdf.context.lookup(pdf.context.trailerInfo.Info) as PDFDict;
    const val = (key: string) => pdf.context.lookup(info.get(PDFName.of(key)))?.toString();
    expect(val("GTS_PDFXVersion")).toBe("(PDF/X-1:2001)");
    expect(val("GTS_PDFXConformance")).toBe("(PDF/X-1a:2001)");
    expect(bytes.includes("/UserUnit")).toBe(false);
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.3");
    const r = await preflight(file);
    expect(r.problems).toEqual([]);
    expect(r.facts.pdfx.standard).toBe("PDF/X-1a:2001");
  });

  it("flags a Separation with an RGB alternate planted into our own print PDF", async () => {
    const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
    const file = join(dir, "own2.pdf");
    await writePdf(doc, { out: file, mode: "print", cacheDir: join(dir, "cache") });
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const page = pdf.getPage(0);
    const res = page.node.Resources()!;
    res.set(PDFName.of("ColorSpace"), pdf.context.obj({ CSx: pdf.context.obj([PDFName.of("Separation"), PDFName.of("Spot"), PDFName.of("DeviceRGB"), pdf.context.obj({ FunctionType: 2, Domain: [0, 1], C0: [1, 1, 1], C1: [1, 0, 0], N: 1 })]) }));
    const extra = pdf.context.register(pdf.context.flateStream("q /CSx cs 1 scn 100 100 20 20 re f Q"));
    page.node.addContentStream(extra);
    const out = Buffer.from(await pdf.save({ useObjectStreams: false }));
    out.write("%PDF-1.3", 0, "latin1");
    const r = await check(out);
    expect(codes(r)).toEqual(["rgb-colour"]);
  });
});

describe("flate streams are read with a bound", () => {
  it("reads a Flate content stream of a few MB", async () => {
    const big = "0 0 0 1 k 50 50 40 40 re f\n".repeat(100_000);
    const r = await check({ content: flateStream("", big) });
    expect(only(r)).toEqual([]);
  });
});
