/** `paiban typeset`, run as a user runs it. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root, seedStories } from "../typeset/setup.js";

const cli = path.join(root, "dist/cli/main.js");
const run = (args: string[], input = "", env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8", env: { ...process.env, ...env } });

describe("paiban typeset", () => {
  it("prints each line, a blank line between paragraphs", () => {
    const r = run(["typeset", "--measure", "5", "--indent", "0"], "一二三四五，六七八\n一二三\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("一二三四\n五，六七八\n\n一二三\n");
  });

  it("--json gives the paragraphs with their lines, each exactly the characters set on it", () => {
    const lead = seedStories().find((s) => s.id === "lead")!.paragraphs!;
    const r = run(["typeset", "--measure", "23", "--size", "9", "--json"], `${lead.join("\n")}\n`);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { paragraphs: { text: string; lines: string[] }[] };
    expect(out.paragraphs.map((p) => p.text)).toEqual(lead);
    for (const p of out.paragraphs) expect(p.lines.join("")).toBe(p.text);
    expect(out.paragraphs[0]!.lines[0]).toBe("11月21日召开的市委政协工作会议就推动新时代");
  });

  it("--pdf writes a galley proof", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-galley-"));
    const pdf = path.join(dir, "g.pdf");
    const r = run(["typeset", "--measure", "12", "--pdf", pdf], "中文“测试”33618和100%的数据。\n");
    expect(r.status).toBe(0);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("sets what the role's face lacks from the other roles, as page make-up does", () => {
    // A font map whose song is Latin only: the Chinese comes from hei, and nothing is missing.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-typeset-fonts-"));
    const map = path.join(dir, "fontmap.json");
    fs.writeFileSync(map, JSON.stringify({
      song: { regular: "npm:pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf" },
      hei: { regular: "npm:@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf" },
    }));
    const r = run(["typeset", "--measure", "8", "--indent", "0", "--font", "song"], "中文Abc测试。\n", { PAIBAN_FONT_MAP: map });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("中文Abc测试。\n");
    expect(r.stderr).not.toMatch(/no font can set/);
  });

  it("a run of —— breaks between its 2-em dashes: no line wider than the measure (issue 13)", () => {
    const r = run(["typeset", "--measure", "8"], "前文————————————————————后文\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("前文————\n————————\n————————\n后文\n");
  });

  it("a line wider than the measure (one word that cannot break) is warned about", () => {
    const r = run(["typeset", "--measure", "6", "--indent", "0"], "中文Internationalization中文\n");
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("中文\nInternationalization\n中文\n");
    expect(r.stderr).toBe("paiban: warning: paragraph 1: “Internationalization” is wider than the measure (nothing on it can break)\n");
  });

  it("--lines 1 sets each paragraph a line longer (撑行) within the style's limits, --json with what it cost", () => {
    const para = seedStories().find((s) => s.id === "lead")!.paragraphs!.find((p) => p.startsWith("巴南区政协主席何永革"))!;
    const tight = JSON.parse(run(["typeset", "--measure", "23", "--json"], `${para}\n一二三\n`).stdout) as { paragraphs: { lines: string[] }[] };
    const r = run(["typeset", "--measure", "23", "--lines", "1", "--json"], `${para}\n一二三\n`);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { paragraphs: { lines: string[]; fit: { delta: number; maxPerGap: number; meanPerGap: number } | null }[] };
    expect(out.paragraphs[0]!.lines).toHaveLength(tight.paragraphs[0]!.lines.length + 1);
    expect(out.paragraphs[0]!.lines.join("")).toBe(para);
    expect(out.paragraphs[0]!.fit!.delta).toBe(1);
    expect(out.paragraphs[0]!.fit!.maxPerGap).toBeLessThanOrEqual(0.125);
    // Three characters cannot make two lines: set as they are, and said so.
    expect(out.paragraphs[1]).toEqual({ text: "一二三", lines: ["一二三"], fit: null });
    expect(r.stderr).toBe("paiban: warning: paragraph 2 cannot be set 1 line longer within the style's limits (loosen 0.125 em per gap); set as it is\n");
    expect(run(["typeset", "--measure", "23", "--lines", "0.5"], "一\n").status).toBe(2);
  });

  it("a usage error exits 2 with the reason", () => {
    const r = run(["typeset", "--measure", "0"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--measure must be a number of em greater than 0");
    expect(run(["typeset"]).status).toBe(2);
  });

  it("a missing file exits 1 naming it, without a stack trace", () => {
    const r = run(["typeset", "no-such-file.txt", "--measure", "5"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("paiban: no-such-file.txt: file not found\n");
  });
});
