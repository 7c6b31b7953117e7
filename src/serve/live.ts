/**
 * What the live preview shows: each page as SVG and the report as the page reads it, made
 * in-process from the layout (no PDF), so a re-render after a save costs make-up plus SVG.
 */
import path from "node:path";
import type { DisplayPage } from "../display/types.js";
import type { FontStore } from "../fonts/store.js";
import { layOut } from "../pipeline/render.js";
import type { StoryReport } from "../makeup/report.js";
import { editionFiles } from "./files.js";
import { gateFor, type FileGate } from "./safe-path.js";
import type { Attempt, Outcome } from "./session.js";
import { pagePhotos, pageSvg } from "../preview/svg.js";

/** Resolution of the SVG's nominal size and of the embedded photos. */
const SCREEN_DPI = 96;
const PHOTO_DPI = 150;

export interface PreviewPage {
  page: DisplayPage;
  svg: string;
}

export interface Preview {
  pages: PreviewPage[];
  /** The files this render may serve: its layout, copy and photos inside the root (not fonts). */
  gate: FileGate;
}

/** Make up the layout and draw its pages with `fonts`; `root` bounds the files the page may link. */
export async function previewWork(layout: string, root: string, fonts: FontStore): Promise<Outcome<Preview>> {
  const { edition, document, report } = await layOut(layout, fonts);
  const pages = await Promise.all(
    document.pages.map(async (page) => ({ page, svg: pageSvg(page, { dpi: SCREEN_DPI, mode: "proof", photos: await pagePhotos(page, PHOTO_DPI), fonts }) })),
  );
  const files = editionFiles(edition);
  const gate = await gateFor(root, [files.layout, ...files.copy, ...files.images]);
  return { edition, report, value: { pages, gate } };
}

/** A story as the page shows it when hovered or clicked. */
export interface StoryView {
  id: string;
  kind: StoryReport["kind"];
  page: number;
  copy: string;
  copyUrl?: string;
  measure: number;
  frames: StoryReport["frames"];
  linesPerColumn: number[];
  overset: StoryReport["overset"];
  underset: number;
  paragraphs: number;
  /** The first words of the copy, to tell stories apart. */
  opening: string;
  /** The editor's estimate (paiban fit), for stories and box items. */
  fit?: StoryReport["fit"];
  /** Paragraphs copyfit set looser (+lines) or tighter (−lines). */
  copyfit?: StoryReport["copyfit"];
  /** 图文互斥: the photos and boxes the story runs around, the columns they cut and the lines lost. */
  runaround?: StoryReport["runaround"];
}

function opening(s: StoryReport): string {
  return s.paragraphs[0]?.text.slice(0, 40) ?? "";
}

function storyView(s: StoryReport, gate: FileGate, root: string): StoryView {
  return {
    id: s.id,
    kind: s.kind,
    page: s.page,
    copy: path.relative(root, s.copy) || s.copy,
    copyUrl: gate.urls.get(s.copy),
    measure: s.measure,
    frames: s.frames,
    linesPerColumn: s.linesPerColumn,
    overset: s.overset,
    underset: s.underset.lines,
    paragraphs: s.paragraphs.length,
    opening: opening(s),
    ...(s.fit && s.kind !== "caption" ? { fit: s.fit } : {}),
    ...(s.copyfit ? { copyfit: s.copyfit } : {}),
    ...(s.runaround ? { runaround: s.runaround } : {}),
  };
}

/** The JSON the page polls (/state). */
export function stateJson(a: Attempt<Preview> | undefined, root: string): unknown {
  if (!a) return { version: 0, ok: false, pending: true };
  const common = { version: a.version, at: a.at, ms: a.ms, changed: a.changed.map((f) => path.relative(root, f) || f) };
  if (!a.ok) return { ...common, ok: false, error: a.error };
  return {
    ...common,
    ok: true,
    layout: a.outcome.report.layout,
    pages: a.outcome.value.pages.map(({ page }) => ({
      number: page.number,
      name: page.name,
      width: page.trimWidth,
      height: page.trimHeight,
      svg: `/page/${page.number}.svg?v=${a.version}`,
    })),
    stories: a.outcome.report.stories.map((s) => storyView(s, a.outcome.value.gate, root)),
    warnings: a.outcome.report.warnings.map((w) => w.message),
    diff: a.diff,
    first: a.first,
  };
}
