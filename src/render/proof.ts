/**
 * What only a proof (校样) shows: a diagonal watermark and the proof marks (overset,
 * missing glyph, overlap) in red with their labels. RGB and a translucent watermark are
 * fine here; the print writer never calls this module.
 */
import type { GlyphRun, ProofMark, DisplayPage } from "../display/types.js";
import { ContentStream, type RgbColor } from "./content.js";
import type { FontStore } from "../fonts/store.js";
import { markFace, shapeLine, lineWidth } from "./fonts.js";
import { Drawing, type PathOp } from "./vector.js";
import { PLAIN_INKING, writePaths } from "./vector-pdf.js";

export const PROOF_RED: RgbColor = { r: 0.86, g: 0.08, b: 0.12 };
const WHITE: RgbColor = { r: 1, g: 1, b: 1 };
const WATERMARK_GREY: RgbColor = { r: 0.55, g: 0.55, b: 0.6 };
const LABEL_SIZE = 7;
const NO_INK = { c: 0, m: 0, y: 0, k: 0 };

/** The words of the watermark. */
export function watermarkText(proofTime?: string): string {
  return proofTime ? `校样  ${proofTime}` : "校样";
}

export interface Watermark {
  /** The run, laid out centred on the origin; draw it inside `transform`. */
  run: GlyphRun;
  /** Matrix (a b c d e f) that puts the origin at the page centre along the diagonal. */
  transform: [number, number, number, number, number, number];
}

/** A watermark along the trim's rising diagonal, sized to span about 60 % of it. */
export function watermark(page: DisplayPage, proofTime: string | undefined, fonts: FontStore): Watermark {
  const text = watermarkText(proofTime);
  const diagonal = Math.hypot(page.trimWidth, page.trimHeight);
  const probe = shapeLine(fonts, markFace(), 100, text, 0, 0, NO_INK);
  const size = Math.max(12, Math.min(160, (100 * diagonal * 0.6) / Math.max(1, lineWidth(probe))));
  const run = shapeLine(fonts, markFace(), size, text, 0, 0, NO_INK);
  run.x = -lineWidth(run) / 2;
  run.y = size * 0.35; // centre the ideographs' body on the diagonal
  const angle = Math.atan2(page.trimHeight, page.trimWidth);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  // y-down page space: rising to the right is a rotation by −angle.
  return { run, transform: [c, -s, s, c, page.trimWidth / 2, page.trimHeight / 2] };
}

/** The colour and opacity state of the watermark, to set before its run. */
export function watermarkInk(cs: ContentStream, translucentState: string): void {
  cs.graphicsState(translucentState).fillRgb(WATERMARK_GREY);
}

/** The red outline of a proof mark, and the label run to draw (white on a red tag). */
export function proofMarkDrawing(mark: ProofMark, fonts: FontStore): { ops: PathOp[]; label: GlyphRun | null } {
  const d = new Drawing();
  d.save();
  d.strokeRgb(PROOF_RED).lineWidth(1).dash([3, 1.5]);
  d.rect(mark.x, mark.y, mark.width, mark.height).stroke();
  d.restore();
  const text = mark.label.trim();
  if (!text) return { ops: d.ops, label: null };
  const run = shapeLine(fonts, markFace(), LABEL_SIZE, text, 0, 0, NO_INK);
  const pad = 1.5;
  const tagW = lineWidth(run) + 2 * pad;
  const tagH = LABEL_SIZE + 2 * pad;
  // The tag sits on the mark's top-left corner, above it when there is room on the page.
  const tagX = mark.x;
  const tagY = mark.y - tagH >= 0 ? mark.y - tagH : mark.y;
  // A white edge keeps the tag legible where it lands on red (a box's title bar, a photo).
  d.save();
  d.fillRgb(PROOF_RED).strokeRgb(WHITE).lineWidth(0.75).rect(tagX, tagY, tagW, tagH).fillAndStroke();
  d.restore();
  run.x = tagX + pad;
  run.y = tagY + pad + LABEL_SIZE * 0.86;
  return { ops: d.ops, label: run };
}

/** A proof mark into the PDF; returns the label run to draw. */
export function drawProofMark(cs: ContentStream, mark: ProofMark, fonts: FontStore): GlyphRun | null {
  const { ops, label } = proofMarkDrawing(mark, fonts);
  writePaths(cs, ops, PLAIN_INKING);
  return label;
}

/** Label text colour inside the tag. */
export function proofLabelInk(cs: ContentStream): void {
  cs.fillRgb(WHITE);
}
