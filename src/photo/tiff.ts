/**
 * Wrap raw 8-bit CMYK pixels in a minimal baseline TIFF (uncompressed, PhotometricInterpretation
 * 5 = separated, InkSet 1 = CMYK) so sharp reads them back as CMYK. sharp's `raw` input takes
 * four channels as RGBA and has no colour-space option (lovell/sharp#4521).
 */
const SHORT = 3;
const LONG = 4;

export function cmykTiff(pixels: Uint8Array, width: number, height: number): Buffer {
  const entries: [tag: number, type: number, count: number, value: number][] = [];
  const entryCount = 11;
  const ifdOffset = 8;
  const ifdSize = 2 + entryCount * 12 + 4;
  const bitsOffset = ifdOffset + ifdSize;
  const dataOffset = bitsOffset + 8;
  entries.push([256, LONG, 1, width]);
  entries.push([257, LONG, 1, height]);
  entries.push([258, SHORT, 4, bitsOffset]);
  entries.push([259, SHORT, 1, 1]);
  entries.push([262, SHORT, 1, 5]);
  entries.push([273, LONG, 1, dataOffset]);
  entries.push([277, SHORT, 1, 4]);
  entries.push([278, LONG, 1, height]);
  entries.push([279, LONG, 1, width * height * 4]);
  entries.push([284, SHORT, 1, 1]);
  entries.push([332, SHORT, 1, 1]);
  const out = Buffer.alloc(dataOffset + pixels.length);
  out.write("II", 0, "latin1");
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdOffset, 4);
  out.writeUInt16LE(entryCount, ifdOffset);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdOffset + 2 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === SHORT && count === 1) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.writeUInt32LE(0, ifdOffset + 2 + entryCount * 12); // no next IFD
  for (let i = 0; i < 4; i++) out.writeUInt16LE(8, bitsOffset + i * 2);
  out.set(pixels, dataOffset);
  return out;
}
