import { describe, it, expect } from "vitest";
import { writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { cropAndPlace, limitInk, maxTotalInk, preparePhoto, INK_HEADROOM } from "../../src/photo/image.js";
import { writePdf } from "../../src/render/pdf.js";
import { preflight } from "../../src/preflight/preflight.js";
import { PaibanError } from "../../src/common/diagnostics.js";
import type { ImageItem } from "../../src/display/types.js";
import { makeAlphaPng, makePhoto, tempDir } from "../render/helpers.js";

function frame(src: string, over: Partial<ImageItem> = {}): ImageItem {
  return { kind: "image", x: 10, y: 10, width: 226.77, height: 170.08, src, fit: "fill", focus: { x: 0.5, y: 0.5 }, itemId: "photo-1", ...over };
}

/** A PNG whose IHDR claims a huge size; no pixel data follows. */
function hugePngHeader(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const ihdr = Buffer.alloc(17);
  ihdr.write("IHDR", 0, "latin1");
  ihdr.writeUInt32BE(width, 4);
  ihdr.writeUInt32BE(height, 8);
  ihdr.set([8, 2, 0, 0, 0], 12);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(13);
  const c = Buffer.alloc(4);
  c.writeUInt32BE(crc(ihdr));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), len, ihdr, c]);
}

describe("crop and placement", () => {
  it("crops to the frame's aspect around the focal point, clamped to the image", () => {
    const wide = cropAndPlace({ width: 2000, height: 1000 }, { width: 100, height: 100, fit: "fill", focus: { x: 0.9, y: 0.5 } });
    expect(wide.crop).toEqual({ left: 1000, top: 0, width: 1000, height: 1000 });
    const tall = cropAndPlace({ width: 1000, height: 3000 }, { width: 200, height: 100, fit: "fill", focus: { x: 0.5, y: 0.1 } });
    expect(tall.crop).toEqual({ left: 0, top: 50, width: 1000, height: 500 });
    expect(tall.placement).toEqual({ x: 0, y: 0, width: 200, height: 100 });
  });

  it("fits the whole image centred in the frame", () => {
    const fit = cropAndPlace({ width: 1000, height: 500 }, { width: 100, height: 100, fit: "fit", focus: { x: 0.5, y: 0.5 } });
    expect(fit.crop).toEqual({ left: 0, top: 0, width: 1000, height: 500 });
    expect(fit.placement).toEqual({ x: 0, y: 25, width: 100, height: 50 });
  });
});

describe("ink limit", () => {
  it("takes rich blacks and dark colours under the limit by GCR then scaling", () => {
    const px = Uint8Array.from([255, 255, 255, 255, 250, 240, 10, 200, 0, 0, 0, 0, 60, 40, 40, 30]);
    expect(maxTotalInk(px)).toBe(400);
    limitInk(px, 240);
    expect(maxTotalInk(px)).toBeLessThanOrEqual(240);
    expect([...px.subarray(8, 16)]).toEqual([0, 0, 0, 0, 60, 40, 40, 30]); // untouched below the limit
    expect(px[3]).toBe(255); // the black stays black
  });

  it("separates a photo within inkLimit and warns when it had to take ink out", async () => {
    const dir = tempDir();
    const src = await makePhoto(dir);
    const { photo, warnings } = await preparePhoto({ item: frame(src), mode: "print", inkLimit: 180, cacheDir: join(dir, "c") });
    expect(photo.colorSpace).toBe("cmyk");
    expect(photo.maxInk!).toBeLessThanOrEqual(180 - INK_HEADROOM);
    expect(warnings.map((w) => w.code)).toEqual(["ink-limit"]);
    const meta = await sharp(photo.jpeg).metadata();
    expect(meta).toMatchObject({ format: "jpeg", space: "cmyk", channels: 4 });
  });
});

describe("photos", () => {
  it("warns below 200 ppi naming item, source and ppi; never upsamples", async () => {
    const dir = tempDir();
    const src = await makePhoto(dir, "small.jpg", 300, 200);
    const { photo, warnings } = await preparePhoto({ item: frame(src), mode: "print", inkLimit: 240, cacheDir: join(dir, "c") });
    expect(photo.pixelWidth).toBeLessThanOrEqual(300);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: "image-resolution", itemId: "photo-1" });
    expect(warnings[0]!.message).toContain(src);
    expect(warnings[0]!.message).toMatch(/\b8\d ppi/);
  });

  it("flattens PNG alpha on white", async () => {
    const dir = tempDir();
    const src = await makeAlphaPng(dir);
    const { photo } = await preparePhoto({ item: frame(src, { fit: "fit" }), mode: "print", inkLimit: 240, cacheDir: join(dir, "c") });
    const raw = await sharp(photo.jpeg, { ignoreIcc: true }).pipelineColourspace("cmyk").toColourspace("cmyk").raw().toBuffer();
    expect([...raw.subarray(0, 4)]).toEqual([0, 0, 0, 0]); // a corner: was transparent, now paper
  });

  it("caches processed images by content hash and reuses them", async () => {
    const dir = tempDir();
    const src = await makePhoto(dir);
    const cacheDir = join(dir, "c");
    const first = await preparePhoto({ item: frame(src), mode: "print", inkLimit: 240, cacheDir });
    const files = readdirSync(cacheDir).sort();
    expect(files.filter((f) => f.endsWith(".jpg"))).toHaveLength(1);
    const stamp = statSync(join(cacheDir, files[0]!)).mtimeMs;
    const t = performance.now();
    const second = await preparePhoto({ item: frame(src), mode: "print", inkLimit: 240, cacheDir });
    expect(performance.now() - t).toBeLessThan(60);
    expect(second.photo.jpeg.equals(first.photo.jpeg)).toBe(true);
    expect(readdirSync(cacheDir).sort()).toEqual(files);
    expect(statSync(join(cacheDir, files[0]!)).mtimeMs).toBe(stamp);
    // Another frame size is another entry.
    await preparePhoto({ item: frame(src, { width: 100 }), mode: "print", inkLimit: 240, cacheDir });
    expect(readdirSync(cacheDir).filter((f) => f.endsWith(".jpg"))).toHaveLength(2);
  });

  it("refuses > 100 megapixel images from the header, quickly", async () => {
    const dir = tempDir();
    const src = join(dir, "huge.png");
    writeFileSync(src, hugePngHeader(20000, 6000));
    const t = performance.now();
    const err = await preparePhoto({ item: frame(src), mode: "print", inkLimit: 240, cacheDir: join(dir, "c") }).catch((e) => e);
    expect(err).toBeInstanceOf(PaibanError);
    expect((err as PaibanError).file).toBe(src);
    expect((err as PaibanError).message).toMatch(/120 megapixels/);
    expect(performance.now() - t).toBeLessThan(500);
    const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 0x27, 0x10, 0x3a, 0x98, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    const huge = join(dir, "huge.jpg");
    writeFileSync(huge, jpegHeader); // 15000 × 10000 = 150 MP
    await expect(preparePhoto({ item: frame(huge), mode: "print", inkLimit: 240, cacheDir: dir })).rejects.toThrow(/150 megapixels/);
  });

  it("refuses empty and corrupt images with a clear PaibanError", async () => {
    const dir = tempDir();
    const empty = join(dir, "empty.jpg");
    writeFileSync(empty, "");
    await expect(preparePhoto({ item: frame(empty), mode: "print", inkLimit: 240, cacheDir: dir })).rejects.toThrow(/empty \(0 bytes\)/);
    const corrupt = join(dir, "corrupt.jpg");
    writeFileSync(corrupt, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6]));
    await expect(preparePhoto({ item: frame(corrupt), mode: "print", inkLimit: 240, cacheDir: dir })).rejects.toBeInstanceOf(PaibanError);
    await expect(preparePhoto({ item: frame(join(dir, "missing.jpg")), mode: "print", inkLimit: 240, cacheDir: dir })).rejects.toThrow(/not found/);
  });

  it("gives a print PDF whose images preflight within the ink limit", async () => {
    const dir = tempDir();
    const src = await makePhoto(dir);
    const out = join(dir, "ink.pdf");
    const doc = {
      title: "ink",
      paper: "测试报",
      date: "2024-11-27",
      pages: [{ number: 1, name: "图片", trimWidth: 300, trimHeight: 300, bleed: 8.5, items: [frame(src)] }],
    };
    const result = await writePdf(doc, { out, mode: "print", inkLimit: 200, cacheDir: join(dir, "c") });
    expect(result.warnings.map((w) => w.code)).toContain("ink-limit");
    const report = await preflight(out, { inkLimit: 200 });
    expect(report.facts.images[0]!.maxInk!).toBeLessThanOrEqual(200);
    expect(report.ok).toBe(true);
  });
});
