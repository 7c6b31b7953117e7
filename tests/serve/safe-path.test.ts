import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeRelative, gateFor, inside, resolveServed } from "../../src/serve/safe-path.js";

describe("which /files/ paths decode to something servable", () => {
  it("accepts plain relative paths, percent-encoded CJK included", () => {
    expect(decodeRelative("samples/quxian/lead.md")).toBe("samples/quxian/lead.md");
    expect(decodeRelative("copy/%E6%94%BF%E5%8D%8F.md")).toBe("copy/政协.md");
  });

  it("refuses traversal, absolute paths, encoded separators, NUL and bad encoding", () => {
    for (const raw of ["../x", "a/../x", "a/./x", "%2e%2e/x", "a/%2E%2E/x", "a%2fb", "a%5cb", "a\\b", "/etc/passwd", "%2fetc", "C:/x", "a//b", "a/", "x%00.md", "%zz", "%E4%B8", ""]) {
      expect(decodeRelative(raw), raw).toBeNull();
    }
  });

  it("inside(): strictly within the root", () => {
    expect(inside("/a/b", "/a/b/c")).toBe(true);
    expect(inside("/a/b", "/a/b")).toBe(false);
    expect(inside("/a/b", "/a/bc/d")).toBe(false);
    expect(inside("/a/b", "/a")).toBe(false);
  });
});

describe("the file gate", () => {
  it("serves only listed files inside the real root, never through a symlink out of it", async () => {
    const base = mkdtempSync(path.join(tmpdir(), "paiban-gate-"));
    const root = path.join(base, "root");
    mkdirSync(path.join(root, "copy"), { recursive: true });
    writeFileSync(path.join(base, "secret.md"), "SECRET");
    writeFileSync(path.join(root, "copy/a.md"), "a");
    writeFileSync(path.join(root, "copy/b.md"), "b");
    symlinkSync(path.join(base, "secret.md"), path.join(root, "copy/link.md"));
    const gate = await gateFor(root, [path.join(root, "copy/a.md"), path.join(root, "copy/link.md"), path.join(base, "secret.md")]);
    expect([...gate.allowed]).toEqual([path.join(gate.root, "copy/a.md")]);
    expect(gate.urls.get(path.join(root, "copy/a.md"))).toBe("/files/copy/a.md");
    expect(await resolveServed(gate, "copy/a.md")).toBe(path.join(gate.root, "copy/a.md"));
    expect(await resolveServed(gate, "copy/b.md")).toBeNull(); // not a file of the page
    expect(await resolveServed(gate, "copy/link.md")).toBeNull(); // leads out of the root
    expect(await resolveServed(gate, "copy")).toBeNull(); // a folder
    expect(await resolveServed(gate, "copy/missing.md")).toBeNull();
  });
});
