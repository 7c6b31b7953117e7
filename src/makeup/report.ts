/** The layout report: what went where, what did not fit, and every warning. */
import type { Warning } from "../common/diagnostics.js";
import type { Rect } from "../common/geometry.js";
import type { RunaroundReport } from "./runaround.js";

/** A frame on the page (x, y, width, height: pt from the trim's top-left). */
export interface FrameReport extends Rect {
  /** Grid lines the frame holds and how many are filled. */
  lines: number;
  used: number;
  /** A segment of a text column cut around a photo or box (图文互斥): the text column, from 1. */
  column?: number;
  /** The page the frame is on, for a jumped story's frames (its parts are on several pages). */
  page?: number;
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
  /** Column measure, em of the body size (vertical text: the length of a line). */
  measure: number;
  /**
   * "vertical" when the copy is set in vertical lines (竖排): its frames are then tiers whose
   * `lines` are vertical lines right to left, and each paragraph's `lines` are in reading order.
   * Absent for horizontal text.
   */
  direction?: "vertical";
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
  /** What copyfit (撑行/缩行) did, for a story, caption or box item (absent for other text). */
  copyfit?: CopyfitReport;
  /** The editor's estimate (paiban fit): the area's capacity against the copy's length. */
  fit?: FitEstimate;
  /** 图文互斥: the photos and boxes the story's text runs around, the columns they cut and the lines lost. */
  runaround?: RunaroundReport;
  /**
   * A jumped story (转版): its parts in chain order, the first being this item. The story's
   * frames and lines per column then run through all its parts, and its overset is what the
   * last part could not hold.
   */
  parts?: StoryPartReport[];
  /**
   * On a continuation's page: the id of the story this part belongs to (the story itself is
   * reported once, on its first part's page, with its `parts`; the layout's flat `stories`
   * leaves these entries out).
   */
  partOf?: string;
}

/** One part of a jumped story. */
export interface StoryPartReport {
  /** The part's item id and the page (版次) it is on. */
  id: string;
  page: number;
  /** Grid lines of text it holds, in all and per column. */
  lines: number;
  linesPerColumn: number[];
  frames: FrameReport[];
  /** The jump lines as set: the part opens with jumpFrom （上接第1版） and ends with jumpTo （下转第2版）. */
  jumpFrom?: string;
  jumpTo?: string;
}

/** Copyfit's account of one copy. Lines are grid lines; em per gap are of the body size. */
export interface CopyfitReport {
  /** false when the layout turned copyfit off for the item ("copyfit": false). */
  on: boolean;
  /** What the setting as written left: overset lines, empty lines at the column foot, 段末孤行. */
  before: { overset: number; underset: number; widows: number };
  /**
   * The paragraphs set longer (lines > 0: loosened, 撑行) or shorter (lines < 0: tightened,
   * 缩行), by index in the copy, with the largest space a line of it adds to (or takes from)
   * each gap between characters.
   */
  paragraphs: { paragraph: number; lines: number; emPerGap: number }[];
  /** What is left after copyfit. */
  left: { overset: { lines: number; chars: number }; underset: { lines: number }; widows: number };
  /** What the editor must do when copyfit cannot fit the copy: "cut 37 字", "add 2 lines of copy (about 46 字)". */
  editor?: string;
}

/** The editor's estimate of a copy against its area, at the house style, by the setting as written. */
export interface FitEstimate {
  /** Body lines the area gives this copy, and the characters they hold at the copy's density. */
  capacity: { lines: number; chars: number };
  copy: { chars: number };
  /** Copy − capacity: characters to cut (> 0) or add (< 0). */
  difference: { chars: number };
  /** Copyfit alone makes the copy fit (no overset, and no empty lines where the area must be filled). */
  copyfitCanAbsorb: boolean;
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
  /** Every story of every page, flat (the shape other tools read); a jumped story once, with its parts. */
  stories: StoryReport[];
  warnings: Warning[];
}
