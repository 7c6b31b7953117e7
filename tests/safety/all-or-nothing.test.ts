/**
 * The outputs of a render are committed all or nothing (issue 13, item 3): the PDF, the report
 * and the PNGs are each written in full to a temp file, and renamed over the old ones only
 * when every one of them was written.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutputSet } from "../../src/render/atomic.js";
import { tempDir } from "../bad-input/fixtures.js";

describe("OutputSet", () => {
  it("a report that cannot be written leaves the previous PDF and no temp file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "page.pdf"), "old pdf");
    mkdirSync(join(dir, "page.report.json"));
    const set = new OutputSet();
    await set.stage(join(dir, "page.pdf"), Buffer.from("new pdf"));
    await expect(set.stage(join(dir, "page.report.json"), Buffer.from("{}"))).rejects.toThrow(/cannot write the output \(EISDIR\)/);
    await set.commit(); // nothing left to commit: the failure discarded what was staged
    expect(readFileSync(join(dir, "page.pdf"), "utf8")).toBe("old pdf");
    expect(readdirSync(dir).sort()).toEqual(["page.pdf", "page.report.json"]);
  });

  it("commits every staged file together", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "page.pdf"), "old pdf");
    const set = new OutputSet();
    await set.stage(join(dir, "page.pdf"), Buffer.from("new pdf"));
    await set.stage(join(dir, "png", "page-p1.png"), Buffer.from("png"));
    expect(readFileSync(join(dir, "page.pdf"), "utf8")).toBe("old pdf");
    await set.commit();
    expect(readFileSync(join(dir, "page.pdf"), "utf8")).toBe("new pdf");
    expect(readdirSync(join(dir, "png"))).toEqual(["page-p1.png"]);
  });

  it("a device is refused while staging, never replaced", async () => {
    const set = new OutputSet();
    await expect(set.stage("/dev/null", Buffer.from("x"))).rejects.toThrow(/this is a device or a pipe, not a file/);
  });
});
