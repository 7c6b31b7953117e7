/**
 * The photo separation table (src/photo/separation.ts) against sharp's per-pixel conversion
 * through the same profile: what it saves in time it must not lose in colour.
 */
import { mkdtempSync, rmSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { CMYK_PROFILE } from "../../src/photo/image.js";
import { GRID, separatePixels, separationTable } from "../../src/photo/separation.js";

const cacheDir = mkdtempSync(path.join(os.tmpdir(), "paiban-separation-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const table = () => separationTable(sharp, CMYK_PROFILE, "test-profile", cacheDir, "test");

/** sharp's own conversion of raw sRGB pixels through the profile: the reference. */
async function direct(rgb: Buffer, width: number, height: number): Promise<Buffer> {
  return sharp(rgb, { raw: { width, height, channels: 3 } }).toColourspace("cmyk").withIccProfile(CMYK_PROFILE).raw().toBuffer();
}

function differences(a: Uint8Array, b: Uint8Array): { max: number; mean: number } {
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > max) max = d;
  }
  return { max, mean: sum / a.length };
}

describe("photo separation through a lookup table", () => {
  it("gives sharp's values exactly at the grid points", async () => {
    const t = await table();
    const values = [0, 4, 68, 128, 200, 255].map((v) => Math.round((Math.round((v * (GRID - 1)) / 255) * 255) / (GRID - 1)));
    const rgb = Buffer.from(values.flatMap((r) => values.flatMap((g) => values.flatMap((b) => [r, g, b]))));
    const n = rgb.length / 3;
    expect(differences(separatePixels(rgb, t), await direct(rgb, n, 1)).max).toBe(0);
  });

  it("stays within 0.5/255 on average and 7/255 at worst of sharp's conversion, over the seed photo", async () => {
    const { data, info } = await sharp(path.resolve("samples/quxian/photo.jpg")).resize(640, 262).toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    const { max, mean } = differences(separatePixels(data, await table()), await direct(data, info.width, info.height));
    expect(mean).toBeLessThan(0.5);
    expect(max).toBeLessThanOrEqual(7);
  });

  it("stays within 0.4/255 on average and 12/255 at worst over every colour (a 64-step RGB cube)", async () => {
    const steps = Array.from({ length: 64 }, (_, i) => Math.round((i * 255) / 63) ^ (i & 1)); // off the grid
    const rgb = Buffer.from(steps.flatMap((r) => steps.flatMap((g) => steps.flatMap((b) => [r, g, b]))));
    const { max, mean } = differences(separatePixels(rgb, await table()), await direct(rgb, 64 * 64, 64));
    expect(mean).toBeLessThan(0.4);
    expect(max).toBeLessThanOrEqual(12);
  });

  it("leaves paper white without ink and sets black with K", async () => {
    const cmyk = separatePixels(Buffer.from([255, 255, 255, 0, 0, 0]), await table());
    expect([...cmyk.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect(cmyk[7]).toBeGreaterThan(200);
  });

  it("is made once and kept in the cache folder for the next process", async () => {
    const a = await table();
    expect(await table()).toBe(a);
    const files = readdirSync(cacheDir).filter((f) => f.startsWith("separation-"));
    expect(files).toHaveLength(1);
    expect(Buffer.compare(readFileSync(path.join(cacheDir, files[0]!)), Buffer.from(a))).toBe(0);
  });
});
