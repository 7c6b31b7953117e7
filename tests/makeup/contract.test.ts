/**
 * The make-up contract: a text frame's tail (flow, 段末孤行, reports, one overset flag), the
 * house style every page carries and make-up reads, and the one credit policy.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DisplayItem } from "../../src/display/types.js";
import { makeFontMap } from "../../src/fonts/fontmap.js";
import { FontStore } from "../../src/fonts/store.js";
import { loadLayout } from "../../src/pipeline/load.js";
import type { HouseStyle, PageSpec } from "../../src/layout/types.js";
import type { FlowLine } from "../../src/makeup/flow.js";
import { setInFrame, type FlowCopy } from "../../src/makeup/frame.js";
import { makeupPage } from "../../src/makeup/page.js";
import { writeLayout } from "./fixture.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-contract-"));
const store = new FontStore();
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PITCH = 13.5;

describe("a text frame's tail", () => {
  /** A copy of `count` one-line... lines, one paragraph, as bodyLines marks them. */
  const copy = (name: string, count: number): FlowLine[] =>
    Array.from({ length: count }, (_, k): FlowLine => ({
      span: 1,
      paragraph: 0,
      text: `${name}${k + 1}字`,
      draw: (x, top) => [{ kind: "rect", x, y: top, width: 1, height: 1, fill: { c: 0, m: 0, y: 0, k: 100 } }],
      ...(k === count - 1 && k > 0 ? { paragraphEnd: { itemId: name, paragraph: 0 } } : {}),
    }));
  const account = (id: string, from: number, to: number): FlowCopy => ({ id, kind: "sidebar-item", file: `${id}.md`, paragraphs: [], measure: 10, from, to });
  const frame = { id: "box", columns: [0, 100].map((x) => ({ x, width: 90, top: 50, lines: 3 })), pitch: PITCH };

  it("gives each copy its share of the overset and flags the frame once with the sum", () => {
    const made = setInFrame(frame, [{ lines: copy("a", 4) }, { lines: copy("b", 4) }], [account("a", 0, 1), account("b", 1, 2)], 2);
    expect(made.reports.map((r) => [r.id, r.page, r.overset, r.linesPerColumn])).toEqual([
      ["a", 2, { lines: 0, chars: 0 }, [3, 3]],
      ["b", 2, { lines: 2, chars: 6 }, [3, 3]],
    ]);
    const flags = made.items.filter((i) => i.kind === "proof-mark" && i.reason === "overset");
    expect(flags).toEqual([{ kind: "proof-mark", reason: "overset", x: 100, y: 50 + 2 * PITCH, width: 90, height: PITCH, label: "溢出 2 行 6 字", itemId: "box" }]);
    // Column 2 begins with a's last line: 段末孤行, warned and marked.
    expect(made.warnings.map((w) => w.message)).toEqual(["a: column 2 begins with the last line of paragraph 1 (段末孤行: “a4字”); cut or add a line of copy"]);
    expect(made.items.filter((i) => i.kind === "rect").map((i: DisplayItem & { kind: "rect" }) => [i.x, i.y])).toEqual([
      [0, 50], [0, 50 + PITCH], [0, 50 + 2 * PITCH], [100, 50], [100, 50 + PITCH], [100, 50 + 2 * PITCH],
    ]);
  });

  it("reports no overset and no flag when the flow fits", () => {
    const made = setInFrame(frame, [{ lines: copy("a", 5) }], [account("a", 0, 1)], 1);
    expect(made.reports[0]!.overset).toEqual({ lines: 0, chars: 0 });
    expect(made.reports[0]!.underset).toEqual({ lines: 1 });
    expect(made.items.some((i) => i.kind === "proof-mark" && i.reason === "overset")).toBe(false);
  });
});

/** A page with a story (with a credit), a photo with a label, a boxed sidebar and a running head. */
async function page(): Promise<PageSpec> {
  fs.writeFileSync(path.join(dir, "item.md"), "---\ntitle: 快讯\ncredit: （万虹佑）\n---\n区县政协组织委员视察。\n");
  const file = writeLayout(
    dir,
    { columns: 6, lines: 40 },
    [
      { type: "story", id: "s", copy: "copy.md", area: { column: 1, span: 2, line: 1, lines: 20 }, columns: 1, headline: { lines: 3 } },
      { type: "photo", id: "p", image: path.resolve("samples/quxian/photo.jpg"), area: { column: 3, span: 2, line: 1, lines: 10 }, label: "图片新闻" },
      { type: "sidebar", id: "box", area: { column: 5, span: 2, line: 1, lines: 20 }, title: "区县快递", columns: 1, items: ["item.md"] },
    ],
    ["区县政协组织委员视察。"],
    "title: 主题\ncredit: （张三）",
  );
  const layout = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.writeFileSync(file, JSON.stringify({ ...layout, runningHead: { pageName: "区县" } }));
  return (await loadLayout(file)).edition.pages[0]!;
}

function makeUp(spec: PageSpec, house?: (h: HouseStyle) => void) {
  const copy = structuredClone(spec);
  house?.(copy.houseStyle);
  return makeupPage(makeFontMap({}, store), copy);
}

const ofItem = (items: DisplayItem[], id: string, kind: DisplayItem["kind"]) => items.filter((i) => i.itemId === id && i.kind === kind);

describe("the house style on the page spec", () => {
  it("is the house defaults, as plain data", async () => {
    const spec = await page();
    expect(spec.houseStyle).toEqual(structuredClone(spec.houseStyle));
    expect(spec.houseStyle).toMatchObject({ minTypeSize: 6, photo: { labelLines: 2 }, sidebar: { titleLines: 3, headLines: 2 }, clearance: { textToFrame: 1.5, textToPhoto: 2, ruleToPhoto: 1 }, flowerBand: 3 });
  });

  it("a box's title bar takes the house style's grid lines: one more moves its text a line down", async () => {
    const spec = await page();
    const frameY = (r: ReturnType<typeof makeUp>) => r.report.stories.find((s) => s.id === "box/item")!.frames[0]!.y;
    expect(frameY(makeUp(spec, (h) => (h.sidebar.titleLines += 1))) - frameY(makeUp(spec))).toBeCloseTo(PITCH, 9);
  });

  it("a photo's label takes the house style's grid lines, and its rule the house weight", async () => {
    const spec = await page();
    const image = (r: ReturnType<typeof makeUp>) => ofItem(r.page.items, "p", "image")[0] as DisplayItem & { kind: "image" };
    const plain = makeUp(spec);
    const taller = makeUp(spec, (h) => {
      h.photo.labelLines = 3;
      h.photo.labelRule.weight = 3;
    });
    expect(image(taller).y - image(plain).y).toBeCloseTo(PITCH, 9);
    expect(ofItem(taller.page.items, "p", "rule").map((r) => (r as DisplayItem & { kind: "rule" }).weight)).toEqual([3]);
  });

  it("the head rule sits the house style's gap above the type area", async () => {
    const spec = await page();
    const ruleY = (r: ReturnType<typeof makeUp>) => (ofItem(r.page.items, "running-head", "rule")[0] as DisplayItem & { kind: "rule" }).y1;
    expect(ruleY(makeUp(spec))).toBeCloseTo(spec.grid.top - 6, 9);
    expect(ruleY(makeUp(spec, (h) => (h.runningHead.ruleGap = 10)))).toBeCloseTo(spec.grid.top - 10, 9);
  });

  it("text under the house style's minimum size is warned about", async () => {
    const spec = await page();
    const small = (r: ReturnType<typeof makeUp>) => r.report.warnings.filter((w) => w.code === "small-text").map((w) => w.message);
    expect(small(makeUp(spec))).toEqual([]);
    expect(small(makeUp(spec, (h) => (h.minTypeSize = 10)))).toContain("s: text set at 9 pt, under the 10 pt a newspaper prints legibly");
  });
});

describe("the credit policy", () => {
  const lines = (r: ReturnType<typeof makeUp>, id: string) => r.report.stories.find((s) => s.id === id)!.linesPerColumn.reduce((a, b) => a + b, 0);

  it("a box item's credit runs in after its last line; a story's takes a line of its own", async () => {
    const r = makeUp(await page());
    const item = r.report.stories.find((s) => s.id === "box/item")!;
    expect(item.credit).toEqual(["（万虹佑）"]);
    expect(lines(r, "box/item")).toBe(2 + 1); // the head's two grid lines and the body's one, the credit in it
    const story = r.report.stories.find((s) => s.id === "s")!;
    expect(story.credit).toEqual(["（张三）"]);
    expect(lines(r, "s")).toBe(2); // body line, credit line
  });

  it("where the house style runs a story's credit in, it shares the last line; where not, a box item's takes its own", async () => {
    const spec = await page();
    const r = makeUp(spec, (h) => {
      h.credit.runIn.story = true;
      h.credit.runIn.sidebar = false;
    });
    expect(lines(r, "s")).toBe(1);
    expect(lines(r, "box/item")).toBe(2 + 1 + 1);
    // Both ways the credit is set flush right in the credit's role.
    const credit = r.page.items.filter((i) => i.kind === "glyphs" && i.role === "credit" && i.itemId === "s");
    expect(credit.map((g) => g.glyphs.map((x) => x.text).join(""))).toEqual(["（张三）"]);
  });
});
