/** Reading a JPEG's header: frame size and components, and Adobe's APP14 segment (not the word). */
import { describe, expect, it } from "vitest";
import { headerSize, jpegFrame } from "../../src/common/image-header.js";
import { isPlainCmykJpeg } from "../../src/photo/image.js";

function segment(marker: number, payload: number[] | string): number[] {
  const bytes = typeof payload === "string" ? [...Buffer.from(payload, "latin1")] : payload;
  const length = bytes.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...bytes];
}
/** SOF0: 8 bits, height, width, `n` components. */
const sof = (width: number, height: number, n: number) => segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, n, ...Array(3 * n).fill(1)]);
const XMP = segment(0xe1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta x:xmptk='Adobe XMP Core 5.6'/>");
const APP14 = segment(0xee, "Adobe\0\x64\0\0\0\0\x02");
const jpeg = (...parts: number[][]) => Buffer.from([0xff, 0xd8, ...parts.flat(), 0xff, 0xda, 0, 2, 0, 0]);

describe("JPEG headers", () => {
  it("reads the frame's size and components", () => {
    expect(jpegFrame(jpeg(sof(640, 480, 3)))).toEqual({ width: 640, height: 480, components: 3, adobe: false });
    expect(headerSize(jpeg(XMP, sof(4000, 3000, 4)))).toEqual({ width: 4000, height: 3000 });
  });

  it("finds Adobe's APP14 segment before or after the frame header, and not the word in an XMP packet", () => {
    expect(jpegFrame(jpeg(XMP, sof(10, 10, 4)))!.adobe).toBe(false);
    expect(jpegFrame(jpeg(APP14, sof(10, 10, 4)))!.adobe).toBe(true);
    expect(jpegFrame(jpeg(XMP, sof(10, 10, 4), APP14))!.adobe).toBe(true);
  });

  it("calls a four-component JPEG without APP14 plain CMYK (its samples are ink, not inverted)", () => {
    expect(isPlainCmykJpeg(jpeg(XMP, sof(10, 10, 4)))).toBe(true);
    expect(isPlainCmykJpeg(jpeg(sof(10, 10, 4), APP14))).toBe(false);
    expect(isPlainCmykJpeg(jpeg(sof(10, 10, 3)))).toBe(false);
  });

  it("gives nothing for what is not a JPEG, or a chain broken before the frame header", () => {
    expect(jpegFrame(Buffer.from("GIF89a..."))).toBeNull();
    expect(jpegFrame(Buffer.from([0xff, 0xd8, 0x00, 0x01, ...sof(10, 10, 3)]))).toBeNull();
    expect(jpegFrame(jpeg(XMP))).toBeNull();
  });
});
