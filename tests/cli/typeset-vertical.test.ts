/** `paiban typeset --vertical`, run as a user runs it: lines as for horizontal text, a vertical galley. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pdfText } from "../print/text.js";
import { root } from "../typeset/setup.js";

const cli = path.join(root, "dist/cli/main.js");
const run = (args: string[], input = "") => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });
const COPY = "本报讯（记者张三）11月21日，“大学”75周年纪念活动在重庆举行……会场——热闹非凡。\n共有2024名校友和Peking University的代表参加。\n";

describe("paiban typeset --vertical", () => {
  it("prints each vertical line in reading order, a blank line between paragraphs", () => {
    const r = run(["typeset", "--vertical", "--measure", "5", "--indent", "0"], "一二三四五，六七八\n一二三\n");
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe("一二三四\n五，六七八\n\n一二三\n");
  });

  it("--json gives the paragraphs with their lines as for horizontal text, and says the direction", () => {
    const r = run(["typeset", "--vertical", "--measure", "12", "--json"], COPY);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as { direction: string; paragraphs: { text: string; lines: string[] }[] };
    expect(out.direction).toBe("vertical");
    expect(out.paragraphs.map((p) => p.text)).toEqual(COPY.trim().split("\n"));
    for (const p of out.paragraphs) expect(p.lines.join("")).toBe(p.text);
    expect(out.paragraphs[0]!.lines[0]).toBe("本报讯（记者张三）11月");
  });

  it("--digits and --quotes are checked", () => {
    const r = run(["typeset", "--vertical", "--measure", "12", "--digits", "4"], COPY);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--digits must be 0, 1, 2 or 3");
  });

  it("--pdf writes a vertical galley whose text reads back in reading order", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paiban-vgalley-"));
    const pdf = path.join(dir, "g.pdf");
    const r = run(["typeset", "--vertical", "--measure", "12", "--pdf", pdf], COPY);
    expect(r.status, r.stderr).toBe(0);
    // The vertical forms map back to their characters (ToUnicode), in the order set; the
    // proof's 校样 watermark comes last.
    const want = COPY.replace(/\s+/gu, "");
    expect((await pdfText(pdf)).replace(/校样$/u, "")).toBe(want);
    const raw = spawnSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8" });
    if (raw.status === 0) expect(raw.stdout.replace(/\s+/gu, "").replace(/校样$/u, "")).toBe(want);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
