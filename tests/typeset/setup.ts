import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Face } from "../../src/fonts/face.js";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { composeParagraph, type ComposeOptions } from "../../src/typeset/compose.js";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");

let song: Face[] | undefined;
export function songFaces(): Face[] {
  const store = new FontStore();
  song ??= [store.open(makeFontMap({}, store).resolve("song", "regular").font)];
  return song;
}

/** The lines of one paragraph, as text. */
export function lines(text: string, options: Partial<ComposeOptions> & { measure: number }): string[] {
  return composeParagraph(text, songFaces(), { size: 10, ...options }).lines.map((l) => l.text);
}

export interface SeedStory {
  id: string;
  measureEm?: number;
  paragraphs?: string[];
}

export function seedStories(): SeedStory[] {
  const seed = JSON.parse(fs.readFileSync(path.join(root, "samples/seed/copy.json"), "utf8")) as { stories: SeedStory[] };
  return seed.stories;
}

export function seedParagraphs(): string[] {
  return seedStories().flatMap((s) => s.paragraphs ?? []);
}
