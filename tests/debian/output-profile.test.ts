/**
 * A plant's press profile (issue 12) through the tools a plant would use: the print PDF made
 * with `--output-profile` passes `qpdf --check` and `paiban preflight`, and qpdf shows the
 * profile embedded as the OutputIntent's DestOutputProfile. Runs only with
 * PAIBAN_DEBIAN_TOOLS=1 (.ci/run installs qpdf).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { writePdf } from "../../src/render/pdf.js";
import { loadOutputProfile } from "../../src/pipeline/output-profile.js";
import { root } from "../typeset/setup.js";
import { makeAlphaPng, makePhoto, sampleDocument, tempDir } from "../render/helpers.js";
import { PRESS_DESCRIPTION, PRESS_PROFILE, pressProfile } from "../fixtures/icc/profiles.js";

const enabled = process.env.PAIBAN_DEBIAN_TOOLS === "1";
const cli = join(root, "dist/cli/main.js");

function paiban(args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", cwd: root });
}

describe.skipIf(!enabled)("print with --output-profile through qpdf and paiban preflight", () => {
  let dir = "";
  let sample = "";
  let page = "";
  let plainPage = "";
  beforeAll(async () => {
    dir = tempDir("paiban-debian-profile-");
    sample = join(dir, "sample.pdf");
    const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
    await writePdf(doc, { out: sample, mode: "print", cacheDir: join(dir, "cache"), outputProfile: await loadOutputProfile(PRESS_PROFILE, {}) });
    page = join(dir, "quxian.pdf");
    plainPage = join(dir, "quxian-default.pdf");
    for (const [out, extra] of [[page, ["--output-profile", PRESS_PROFILE, "--output-condition", "CGATS TR 002"]], [plainPage, []]] as const) {
      const r = paiban(["render", "layouts/quxian.json", "--mode", "print", "--quiet", "--out", out, "--report", `${out}.json`, ...extra]);
      expect(r.status, r.stderr).toBe(0);
    }
  }, 120_000);

  it("qpdf --check finds no errors in either file", () => {
    for (const f of [sample, page]) expect(execFileSync("qpdf", ["--check", f], { encoding: "utf8" })).toMatch(/No syntax or stream encoding errors found/);
  });

  it("qpdf shows the profile's bytes as the OutputIntent's DestOutputProfile", () => {
    const json = JSON.parse(execFileSync("qpdf", ["--json=2", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", page], { encoding: "utf8", maxBuffer: 256 << 20 }));
    const objects = json.qpdf[1] as Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown>; data?: string } }>;
    const intents = Object.values(objects).filter((o) => o.value?.["/S"] === "/GTS_PDFX");
    expect(intents.length).toBe(1);
    const intent = intents[0]!.value!;
    expect(intent["/OutputConditionIdentifier"]).toBe("u:CGATS TR 002");
    expect(intent["/OutputCondition"]).toBe(`u:${PRESS_DESCRIPTION}`);
    const dest = objects[`obj:${String(intent["/DestOutputProfile"])}`]!.stream!;
    expect(dest.dict["/N"]).toBe(4);
    expect(Buffer.from(dest.data!, "base64").equals(pressProfile())).toBe(true);
  });

  it("paiban preflight passes the sample and finds in the page only what the default's page has", () => {
    const s = paiban(["preflight", sample]);
    expect(s.status, s.stdout + s.stderr).toBe(0);
    const findings = (f: string) => {
      const r = paiban(["preflight", "--json", f]);
      const out = JSON.parse(r.stdout) as { problems: { code: string; page?: number }[]; facts: { pdfx: { outputIntent?: string } } };
      return { codes: out.problems.map((p) => `${p.code} p${p.page}`), intent: out.facts.pdfx.outputIntent };
    };
    const [withProfile, without] = [findings(page), findings(plainPage)];
    expect(withProfile.codes).toEqual(without.codes);
    expect(withProfile.codes.filter((c) => c.startsWith("pdfx"))).toEqual([]);
    expect([withProfile.intent, without.intent]).toEqual(["CGATS TR 002", "FOGRA39"]);
  });
});
