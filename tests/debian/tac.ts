/**
 * Total area coverage as a press gets it: Ghostscript's separation device (tiffsep) renders
 * each plate of a page, overprint included, and the plates are summed per pixel inside the
 * TrimBox (from pdfinfo -box). Used by tests/debian/tac.test.ts and by hand:
 *   npx esbuild tests/debian/tac.ts --platform=node --format=esm --outfile=/tmp/tac.mjs && node /tmp/tac.mjs FILE.pdf [DPI]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";

export interface PageTac {
  page: number;
  /** Highest C+M+Y+K inside the trim, percent. */
  max: number;
  /** Where it is: pixel position from the trim's top left, in pt. */
  at: { x: number; y: number };
  /** Pixels inside the trim over `limit`. */
  over: number;
}

const PLATES = ["Cyan", "Magenta", "Yellow", "Black"] as const;

function boxes(file: string): { media: number[]; trim: number[] }[] {
  const out = execFileSync("pdfinfo", ["-box", "-f", "1", "-l", "9999", file], { encoding: "utf8" });
  const pages: { media: number[]; trim: number[] }[] = [];
  for (const m of out.matchAll(/^Page\s+(\d+)\s+(MediaBox|TrimBox):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/gm)) {
    const n = Number(m[1]) - 1;
    pages[n] ??= { media: [], trim: [] };
    pages[n]![m[2] === "MediaBox" ? "media" : "trim"] = m.slice(3, 7).map(Number);
  }
  return pages;
}

/** Max total ink per page of a PDF, rendered at `dpi`. */
export async function pageTac(file: string, dpi = 100, limit = 240): Promise<PageTac[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-tac-"));
  try {
    execFileSync("gs", ["-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=tiffsep", `-r${dpi}`, "-sCompression=none",
      `-sOutputFile=${path.join(dir, "p%03d.tif")}`, file], { stdio: ["ignore", "ignore", "pipe"] });
    const result: PageTac[] = [];
    const all = boxes(file);
    for (let i = 0; i < all.length; i++) {
      const { media, trim } = all[i]!;
      const base = path.join(dir, `p${String(i + 1).padStart(3, "0")}`);
      const plates = await Promise.all(PLATES.map(async (p) => {
        const { data, info } = await sharp(`${base}(${p}).tif`).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
        return { data, width: info.width, height: info.height };
      }));
      const { width, height } = plates[0]!;
      const s = dpi / 72;
      // Trim in pixels, y down from the MediaBox's top; pixels wholly inside only.
      const x0 = Math.ceil((trim[0]! - media[0]!) * s), x1 = Math.floor((trim[2]! - media[0]!) * s);
      const y0 = Math.ceil((media[3]! - trim[3]!) * s), y1 = Math.floor((media[3]! - trim[1]!) * s);
      let max = 0, at = { x: 0, y: 0 }, over = 0;
      const cap = (limit * 255) / 100;
      for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
        for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
          const k = y * width + x;
          // tiffsep writes each plate as 8-bit gray, 0 = full ink, 255 = none.
          const sum = 1020 - plates[0]!.data[k]! - plates[1]!.data[k]! - plates[2]!.data[k]! - plates[3]!.data[k]!;
          if (sum > cap) over++;
          if (sum > max) { max = sum; at = { x: (x - x0) / s, y: (y - y0) / s }; }
        }
      }
      result.push({ page: i + 1, max: Math.round((max * 1000) / 255) / 10, at: { x: Math.round(at.x), y: Math.round(at.y) }, over });
    }
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [file, dpi] = process.argv.slice(2);
  for (const p of await pageTac(file!, Number(dpi ?? 100))) console.log(JSON.stringify(p));
}
