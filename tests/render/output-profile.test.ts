/**
 * Issue 12, separation intent vs. declared condition: a plant's press profile separates the
 * photos and is embedded, byte for byte, as the OutputIntent's DestOutputProfile under the
 * condition the plant names (else the profile's description); a profile that cannot be a
 * PDF/X-1a:2001 output intent is refused with one line naming the file; without one the
 * default stays (the shipped profile, declared as the registered FOGRA39, nothing embedded).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, PDFNumber, decodePDFRawStream } from "pdf-lib";
import { headerProblem, outputProfileProblem, readIccHeader, readIccProfile } from "../../src/common/icc.js";
import { PaibanError } from "../../src/common/diagnostics.js";
import { chooseOutputProfile, loadOutputProfile } from "../../src/pipeline/output-profile.js";
import { writePdf } from "../../src/render/pdf.js";
import { preflight } from "../../src/preflight/preflight.js";
import { BAD_PROFILES, PRESS_DESCRIPTION, PRESS_PROFILE, pressProfile } from "../fixtures/icc/profiles.js";
import { makeAlphaPng, makePhoto, sampleDocument, tempDir } from "./helpers.js";

function problemOf(bytes: Buffer): string | undefined {
  const facts = readIccProfile(bytes);
  return "problem" in facts ? facts.problem : outputProfileProblem(facts);
}

describe("an output profile is a CMYK output profile of ICC version 2, or refused", () => {
  it("the test press profile: CMYK, output class, version 2.2, described", () => {
    const facts = readIccProfile(pressProfile());
    expect(facts).toMatchObject({ colourSpace: "CMYK", deviceClass: "prtr", version: 2, versionText: "2.2.0", description: PRESS_DESCRIPTION });
    expect(problemOf(pressProfile())).toBeUndefined();
  });

  it.each([
    ["not an ICC profile", Buffer.from("this is not a profile\n".repeat(20)), /^not an ICC profile \(no 'acsp' signature/],
    ["a truncated profile", BAD_PROFILES.truncated(), /^damaged ICC profile: truncated \(its header says 76744 bytes, the file has 30697\)$/],
    ["a tag past the end", BAD_PROFILES.tagOutside(), /^damaged ICC profile: tag 'A2B0' lies outside the profile/],
    ["an RGB profile", BAD_PROFILES.rgb(), /^this is an RGB profile; the output intent of a PDF\/X-1a file is a CMYK printing condition/],
    ["a Lab profile", BAD_PROFILES.lab(), /^this is a Lab profile/],
    ["a Gray profile", BAD_PROFILES.gray(), /^this is a Gray profile/],
    ["a display profile", BAD_PROFILES.display(), /^this is a display \(monitor\) profile, not an output \(printer\) profile/],
    ["a version 4 profile", BAD_PROFILES.v4(), /^this is an ICC version 4\.2\.0 profile; a PDF\/X-1a:2001 file \(PDF 1\.3\) can embed only version 2 profiles/],
    ["a profile without B2A0", BAD_PROFILES.noB2A0(), /^damaged or incomplete output profile: it has no B2A0 table/],
  ])("%s is refused", (_, bytes, message) => {
    expect(problemOf(bytes)).toMatch(message);
  });

  it("the header alone (what `paiban validate` reads of a layout's profile) says the class, space and version", () => {
    const header = (b: Buffer) => {
      const h = readIccHeader(b.subarray(0, 128));
      return "problem" in h ? h.problem : headerProblem(h);
    };
    expect(header(pressProfile())).toBeUndefined();
    expect(header(BAD_PROFILES.rgb())).toMatch(/^this is an RGB profile/);
    expect(header(BAD_PROFILES.display())).toMatch(/display \(monitor\)/);
  });
});

describe("loadOutputProfile: the file read with the checked reader, named for the OutputIntent", () => {
  it("names the condition by the profile's description unless the plant names it", async () => {
    const own = await loadOutputProfile(PRESS_PROFILE, {});
    expect([own.identifier, own.condition, own.registry]).toEqual([PRESS_DESCRIPTION, PRESS_DESCRIPTION, undefined]);
    expect(own.info).toMatch(/^paiban test press: .* \(Built by paiban with ArgyllCMS colprof from TR002\.ti3/);
    expect(own.bytes.equals(pressProfile())).toBe(true);
    const named = await loadOutputProfile(PRESS_PROFILE, { condition: "CGATS TR 002", registry: "http://www.color.org", info: "SNAP coldset newsprint" });
    expect([named.identifier, named.condition, named.registry, named.info]).toEqual(["CGATS TR 002", PRESS_DESCRIPTION, "http://www.color.org", "SNAP coldset newsprint"]);
  });

  it.each([
    ["a folder", (d: string) => (mkdirSync(join(d, "f.icc")), join(d, "f.icc")), /^this is a folder, not a file$/],
    ["a device", () => "/dev/zero", /^this is a device, a pipe or a socket, not a regular file$/],
    ["a missing file", (d: string) => join(d, "gone.icc"), /^output profile not found$/],
    ["an RGB profile", (d: string) => (writeFileSync(join(d, "rgb.icc"), BAD_PROFILES.rgb()), join(d, "rgb.icc")), /^this is an RGB profile/],
  ])("refuses %s with one message naming the file", async (_, make, message) => {
    const file = make(tempDir("paiban-icc-"));
    const err = await loadOutputProfile(file, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaibanError);
    expect((err as PaibanError).file).toBe(file);
    expect((err as PaibanError).message).toMatch(message);
  });

  it("the command line's profile wins over the layout's, with its own condition; a condition alone renames the layout's", () => {
    const layout = { profile: "/l.icc", condition: "L", info: "layout info" };
    expect(chooseOutputProfile({ profile: "/c.icc" }, layout)).toEqual({ profile: "/c.icc" });
    expect(chooseOutputProfile({ condition: "C" }, layout)).toEqual({ profile: "/l.icc", condition: "C", info: "layout info" });
    expect(chooseOutputProfile({}, undefined)).toEqual({});
  });
});

/** The GTS_PDFX OutputIntent of a PDF: its keys as text, and DestOutputProfile's bytes and /N. */
async function outputIntent(file: string) {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const intents = doc.catalog.lookup(PDFName.of("OutputIntents"), PDFArray);
  expect(intents.size()).toBe(1);
  const intent = intents.lookup(0, PDFDict);
  const text = (key: string) => {
    const v = intent.lookup(PDFName.of(key));
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const dest = intent.lookup(PDFName.of("DestOutputProfile"));
  let profile: { bytes: Buffer; n: number } | undefined;
  if (dest instanceof PDFRawStream) {
    profile = { bytes: Buffer.from(decodePDFRawStream(dest).decode()), n: (dest.dict.lookup(PDFName.of("N"), PDFNumber)).asNumber() };
  }
  return {
    identifier: text("OutputConditionIdentifier"),
    condition: text("OutputCondition"),
    registry: text("RegistryName"),
    info: text("Info"),
    profile,
  };
}

/** Mean C, M, Y, K (0–255) of the first CMYK image of a print PDF. */
async function photoMeans(file: string): Promise<number[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFRawStream) || obj.dict.get(PDFName.of("Subtype")) !== PDFName.of("Image")) continue;
    if (obj.dict.get(PDFName.of("ColorSpace")) !== PDFName.of("DeviceCMYK")) continue;
    const stats = await sharp(Buffer.from(obj.contents)).stats();
    // sharp reads our Adobe CMYK JPEGs as ink values; four channels.
    return stats.channels.map((c) => c.mean);
  }
  throw new Error("no CMYK image");
}

describe("print with a plant's profile", () => {
  let dir = "";
  let plain = "";
  let pressed = "";
  let named = "";
  beforeAll(async () => {
    dir = tempDir("paiban-press-");
    const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
    const cacheDir = join(dir, "cache");
    plain = join(dir, "plain.pdf");
    pressed = join(dir, "press.pdf");
    named = join(dir, "named.pdf");
    await writePdf(doc, { out: plain, mode: "print", cacheDir });
    await writePdf(doc, { out: pressed, mode: "print", cacheDir, outputProfile: await loadOutputProfile(PRESS_PROFILE, {}) });
    const condition = { condition: "CGATS TR 002", registry: "http://www.color.org", info: "SNAP coldset newsprint" };
    await writePdf(doc, { out: named, mode: "print", cacheDir, outputProfile: await loadOutputProfile(PRESS_PROFILE, condition) });
  }, 120_000);

  it("without one: the registered FOGRA39 condition, no profile embedded (as before)", async () => {
    const intent = await outputIntent(plain);
    expect([intent.identifier, intent.registry, intent.profile]).toEqual(["FOGRA39", "http://www.color.org", undefined]);
  });

  it("embeds exactly the profile's bytes as DestOutputProfile (N 4), named by its description", async () => {
    const intent = await outputIntent(pressed);
    expect(intent.profile?.n).toBe(4);
    expect(intent.profile?.bytes.equals(pressProfile())).toBe(true);
    expect([intent.identifier, intent.condition, intent.registry]).toEqual([PRESS_DESCRIPTION, PRESS_DESCRIPTION, undefined]);
  });

  it("declares the condition the plant names", async () => {
    const intent = await outputIntent(named);
    expect([intent.identifier, intent.condition, intent.registry, intent.info]).toEqual(["CGATS TR 002", PRESS_DESCRIPTION, "http://www.color.org", "SNAP coldset newsprint"]);
    expect(intent.profile?.bytes.equals(pressProfile())).toBe(true);
  });

  it("separates the photo with it: the newsprint profile's inks differ from the default's", async () => {
    const [a, b] = [await photoMeans(plain), await photoMeans(pressed)];
    const diff = a.map((v, i) => Math.abs(v - b[i]!));
    // Measured: the channels' means move by several units of 255 (newsprint's dot gain and black generation).
    expect(Math.max(...diff)).toBeGreaterThan(5);
  });

  it("preflight finds nothing the default's file does not have, and reads the declared condition", async () => {
    const [p, q] = [await preflight(plain), await preflight(pressed)];
    expect(q.problems.map((x) => x.code)).toEqual(p.problems.map((x) => x.code));
    expect(q.problems.filter((x) => x.code.startsWith("pdfx"))).toEqual([]);
    expect(q.facts.pdfx.outputIntent).toBe(PRESS_DESCRIPTION);
  });

  it("a profile whose tables Little CMS cannot read is refused before the file is written", async () => {
    const file = join(dir, "damaged.icc");
    writeFileSync(file, BAD_PROFILES.damagedTable());
    const profile = await loadOutputProfile(file, {}); // structurally sound
    const out = join(dir, "damaged.pdf");
    const doc = sampleDocument(await makePhoto(dir), await makeAlphaPng(dir));
    const err = await writePdf(doc, { out, mode: "print", cacheDir: join(dir, "cache"), outputProfile: profile }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaibanError);
    expect((err as PaibanError).format()).toBe(`${file}: Little CMS cannot separate with this profile (damaged tables?)`);
    expect(existsSync(out)).toBe(false);
  });
});
