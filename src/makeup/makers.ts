/** Item makers by item type: make-up of a page loops over these, with no case of its own. */
import type { Grid } from "../layout/types.js";
import type { MakeupContext } from "./context.js";
import type { ItemMaker, MadeItem, MakeupItem } from "./maker.js";
import { makeupPhoto } from "./photo.js";
import { makeupRule } from "./rule.js";
import { makeupRunningHead } from "./running-head.js";
import { makeupSidebar } from "./sidebar.js";
import { makeupStory } from "./story.js";

export const ITEM_MAKERS: { [T in MakeupItem["type"]]: ItemMaker<Extract<MakeupItem, { type: T }>> } = {
  story: makeupStory,
  photo: makeupPhoto,
  sidebar: makeupSidebar,
  rule: makeupRule,
  "running-head": makeupRunningHead,
};

export function makeItem(ctx: MakeupContext, grid: Grid, item: MakeupItem): MadeItem {
  // TypeScript cannot tie the maker's spec type to the item's here; ITEM_MAKERS's type does.
  const make = ITEM_MAKERS[item.type] as ItemMaker<MakeupItem>;
  return make(ctx, grid, item);
}
