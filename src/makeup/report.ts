/** The layout report: what went where, what did not fit, and every warning. */
import type { Warning } from "../common/diagnostics.js";
import type { Rect } from "../common/geometry.js";

/** A frame on the page (x, y, width, height: pt from the trim's top-left). */
export interface FrameReport extends Rect {
  /** Grid lines the frame holds and how many are filled. */
  lines: number;
  used: number;
}

export interface ParagraphReport {
  text: string;
  lines: string[];
}

export interface StoryReport {
  id: string;
  kind: "story" | "caption" | "sidebar-item";
  /** Page number the story is on. */
  page: number;
  /** The copy file it came from. */
  copy: string;
  /** Column measure, em of the body size. */
  measure: number;
  frames: FrameReport[];
  /** Lines set in each text column, in flow order. */
  linesPerColumn: number[];
  /** Lines and characters that did not fit (0 when all fit). */
  overset: { lines: number; chars: number };
  /** Empty grid lines left at the end of the story's columns. */
  underset: { lines: number };
  paragraphs: ParagraphReport[];
  /** The credit (署名 at the end) as set, when there is one. */
  credit?: string[];
}

export interface PageReport {
  number: number;
  name: string;
  stories: StoryReport[];
  warnings: Warning[];
}

export interface LayoutReport {
  layout: string;
  pages: PageReport[];
  /** Every story of every page, flat (the shape other tools read). */
  stories: StoryReport[];
  warnings: Warning[];
}
