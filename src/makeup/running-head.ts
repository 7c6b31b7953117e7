/**
 * The running head (报眉) above the type area: date and weekday on the left, the page name
 * letter-spaced in the middle, the paper and page number (and the editors) on the right, over
 * the head rule (眉线).
 */
import type { DisplayItem } from "../display/types.js";
import type { ItemMaker, RunningHeadItem } from "./maker.js";
import { displayLine, drawLine } from "./text.js";

export function formatDate(iso: string, weekday?: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日${weekday ? ` ${weekday}` : ""}`;
}

export const makeupRunningHead: ItemMaker<RunningHeadItem> = (ctx, grid, head) => {
  const id = "running-head";
  const house = ctx.houseStyle.runningHead;
  const ruleY = grid.top - house.ruleGap;
  const items: DisplayItem[] = [];
  // Head rule: a thick rule over a thin one.
  items.push({ kind: "rule", x1: grid.left, y1: ruleY, x2: grid.left + grid.width, y2: ruleY, weight: head.ruleWeight, style: "double", color: head.style.color, itemId: id });
  const baseline = ruleY - head.ruleWeight * house.baselineRuleWeights - house.baselineGap;
  const third = grid.width / 3;
  const name = displayLine(ctx, head.pageName, head.nameStyle, third, "center", { itemId: id, part: "page name" });
  items.push(...drawLine(name, grid.left + third, baseline, id, "page-name"));
  const left = displayLine(ctx, formatDate(head.date, head.weekday), head.style, third, "left", { itemId: id, part: "date" });
  items.push(...drawLine(left, grid.left, baseline, id, "date"));
  const right = displayLine(ctx, `${head.paper}　第${ctx.page}版`, head.style, third, "right", { itemId: id, part: "paper" });
  items.push(...drawLine(right, grid.left + 2 * third, baseline, id, "paper"));
  if (head.editor) {
    const editor = displayLine(ctx, head.editor, head.style, third, "right", { itemId: id, part: "editor" });
    items.push(...drawLine(editor, grid.left + 2 * third, baseline - head.style.size * house.editorRise, id, "editor"));
  }
  return { items, reports: [] };
};
