/**
 * Jumps (转版): a story continued on another page of the edition. A story item names its
 * continuation with `"continuedIn": "ITEM_ID"`: a story item on another page with no copy of its
 * own, which takes what does not fit in the first part. A continuation may itself name a
 * further continuation (a chain of three or more parts).
 *
 * Checked here on the file's own words, before anything is resolved, one clear line each: the
 * target is an item of this edition (did you mean …), one item, a story, not the story itself,
 * not on the same page (on one page a stepped area does the job), has no copy of its own, and
 * continues no other story; no chain loops; every story without copy is a continuation. After
 * the pages are resolved, `joinJumps` gives each continuation its story's copy and body and
 * checks that every part is set at the story's measure.
 */
import { didYouMean } from "../common/did-you-mean.js";
import type { LayoutSource } from "./errors.js";
import { fmt } from "./errors.js";
import { type JsonPath, pathText } from "./json.js";
import type { ItemJson } from "./schema.js";
import type { HeadlineParts, PageSpec, StoryJump, StorySpec } from "./types.js";

/** A page as the file has it: its number, items and where its items are in the file. */
export interface JumpPageSource {
  number: number;
  items: readonly ItemJson[];
  /** Path of the page's items list (["pages", i, "items"], or ["items"] in a one-page layout). */
  itemsPath: JsonPath;
}

interface Located {
  page: number;
  item: number;
  json: ItemJson;
  path: JsonPath;
  pageNumber: number;
}

/** The key of an item in `jumpLinks`' map: page index / item index. */
export const jumpKey = (page: number, item: number) => `${page}/${item}`;

/** Every part of every jumped story, by jumpKey; a PaibanError for the first bad link in the file. */
export function jumpLinks(source: LayoutSource, pages: readonly JumpPageSource[]): Map<string, StoryJump> {
  const all: Located[] = pages.flatMap((p, pi) =>
    p.items.map((json, i) => ({ page: pi, item: i, json, path: [...p.itemsPath, i], pageNumber: p.number })),
  );
  const byId = new Map<string, Located[]>();
  for (const it of all) {
    const id = it.json.id;
    if (id === undefined) continue;
    const list = byId.get(id);
    if (list) list.push(it);
    else byId.set(id, [it]);
  }
  const storyIds = [...new Set(all.filter((it) => it.json.type === "story").map((it) => it.json.id!))];
  const where = (it: Located) => pathText(it.path);
  const next = new Map<Located, Located>();

  // 1. Each continuedIn names one story item of the edition.
  for (const it of all) {
    if (it.json.type !== "story" || it.json.continuedIn === undefined) continue;
    const at: JsonPath = [...it.path, "continuedIn"];
    const name = it.json.continuedIn;
    const targets = byId.get(name);
    if (!targets) {
      throw source.error(at, `${JSON.stringify(name)} is not an item of this edition${didYouMean(name, storyIds.filter((s) => s !== it.json.id))}`);
    }
    if (targets.length > 1) {
      throw source.error(at, `${JSON.stringify(name)} names ${targets.length} items (${targets.map(where).join(", ")}); a continuation's id must be unique in the edition`);
    }
    const target = targets[0]!;
    if (target === it) throw source.error(at, `${JSON.stringify(name)} is this story itself: a story continues in another item`);
    if (target.json.type !== "story") {
      throw source.error(at, `${JSON.stringify(name)} (${where(target)}) is a ${target.json.type}, not a story: a story continues in a story item`);
    }
    const vertical = [it, target].find((x) => x.json.type === "story" && x.json.direction === "vertical");
    if (vertical) throw source.error(at, `${JSON.stringify(vertical.json.id)} is set vertically (竖排): jumps are made up for horizontal stories only`);
    next.set(it, target);
  }
  // 2. No chain loops (checked before the targets' copy, so a loop is called a loop).
  for (const it of all) {
    if (!next.has(it)) continue;
    const chain: Located[] = [it];
    for (let n = next.get(it); n; n = next.get(n)) {
      if (n === it) {
        const ids = [...chain, it].map((c) => c.json.id).join(" → ");
        throw source.error([...it.path, "continuedIn"], `the continuation chain loops: ${ids}; a chain ends in a continuation that names none`);
      }
      if (chain.includes(n)) break; // a loop further on: reported where it closes
      chain.push(n);
    }
  }
  // 3. A continuation has no copy, continues one story, on another page.
  const before = new Map<Located, Located>();
  for (const [it, target] of next) {
    const at: JsonPath = [...it.path, "continuedIn"];
    const name = JSON.stringify(target.json.id);
    if (target.json.type === "story" && target.json.copy !== undefined) {
      throw source.error(
        at,
        `${name} (${where(target)}) has copy of its own; a continuation has none: it takes what does not fit in the part before it (remove its "copy")`,
      );
    }
    const other = before.get(target);
    if (other) throw source.error(at, `${name} already continues ${JSON.stringify(other.json.id)} (${where(other)}); a continuation continues one story`);
    if (target.page === it.page) {
      throw source.error(
        at,
        `${name} is on the same page (第${it.pageNumber}版): a jump goes to another page; to run a story on in the same page, give it a stepped area (a list of rectangles)`,
      );
    }
    before.set(target, it);
  }
  // 4. A story without copy is a continuation.
  for (const it of all) {
    if (it.json.type === "story" && it.json.copy === undefined && !before.has(it)) {
      throw source.error(
        [...it.path, "copy"],
        `missing: a story needs "copy" (a copy file), unless it is the continuation another story's "continuedIn" names`,
      );
    }
  }
  // The chains, from each first part (a story with copy that jumps).
  const links = new Map<string, StoryJump>();
  const ref = (it: Located) => ({ id: it.json.id!, page: it.pageNumber });
  for (const head of all) {
    if (!next.has(head) || before.has(head)) continue;
    let prev: Located | undefined;
    for (let part: Located | undefined = head; part; prev = part, part = next.get(part)) {
      const to = next.get(part);
      links.set(jumpKey(part.page, part.item), { story: ref(head), ...(prev ? { from: ref(prev) } : {}), ...(to ? { to: ref(to) } : {}) });
    }
  }
  return links;
}

/** The keys a continuation takes from its story and may not give itself. */
export const STORY_KEYS = ["body", "byline", "credit", "copyfit"] as const;

/**
 * Give each continuation its story's copy and styles (in place of the stand-ins it was resolved
 * with), and set every part at the story's measure, so the lines set once for the whole story
 * fit every part's columns: a continuation's own `measure` must be the story's; without one it
 * takes the story's, which must fit its area (`checkFits` throws where it does not).
 * `measureEm` is a story's measure in em of its body (given, or fitted to its first area);
 * `pathOf` where an item is in the file.
 */
export function joinJumps<C extends HeadlineParts>(
  source: LayoutSource,
  pages: PageSpec<C>[],
  measureEm: (story: StorySpec<C>, page: PageSpec<C>) => number,
  checkFits: (story: StorySpec<C>, page: PageSpec<C>, measure: number, path: JsonPath) => void,
  pathOf: (page: number, item: number) => JsonPath,
): void {
  const heads = new Map<string, { story: StorySpec<C>; page: PageSpec<C>; path: JsonPath; measure: number }>();
  pages.forEach((page, pi) =>
    page.items.forEach((item, i) => {
      if (item.type !== "story" || !item.jump || item.jump.from) return;
      const measure = measureEm(item, page);
      heads.set(`${page.number}/${item.id}`, { story: item, page, path: pathOf(pi, i), measure });
      page.items[i] = { ...item, measure };
    }),
  );
  pages.forEach((page, pi) =>
    page.items.forEach((item, i) => {
      if (item.type !== "story" || !item.jump?.from) return;
      const head = heads.get(`${item.jump.story.page}/${item.jump.story.id}`)!;
      const { copy, body, byline, credit, copyfit } = head.story;
      const path = pathOf(pi, i);
      if (Math.abs(page.grid.linePitch - head.page.grid.linePitch) > 1e-6) {
        throw source.error(
          [...path, "area"],
          `a continuation is set on its story's grid: this page's line pitch is ${fmt(page.grid.linePitch)} pt, that of "${head.story.id}" (page ${head.page.number}) ${fmt(head.page.grid.linePitch)} pt`,
        );
      }
      const joined: StorySpec<C> = { ...item, copy, body, byline, credit, copyfit, measure: head.measure };
      if (item.measure === undefined) {
        checkFits(joined, page, head.measure * body.size, [...path, "area"]);
      } else if (Math.abs(item.measure * item.body.size - head.measure * body.size) > 0.01) {
        throw source.error(
          [...path, "measure"],
          `a continuation is set at its story's measure: "${head.story.id}" (${pathText(head.path)}) is set at ${fmt(head.measure)} em, ` +
            `this part at ${fmt((item.measure * item.body.size) / body.size)} em; give both the same "measure", or none here`,
        );
      }
      page.items[i] = joined;
    }),
  );
}
