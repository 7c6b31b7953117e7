/** Small one-page layouts written to a folder, for make-up tests. */
import fs from "node:fs";
import path from "node:path";

export interface TestGrid {
  trim?: string;
  columns: number;
  lines: number;
}

/**
 * Write `paragraphs` as copy.md (with `frontMatter`, a title by default) and a one-page layout
 * holding `items`; return the layout's path.
 */
export function writeLayout(dir: string, grid: TestGrid, items: Record<string, unknown>[], paragraphs: string[], frontMatter = "title: 测试标题"): string {
  fs.writeFileSync(path.join(dir, "copy.md"), `---\n${frontMatter}\n---\n${paragraphs.join("\n\n")}\n`);
  const layout = {
    paper: "测试报",
    date: "2024-11-27",
    page: {
      trim: grid.trim ?? "对开",
      typeArea: { top: "30mm", left: "25mm" },
      grid: { columns: grid.columns, columnWidth: "11em", gutter: "1em", bodySize: "9pt", linePitch: "13.5pt", lines: grid.lines },
    },
    number: 1,
    name: "测试",
    items,
  };
  const file = path.join(dir, `layout-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(layout));
  return file;
}
