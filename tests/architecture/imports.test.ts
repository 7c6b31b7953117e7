/**
 * The pipeline order, checked on every import: a folder of src/ imports only from folders
 * below it in LAYERS (README, "Layout of the source"). The graph is built from the source
 * itself: every import, `export … from` and `import()` of every .ts file under src/.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = path.join(REPO, "src");

/**
 * Bottom to top: layout → copy → typeset → makeup → display → render is the pipeline; common
 * and fonts sit below it (every stage names colours, rectangles and font roles), the display
 * list (the seam make-up writes) below make-up, preflight (any PDF) above the backends, and
 * pipeline, preview and cli on top.
 */
export const LAYERS = ["common", "fonts", "layout", "copy", "typeset", "display", "makeup", "photo", "render", "preflight", "pipeline", "preview", "serve", "cli"] as const;

/** One import of one file: from its folder to the folder of what it imports. */
export interface Edge {
  from: string;
  to: string;
  /** The importing file, relative to src/, and the specifier as written. */
  file: string;
  specifier: string;
}

const IMPORT = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/g;
const DYNAMIC = /\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The specifiers a module's text imports (static, re-exports, dynamic). */
export function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const re of [IMPORT, DYNAMIC]) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

/** Every cross-folder import under `src`, from the files on disk. */
export function folderGraph(src: string): Edge[] {
  const edges: Edge[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) {
        const file = path.relative(src, full);
        const from = file.split(path.sep)[0]!;
        for (const specifier of specifiers(readFileSync(full, "utf8"))) {
          if (!specifier.startsWith(".")) continue; // a package or node: built-in
          const to = path.relative(src, path.resolve(path.dirname(full), specifier)).split(path.sep)[0]!;
          if (to !== from) edges.push({ from, to, file, specifier });
        }
      }
    }
  };
  walk(src);
  return edges;
}

/** The edges that go against the order: to a folder at or above the importing one, or to or from a folder not in it. */
export function backEdges(edges: readonly Edge[], layers: readonly string[] = LAYERS): string[] {
  const rank = (folder: string) => layers.indexOf(folder);
  return edges
    .filter((e) => rank(e.from) < 0 || rank(e.to) < 0 || rank(e.to) >= rank(e.from))
    .map((e) => `${e.from} → ${e.to}: ${e.file} imports "${e.specifier}"`);
}

describe("the folder import graph of src/ follows the pipeline order", () => {
  const edges = folderGraph(SRC);

  it("has no import against the order", () => {
    expect(edges.length).toBeGreaterThan(50); // the graph was read
    expect(backEdges(edges)).toEqual([]);
  });

  it("places every folder of src/ in the order", () => {
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect([...folders].sort()).toEqual([...LAYERS].sort());
  });

  it("would fail on a back-edge: layout importing the display list, or fonts importing layout", () => {
    const synthetic: Edge[] = [
      { from: "makeup", to: "typeset", file: "makeup/text.ts", specifier: "../typeset/compose.js" },
      { from: "layout", to: "display", file: "layout/types.ts", specifier: "../display/types.js" },
      { from: "fonts", to: "layout", file: "fonts/face.ts", specifier: "../layout/types.js" },
      { from: "render", to: "pipeline", file: "render/pdf.ts", specifier: "../pipeline/render.js" },
      { from: "newstage", to: "common", file: "newstage/x.ts", specifier: "../common/colour.js" },
    ];
    expect(backEdges(synthetic)).toEqual([
      'layout → display: layout/types.ts imports "../display/types.js"',
      'fonts → layout: fonts/face.ts imports "../layout/types.js"',
      'render → pipeline: render/pdf.ts imports "../pipeline/render.js"',
      'newstage → common: newstage/x.ts imports "../common/colour.js"',
    ]);
  });

  it("reads every form of import a module can write", () => {
    const text = [
      'import type { A } from "../layout/types.js";',
      'import { b, type C } from "./b.js";',
      'import * as d from "../display/types.js";',
      'import "../makeup/galley.js";',
      'export { e } from "../typeset/e.js";',
      'export type * from "./types.js";',
      "const f = await import('../render/pdf.js');",
      "import {\n  g,\n  h,\n} from \"../common/g.js\";",
    ].join("\n");
    expect(specifiers(text).sort()).toEqual(
      ["../layout/types.js", "./b.js", "../display/types.js", "../makeup/galley.js", "../typeset/e.js", "./types.js", "../render/pdf.js", "../common/g.js"].sort(),
    );
  });

  it("is the order the README's source map shows (top to bottom: cli first, common last)", () => {
    const readme = readFileSync(path.join(REPO, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Layout of the source"));
    const shown = [...section.matchAll(/^src\/(\w+)\s/gm)].map((m) => m[1]);
    expect(shown).toEqual([...LAYERS].reverse());
  });
});
