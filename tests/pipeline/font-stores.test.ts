/**
 * Fonts belong to a run or a session (FontStore), never to the process: a renderer or live
 * session that drops its fonts (a font file changed) closes only its own files, and every other
 * renderer and session in the process renders on.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { fastPathsInstalled } from "../../src/pipeline/fast-paths.js";
import { createRenderer } from "../../src/pipeline/render.js";
import { previewWork, type Preview } from "../../src/serve/live.js";
import { LiveSession, type Attempt } from "../../src/serve/session.js";
import { sampleProject, until } from "../preview/helpers.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** Characters the sample's copy does not have, so their outlines have not been read yet. */
const NEW_CHARACTERS = "鹦鹉螺蜻蜓蝴蝶";

describe("two sessions in one process", () => {
  it("a warm renderer that drops its fonts leaves a live preview session rendering, new glyphs included", async () => {
    const p = sampleProject("paiban-stores-");
    const attempts: Attempt<Preview>[] = [];
    const session = new LiveSession<Preview>({ layout: p.layout, work: (l, fonts) => previewWork(l, p.dir, fonts), onAttempt: (a) => attempts.push(a) });
    cleanups.push(() => session.close());
    expect((await session.start()).ok).toBe(true);

    // `paiban watch`'s renderer, in the same process, renders and then drops its fonts (as after a font file changed).
    const renderer = createRenderer();
    cleanups.push(() => renderer.close());
    const out = path.join(p.dir, "watch.pdf");
    const before = await renderer.render({ layout: p.layout, mode: "proof", out, proofTime: "t" });
    renderer.invalidate();

    // The preview's next render outlines glyphs it has never drawn: they are read from its own font files.
    const lead = readFileSync(p.copy("lead.md"), "utf8");
    writeFileSync(p.copy("lead.md"), lead.replace("11月21日召开的", NEW_CHARACTERS));
    const next = await until(() => attempts.find((a) => a.version > 1));
    if (!next.ok) throw new Error(`the preview session failed: ${next.error}`);
    const story = next.outcome.report.stories.find((s) => s.id === "lead")!;
    expect(story.paragraphs[0]!.text.startsWith(NEW_CHARACTERS)).toBe(true);
    expect(next.outcome.value.pages[0]!.svg.length).toBeGreaterThan(attempts[0]!.ok ? attempts[0]!.outcome.value.pages[0]!.svg.length : 0);

    // And the renderer renders again with fonts of its own, read afresh.
    const after = await renderer.render({ layout: p.layout, mode: "proof", out, proofTime: "t" });
    expect(after.fonts).not.toBe(before.fonts);
    expect(after.bytes).toBeGreaterThan(0);
  }, 60_000);

  it("closing one store closes only its own files: the other still reads glyphs it has not read yet", () => {
    const a = new FontStore();
    const b = new FontStore();
    cleanups.push(() => b.close());
    const song = makeFontMap({}, a).resolve("song", "regular").font;
    const faceA = a.open(song);
    const faceB = b.open(song);
    expect(faceB).not.toBe(faceA);
    a.close();
    const cp = NEW_CHARACTERS.codePointAt(0)!;
    expect(faceB.glyph(cp).id).toBeGreaterThan(0);
    expect(faceB.glyph(cp).inkRight).toBeGreaterThan(faceB.glyph(cp).inkLeft); // the outline is read
    // The closed store's face: with the fast paths its outlines were left on disk, and it
    // refuses the glyph rather than read zeros; without them its file was read whole.
    if (fastPathsInstalled()) expect(() => faceA.glyph(cp).inkRight).toThrow(/after its file was closed/);
    else expect(faceA.glyph(cp).inkRight).toBe(faceB.glyph(cp).inkRight);
  });

  it("a warm renderer keeps its fonts across renders until it drops them", async () => {
    const p = sampleProject("paiban-stores-");
    const renderer = createRenderer();
    cleanups.push(() => renderer.close());
    const out = path.join(p.dir, "warm.pdf");
    const first = await renderer.render({ layout: p.layout, mode: "proof", out, proofTime: "t" });
    const second = await renderer.render({ layout: p.layout, mode: "proof", out, proofTime: "t" });
    expect(second.fonts).toBe(first.fonts);
    renderer.invalidate();
    const third = await renderer.render({ layout: p.layout, mode: "proof", out, proofTime: "t" });
    expect(third.fonts).not.toBe(first.fonts);
  }, 60_000);
});
