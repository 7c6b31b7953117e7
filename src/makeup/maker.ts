/**
 * The contract of a make-up item: an item maker takes the page's context, its grid and the
 * item's spec, and gives what goes on the page and what the report says of it. Warnings go to
 * the context. A new kind of item is one maker and one line in makers.ts.
 */
import type { DisplayItem } from "../display/types.js";
import type { Grid, ItemSpec, RunningHeadSpec } from "./spec.js";
import type { MakeupContext } from "./context.js";
import type { StoryReport } from "./report.js";

export interface MadeItem {
  /** Display items, in painting order. */
  items: DisplayItem[];
  /** Report entries of the copy it set (a story, a caption, each of a box's items); none for a rule. */
  reports: StoryReport[];
}

export type ItemMaker<S> = (ctx: MakeupContext, grid: Grid, spec: S) => MadeItem;

/** The running head (报眉) as an item: made up after the page's items. */
export interface RunningHeadItem extends RunningHeadSpec {
  type: "running-head";
}

/** What make-up sets on a page: the layout's items, and the running head. */
export type MakeupItem = ItemSpec | RunningHeadItem;
