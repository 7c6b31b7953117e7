/** The preview's photos come from the same source reading as the PDF's: a plain CMYK JPEG is not a negative. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { screenPhoto } from "../../src/preview/photos.js";
import { cmykJpegs } from "../bad-input/fixtures.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "paiban-screen-photo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function meanRgb(href: string): Promise<number[]> {
  const jpeg = Buffer.from(href.replace(/^data:image\/jpeg;base64,/, ""), "base64");
  const { channels } = await sharp(jpeg).stats();
  return channels.slice(0, 3).map((c) => Math.round(c.mean));
}

describe("photos on screen", () => {
  it("show a light cyan CMYK JPEG as light cyan, with or without Adobe's marker", async () => {
    const { adobe, plain } = await cmykJpegs(120, 90);
    for (const [name, bytes] of [["adobe.jpg", adobe], ["plain.jpg", plain]] as const) {
      const src = path.join(dir, name);
      writeFileSync(src, bytes);
      const photo = await screenPhoto({ kind: "image", x: 0, y: 0, width: 120, height: 90, src, fit: "fill", focus: { x: 0.5, y: 0.5 } }, 72);
      const [r, g, b] = await meanRgb(photo.href);
      expect(r, name).toBeGreaterThan(150);
      expect(g, name).toBeGreaterThan(200);
      expect(b, name).toBeGreaterThan(200);
      expect(r!, name).toBeLessThan(g!);
    }
  });
});
