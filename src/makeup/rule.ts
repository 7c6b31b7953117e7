/** A rule (栏线, 通栏): the layout's rule is already the display list's. */
import type { RuleSpec } from "../layout/types.js";
import type { ItemMaker } from "./maker.js";

export const makeupRule: ItemMaker<RuleSpec> = (_ctx, _grid, item) => {
  const { type: _type, id, ...rule } = item;
  return { items: [{ kind: "rule", ...rule, itemId: id }], reports: [] };
};
