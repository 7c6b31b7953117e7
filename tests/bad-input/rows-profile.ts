/**
 * Rows of the bad-input table for the press profile (issue 12): `--output-profile FILE.icc` and
 * the layout's "output": { "profile": … }. A profile that cannot be the output intent of a
 * PDF/X-1a:2001 file is refused with one line naming it, before a page is made up; a good one
 * is embedded. The profiles are made from tests/fixtures/icc/tr002-tac260.icc.
 */
import { copyFileSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { page, story, writeLayout } from "./fixtures.js";
import type { Row } from "./rows.js";
import { expectRefused, expectRendered, expectUsage, type RunResult } from "./run.js";
import { BAD_PROFILES, PRESS_DESCRIPTION, PRESS_PROFILE } from "../fixtures/icc/profiles.js";

const PRINT = ["--mode", "print"];

/** The plain one-story layout and a profile file made by `make` in the folder. */
const withProfile = (name: string, make: (file: string) => void) => (dir: string) => {
  writeLayout(dir, page([story()]));
  make(join(dir, name));
};
const bytes = (b: () => Buffer) => (file: string) => writeFileSync(file, b());

/** A refused profile: `paiban: NAME: message`. */
function profileRow(input: string, name: string, make: (file: string) => void, message: string, gets = message): Row {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    group: "press profile",
    input,
    gets: `\`${name}: ${gets}\``,
    outcome: "refused",
    args: [...PRINT, "--output-profile", name],
    setup: withProfile(name, make),
    check: (r) => expectRefused(r, new RegExp(`^paiban: ${name.replace(/\./g, "\\.")}: ${escaped}`)),
  };
}

/** The PDF's DestOutputProfile is the profile's bytes, under `identifier`. */
async function expectEmbedded(r: RunResult, identifier: string): Promise<void> {
  const { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } = await import("pdf-lib");
  const doc = await PDFDocument.load(readFileSync(r.pdf), { updateMetadata: false });
  const intent = doc.catalog.lookup(PDFName.of("OutputIntents"), PDFArray).lookup(0, PDFDict);
  const dest = intent.lookup(PDFName.of("DestOutputProfile"), PDFRawStream);
  expect(Buffer.from(decodePDFRawStream(dest).decode()).equals(readFileSync(PRESS_PROFILE))).toBe(true);
  const id = intent.lookup(PDFName.of("OutputConditionIdentifier"));
  expect(id instanceof PDFString || id instanceof PDFHexString ? id.decodeText() : undefined).toBe(identifier);
}

export const PROFILE_ROWS: Row[] = [
  profileRow("`--output-profile` a text file, not a profile", "press.icc", (f) => writeFileSync(f, "not a profile\n".repeat(20)), "not an ICC profile (no 'acsp' signature in a 128-byte header)"),
  profileRow("`--output-profile` truncated (first 40 %)", "cut.icc", bytes(BAD_PROFILES.truncated), "damaged ICC profile: truncated (its header says 76744 bytes, the file has 30697)"),
  profileRow("`--output-profile` an RGB profile", "rgb.icc", bytes(BAD_PROFILES.rgb), "this is an RGB profile; the output intent of a PDF/X-1a file is a CMYK printing condition: give the press's CMYK output profile"),
  profileRow("`--output-profile` a Lab profile", "lab.icc", bytes(BAD_PROFILES.lab), "this is a Lab profile; ", "this is a Lab profile; … give the press's CMYK output profile"),
  profileRow("`--output-profile` a Gray profile", "gray.icc", bytes(BAD_PROFILES.gray), "this is a Gray profile; ", "this is a Gray profile; … give the press's CMYK output profile"),
  profileRow("`--output-profile` a display (monitor) profile", "screen.icc", bytes(BAD_PROFILES.display), "this is a display (monitor) profile, not an output (printer) profile: give the press's CMYK output profile"),
  profileRow("`--output-profile` an ICC version 4 profile", "v4.icc", bytes(BAD_PROFILES.v4), "this is an ICC version 4.2.0 profile; a PDF/X-1a:2001 file (PDF 1.3) can embed only version 2 profiles: ask the plant for the version 2 file of its profile"),
  profileRow("`--output-profile` without its B2A0 (separation) table", "half.icc", bytes(BAD_PROFILES.noB2A0), "damaged or incomplete output profile: it has no B2A0 table (colour to ink, what separation uses)"),
  profileRow("`--output-profile` whose tables Little CMS cannot read", "broken.icc", bytes(BAD_PROFILES.damagedTable), "Little CMS cannot separate with this profile (damaged tables?)"),
  profileRow("`--output-profile` a folder", "profiles", (f) => mkdirSync(f), "this is a folder, not a file"),
  profileRow("`--output-profile` a FIFO", "fifo.icc", (f) => execFileSync("mkfifo", [f]), "this is a device, a pipe or a socket, not a regular file"),
  profileRow("`--output-profile` a 17 MB file", "huge.icc", (f) => (writeFileSync(f, ""), truncateSync(f, 17 * 1024 * 1024)), "the file is 17 MB; paiban reads files of up to 16 MB here"),
  profileRow("`--output-profile` missing", "gone.icc", () => {}, "output profile not found"),
  {
    group: "press profile",
    input: "`--output-profile` /dev/zero",
    gets: "`/dev/zero: this is a device, a pipe or a socket, not a regular file`",
    outcome: "refused",
    args: [...PRINT, "--output-profile", "/dev/zero"],
    setup: (dir) => void writeLayout(dir, page([story()])),
    check: (r) => expectRefused(r, /^paiban: \/dev\/zero: this is a device, a pipe or a socket, not a regular file$/),
  },
  {
    group: "press profile",
    input: "`--output-condition` without a profile",
    gets: "`--output-condition names the condition of a press profile: give the profile too (…)`; usage error",
    outcome: "usage",
    args: [...PRINT, "--output-condition", "IFRA26"],
    setup: (dir) => void writeLayout(dir, page([story()])),
    check: (r) => expectUsage(r, /^paiban: --output-condition names the condition of a press profile: give the profile too/),
  },
  {
    group: "press profile",
    input: "`--output-profile` given an empty name",
    gets: "`--output-profile needs the path of an ICC profile`; usage error",
    outcome: "usage",
    args: [...PRINT, "--output-profile", ""],
    setup: (dir) => void writeLayout(dir, page([story()])),
    check: (r) => expectUsage(r, /^paiban: --output-profile needs the path of an ICC profile/),
  },
  {
    group: "press profile",
    input: "`--out` naming the `--output-profile` file",
    gets: "`--out press.icc would overwrite a file the render reads (press.icc); name another output file`; usage error",
    outcome: "usage",
    out: "press.icc",
    args: [...PRINT, "--output-profile", "press.icc"],
    setup: withProfile("press.icc", (f) => copyFileSync(PRESS_PROFILE, f)),
    check: (r) => {
      expectUsage(r, /^paiban: --out press\.icc would overwrite a file the render reads \(press\.icc\); name another output file$/);
      expect(readFileSync(join(r.dir, "press.icc")).equals(readFileSync(PRESS_PROFILE))).toBe(true);
    },
  },
  {
    group: "press profile",
    input: 'layout "output": `--out` naming its profile',
    gets: "`--out plant/press.icc would overwrite a file the layout reads (…/plant/press.icc); name another output file`; usage error",
    outcome: "usage",
    out: "plant/press.icc",
    args: PRINT,
    setup: (dir) => {
      mkdirSync(join(dir, "plant"));
      copyFileSync(PRESS_PROFILE, join(dir, "plant", "press.icc"));
      writeLayout(dir, { ...page([story()]), output: { profile: "plant/press.icc" } });
    },
    check: (r) => {
      expectUsage(r, /^paiban: --out plant\/press\.icc would overwrite a file the layout reads \(\/.*plant\/press\.icc\); name another output file$/);
      expect(readFileSync(join(r.dir, "plant", "press.icc")).equals(readFileSync(PRESS_PROFILE))).toBe(true);
    },
  },
  {
    group: "press profile",
    input: "`--output-profile` in proof mode",
    gets: "renders the sRGB proof; warning `--output-profile and --output-condition are for print; the proof is sRGB and ignores them`",
    outcome: "warned",
    args: ["--output-profile", "press.icc"],
    setup: withProfile("press.icc", (f) => copyFileSync(PRESS_PROFILE, f)),
    check: (r) => {
      const rep = expectRendered(r);
      expect(rep.warnings.filter((w) => w.message.startsWith("--output-profile")).length).toBe(1);
      expect(r.stderr).toContain("paiban: warning: --output-profile and --output-condition are for print; the proof is sRGB and ignores them");
    },
  },
  {
    group: "press profile",
    input: 'layout "output": an RGB profile',
    gets: '`layout.json: output.profile: output profile "rgb.icc": this is an RGB profile; …` (also from `validate`)',
    outcome: "refused",
    setup: (dir) => {
      writeFileSync(join(dir, "rgb.icc"), BAD_PROFILES.rgb());
      writeLayout(dir, { ...page([story()]), output: { profile: "rgb.icc" } });
    },
    check: (r) => expectRefused(r, /^paiban: layout\.json: output\.profile: output profile "rgb\.icc": this is an RGB profile; the output intent of a PDF\/X-1a file is a CMYK printing condition/),
  },
  {
    group: "press profile",
    input: 'layout "output": a profile in a folder beside the layout, with its condition',
    gets: "print separates with it and embeds it as DestOutputProfile, OutputConditionIdentifier as given",
    outcome: "clean",
    args: PRINT,
    setup: (dir) => {
      mkdirSync(join(dir, "plant"));
      copyFileSync(PRESS_PROFILE, join(dir, "plant", "press.icc"));
      writeLayout(dir, { ...page([story()]), output: { profile: "plant/press.icc", condition: "CGATS TR 002", registry: "http://www.color.org" } });
    },
    check: async (r) => {
      expectRendered(r);
      await expectEmbedded(r, "CGATS TR 002");
    },
  },
  {
    group: "press profile",
    input: "`--output-profile` over the layout's profile",
    gets: "the command line's profile is embedded, named by its description",
    outcome: "clean",
    args: [...PRINT, "--output-profile", "press.icc"],
    setup: (dir) => {
      copyFileSync(PRESS_PROFILE, join(dir, "press.icc"));
      copyFileSync(join(import.meta.dirname, "../../assets/icc/paiban-cmyk-tac240.icc"), join(dir, "default.icc"));
      writeLayout(dir, { ...page([story()]), output: { profile: "default.icc", condition: "FOGRA39" } });
    },
    check: async (r) => {
      expectRendered(r);
      await expectEmbedded(r, PRESS_DESCRIPTION);
    },
  },
];
