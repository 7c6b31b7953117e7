/**
 * The spec make-up reads: the layout's spec (src/layout/types.ts) with each story's copy read
 * by the copy stage (StoryCopy). The pipeline loads it (src/pipeline/load.ts).
 */
import type { StoryCopy } from "../copy/types.js";
import type * as Layout from "../layout/types.js";

export type StorySpec = Layout.StorySpec<StoryCopy>;
export type CaptionSpec = Layout.CaptionSpec<StoryCopy>;
export type PhotoSpec = Layout.PhotoSpec<StoryCopy>;
export type SidebarSpec = Layout.SidebarSpec<StoryCopy>;
export type ItemSpec = Layout.ItemSpec<StoryCopy>;
export type PageSpec = Layout.PageSpec<StoryCopy>;
export type EditionSpec = Layout.EditionSpec<StoryCopy>;
export type { BodyStyle, Grid, GridArea, HeadlineSpec, RuleSpec, RunningHeadSpec, TextStyle } from "../layout/types.js";
