#!/usr/bin/env node
/**
 * Writes layouts/edition-16.json: a 16-page edition made from the quxian sample's copy and
 * photo, in six arrangements so no two neighbouring pages look alike. Run it again after
 * changing the arrangements; the layout file is what the benchmark and the tests read.
 *   node bench/make-edition.mjs
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const S = "../samples/quxian/";
const lead = (area, extra = {}) => ({
  type: "story", id: "lead", copy: `${S}lead.md`, area, columns: 3, measure: "23em",
  headline: { lines: 9, title: { font: "hei", weight: "bold", size: "一号" }, subtitle: { font: "hei", size: "四号" } }, ...extra,
});
const rongchang = (area, extra = {}) => ({
  type: "story", id: "rongchang", copy: `${S}rongchang.md`, area, columns: 3, measure: "23em",
  headline: { lines: 6, title: { font: "hei", weight: "bold", size: "二号" } }, ...extra,
});
const jiangbei = (area, extra = {}) => ({
  type: "story", id: "jiangbei", copy: `${S}jiangbei.md`, area, columns: 2, measure: "16.5em",
  headline: { lines: 8, kicker: { font: "hei", size: "小四" }, title: { font: "hei", weight: "bold", size: "小二" } }, ...extra,
});
const photo = (area, extra = {}) => ({
  type: "photo", id: "photo", image: `${S}photo.jpg`, area, fit: "fill", focus: [0.5, 0.45], label: "图片新闻",
  caption: { copy: `${S}photo.md`, position: "right", measure: "8.5em" }, ...extra,
});
const express = (area, items = ["kaizhou", "fengjie", "wushan", "pengshui"], extra = {}) => ({
  type: "sidebar", id: "express", area, title: "区县快递",
  titleStyle: { font: "hei", weight: "bold", size: "三号", tracking: "0.5em", color: "white" },
  titleBar: [0, 100, 100, 10], border: "flower", borderWeight: "1pt", padding: "5pt", columns: 2, measure: "16.5em",
  dateline: "本报讯", items: items.map((n) => `${S}${n}.md`), itemHead: { font: "hei", weight: "bold", size: "五号" }, ...extra,
});
const hrule = (column, span, line, weight = "0.5pt") => ({ type: "rule", orientation: "horizontal", column, span, line, weight });
const vrule = (column, line, lines) => ({ type: "rule", orientation: "vertical", column, line, lines, weight: "0.5pt" });

/** The sample page as it is. */
const sample = () => [
  photo({ column: 1, span: 9, line: 1, lines: 28 }),
  lead({ column: 1, span: 6, line: 30, lines: 49 }),
  rongchang({ column: 1, span: 6, line: 81, lines: 25 }),
  jiangbei({ column: 7, span: 3, line: 30, lines: 44 }),
  express({ column: 7, span: 3, line: 76, lines: 30 }),
  hrule(1, 9, 30, "0.75pt"), hrule(1, 6, 80), hrule(7, 3, 75), vrule(7, 31, 44),
];
/** Mirror: the side column on the left, the photo at the foot. */
const mirrored = () => [
  jiangbei({ column: 1, span: 3, line: 1, lines: 44 }),
  express({ column: 1, span: 3, line: 46, lines: 30 }),
  lead({ column: 4, span: 6, line: 1, lines: 49 }),
  rongchang({ column: 4, span: 6, line: 51, lines: 25 }),
  photo({ column: 1, span: 9, line: 78, lines: 28 }),
  hrule(1, 3, 45), hrule(4, 6, 50), hrule(1, 9, 77, "0.75pt"), vrule(4, 1, 76),
];
/** No photo: the lead across the page, three stories below it side by side. */
const textOnly = () => [
  lead({ column: 1, span: 9, line: 1, lines: 40 }, { columns: 4, measure: undefined }),
  rongchang({ column: 1, span: 3, line: 42, lines: 64 }, { columns: 2, measure: undefined }),
  jiangbei({ column: 4, span: 3, line: 42, lines: 64 }),
  express({ column: 7, span: 3, line: 42, lines: 40 }),
  hrule(1, 9, 41, "0.75pt"), vrule(4, 42, 64), vrule(7, 42, 64),
];
/**
 * A big photo over the top, the lead under it. The photo (3900 × 1600 px) fills a frame 38
 * grid lines high (under its 2-line label) at 224 ppi, above the house minimum of 200; 48
 * lines gave 178 ppi, which print refuses. The rule lies in the empty line between photo and
 * lead (a rule above line 51 under a photo of lines 1–50 ran 2.25 pt inside the photo).
 */
const bigPhoto = () => [
  photo({ column: 1, span: 9, line: 1, lines: 40 }, { caption: { copy: `${S}photo.md`, position: "right", measure: "10em" } }),
  lead({ column: 1, span: 9, line: 42, lines: 64 }, { columns: 4, measure: undefined }),
  hrule(1, 9, 42, "0.75pt"),
];
/** Fewer items: two stories and the box. */
const twoStories = () => [
  rongchang({ column: 1, span: 6, line: 1, lines: 35 }),
  jiangbei({ column: 1, span: 6, line: 37, lines: 40 }, { columns: 3, measure: "23em" }),
  express({ column: 7, span: 3, line: 1, lines: 76 }, ["kaizhou", "fengjie", "wushan", "pengshui"], { columns: 1, measure: undefined }),
  photo({ column: 1, span: 6, line: 78, lines: 28 }, { caption: { copy: `${S}photo.md`, position: "below" } }),
  hrule(1, 6, 36), hrule(1, 6, 77), vrule(7, 1, 105),
];
/** A short page: the box and one story, half the grid left white for an advertisement. */
const halfPage = () => [
  jiangbei({ column: 1, span: 6, line: 1, lines: 28 }, { columns: 3, measure: "23em" }),
  express({ column: 7, span: 3, line: 1, lines: 50 }, ["wushan", "kaizhou"]),
  hrule(1, 6, 29, "0.75pt"),
];

/**
 * 图文互斥 (page 9, 经济): twoStories with a photo set inside 荣昌's middle column — its 2 mm
 * runaround takes the line above and below it, the text runs above, below and beside it on the
 * grid — and 荣昌's area as high as its copy then needs (3 × 24 lines less 14: 58).
 */
const mugShot = () => [
  rongchang({ column: 1, span: 6, line: 1, lines: 30 }),
  { type: "photo", id: "mug", image: `${S}photo.jpg`, area: { column: 3, span: 2, line: 10, lines: 12 }, fit: "fill", focus: [0.3, 0.5], runaround: "2mm" },
  jiangbei({ column: 1, span: 6, line: 32, lines: 45 }, { columns: 3, measure: "23em" }),
  express({ column: 7, span: 3, line: 1, lines: 76 }, ["kaizhou", "fengjie", "wushan", "pengshui"], { columns: 1, measure: undefined }),
  photo({ column: 1, span: 6, line: 78, lines: 28 }, { caption: { copy: `${S}photo.md`, position: "below" } }),
  hrule(1, 6, 31), hrule(1, 6, 77), vrule(7, 1, 105),
];
/**
 * The front page (要闻) with two jumps (转版) to page 2: the photo over the top (as bigPhoto, 224
 * ppi), the lead and 江北 under it in less room than their copy needs, each continued on page 2
 * (continuedIn) and ending with （下转第2版）.
 */
const front = () => [
  photo({ column: 1, span: 9, line: 1, lines: 40 }, { caption: { copy: `${S}photo.md`, position: "right", measure: "10em" } }),
  lead({ column: 1, span: 6, line: 42, lines: 37 }, { continuedIn: "lead-jump" }),
  rongchang({ column: 1, span: 6, line: 81, lines: 25 }),
  jiangbei({ column: 7, span: 3, line: 42, lines: 33 }, { continuedIn: "jiangbei-jump", headline: { lines: 7, kicker: { font: "hei", size: "小四" }, title: { font: "hei", weight: "bold", size: "小二" } } }),
  express({ column: 7, span: 3, line: 76, lines: 30 }),
  hrule(1, 9, 42, "0.75pt"), hrule(1, 6, 80), hrule(7, 3, 75), vrule(7, 43, 32),
];
/**
 * Page 2 (综合): the half page, with the front page's two continuations in its white space, each
 * opening with （上接第1版） under its title repeated smaller (the 转版 heading).
 */
const inside = () => [
  ...halfPage(),
  { type: "story", id: "lead-jump", area: { column: 1, span: 6, line: 31, lines: 16 }, columns: 3, measure: "23em", headline: { lines: 3 } },
  { type: "story", id: "jiangbei-jump", area: { column: 7, span: 3, line: 53, lines: 15 }, columns: 2, measure: "16.5em", headline: { lines: 3 } },
  hrule(7, 3, 52),
];

const ARRANGEMENTS = [sample, mirrored, textOnly, bigPhoto, twoStories, halfPage];
const NAMES = ["要闻", "综合", "区县", "视点", "民生", "专题", "文化", "社会", "经济", "理论", "副刊", "法治", "教育", "生态", "履职", "图片"];
const EDITORS = ["张 敏", "刘 洋", "王 芳", "陈 静", "李 强", "赵 丽", "周 杰", "吴 霞"];

const pages = NAMES.map((name, i) => ({
  number: i + 1,
  name,
  runningHead: { pageName: name, editor: `责任编辑 ${EDITORS[i % EDITORS.length]}　美术编辑 ${EDITORS[(i + 3) % EDITORS.length]}` },
  items: i === 0 ? front() : i === 1 ? inside() : i === 8 ? mugShot() : ARRANGEMENTS[(i * 5) % ARRANGEMENTS.length](),
}));

const layout = {
  $schema: "../schema/layout.schema.json",
  paper: "重庆政协报",
  date: "2024-11-27",
  page: {
    trim: "对开",
    bleed: "3mm",
    typeArea: { top: "30mm", left: "25mm" },
    grid: { columns: 9, columnWidth: "11em", gutter: "1em", bodySize: "小五", linePitch: "13.5pt", lines: 105 },
  },
  pages,
};
const out = fileURLToPath(new URL("../layouts/edition-16.json", import.meta.url));
writeFileSync(out, `${JSON.stringify(layout, null, 1)}\n`);
console.log(`wrote ${out}`);
