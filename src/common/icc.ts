/**
 * A press's ICC output profile, as print needs it: read from its header and tag table (ICC.1,
 * the profile format of ISO 15076-1), checked to be what PDF/X-1a:2001 can name as the
 * output intent, and described for the OutputIntent.
 *
 * PDF/X-1a's output intent is a CMYK printing condition, so the profile must be an output
 * ('prtr') profile of the CMYK colour space with the tables that separate (B2A0) and
 * characterize (A2B0). The file is PDF 1.3, whose ICCBased colour spaces are ICC version 2
 * profiles (ICC.1:1998-09; version 4 came with PDF 1.5): a version 4 profile is refused and
 * the plant asked for its version 2 file. Pure functions over the bytes: no I/O here.
 */
import { createHash } from "node:crypto";

/** The largest profile read: real press profiles are 0.1–5 MB. */
export const MAX_PROFILE_BYTES = 16 * 1024 * 1024;

/** What the 128-byte header of a profile says. */
export interface IccHeader {
  /** Major version (2, 4). */
  version: number;
  /** "2.2.0". */
  versionText: string;
  /** Device class: 'prtr', 'mntr', 'scnr', … (four characters). */
  deviceClass: string;
  /** Colour space: 'CMYK', 'RGB ', 'GRAY', 'Lab ', … (four characters). */
  colourSpace: string;
}

/** What the header and tags of a profile say. */
export interface IccFacts {
  /** Major version (2, 4). */
  version: number;
  /** "2.2.0". */
  versionText: string;
  /** Device class: 'prtr', 'mntr', 'scnr', … (four characters). */
  deviceClass: string;
  /** Colour space: 'CMYK', 'RGB ', 'GRAY', 'Lab ', … (four characters). */
  colourSpace: string;
  /** Tag signatures present. */
  tags: string[];
  /** The profile's description (desc tag), "" when it has none readable. */
  description: string;
  /** The copyright text (cprt tag), "" when none. */
  copyright: string;
}

/** The profile as print uses it: its bytes, separated with and embedded as they are. */
export interface OutputProfile {
  /** The file as it was given (messages). */
  file: string;
  bytes: Buffer;
  /** First 16 hex digits of the SHA-256 of the bytes: names the separation table and photo cache entries. */
  digest: string;
  facts: IccFacts;
  /** The OutputIntent's OutputConditionIdentifier. */
  identifier: string;
  /** The OutputIntent's OutputCondition (human-readable name of the condition). */
  condition: string;
  /** The OutputIntent's Info. */
  info: string;
  /** The OutputIntent's RegistryName, when the condition is a registered one. */
  registry?: string;
}

/** How a plant names its condition besides the profile (layout "output", --output-condition). */
export interface OutputConditionNames {
  condition?: string;
  registry?: string;
  info?: string;
}

const CLASS_NAMES: Record<string, string> = {
  mntr: "a display (monitor) profile",
  scnr: "an input (scanner or camera) profile",
  link: "a device link",
  abst: "an abstract profile",
  spac: "a colour space conversion profile",
  nmcl: "a named colour profile",
};

const SPACE_NAMES: Record<string, string> = {
  "RGB ": "an RGB",
  GRAY: "a Gray",
  "Lab ": "a Lab",
  "XYZ ": "an XYZ",
  "CMY ": "a CMY",
};

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, end)).toString("latin1");
}

/** Printable text of a tag value: up to the first NUL, controls dropped, spaces collapsed. */
function clean(text: string): string {
  return text
    .split("\0")[0]!
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The text of a 'desc' (v2 textDescriptionType), 'mluc' (v4) or 'text' tag. */
function tagText(bytes: Buffer, offset: number, size: number): string {
  if (size < 12) return "";
  const type = ascii(bytes, offset, offset + 4);
  const end = offset + size;
  if (type === "desc") {
    const count = bytes.readUInt32BE(offset + 8);
    return clean(ascii(bytes, offset + 12, Math.min(end, offset + 12 + count)));
  }
  if (type === "text") return clean(ascii(bytes, offset + 8, end));
  if (type === "mluc" && size >= 16) {
    const records = bytes.readUInt32BE(offset + 8);
    const recordSize = bytes.readUInt32BE(offset + 12);
    if (records < 1 || recordSize < 12 || offset + 16 + recordSize > end) return "";
    // The first record (en-US by convention); its length and offset (from the tag's start) in bytes.
    const length = bytes.readUInt32BE(offset + 16 + 4);
    const at = offset + bytes.readUInt32BE(offset + 16 + 8);
    if (at + length > end) return "";
    const units = bytes.subarray(at, at + (length & ~1));
    return clean(Buffer.from(units).swap16().toString("utf16le"));
  }
  return "";
}

/** The header of an ICC profile (its first 128 bytes or more), or why it is none. */
export function readIccHeader(bytes: Buffer): IccHeader | { problem: string } {
  if (bytes.length < 128 || ascii(bytes, 36, 40) !== "acsp") {
    return { problem: "not an ICC profile (no 'acsp' signature in a 128-byte header)" };
  }
  const version = bytes[8]!;
  return {
    version,
    versionText: `${version}.${bytes[9]! >> 4}.${bytes[9]! & 15}`,
    deviceClass: ascii(bytes, 12, 16),
    colourSpace: ascii(bytes, 16, 20),
  };
}

/**
 * The facts of an ICC profile, or the reason it is none (damaged or truncated), as a message
 * that finishes "paiban: FILE: ".
 */
export function readIccProfile(bytes: Buffer): IccFacts | { problem: string } {
  const header = readIccHeader(bytes);
  if ("problem" in header) return header;
  if (bytes.length < 132) return { problem: "damaged ICC profile: truncated after its header" };
  const declared = bytes.readUInt32BE(0);
  if (declared > bytes.length) {
    return { problem: `damaged ICC profile: truncated (its header says ${declared} bytes, the file has ${bytes.length})` };
  }
  if (declared < 132) return { problem: `damaged ICC profile: its header gives a size of ${declared} bytes` };
  const count = bytes.readUInt32BE(128);
  if (132 + count * 12 > declared) return { problem: `damaged ICC profile: its tag table (${count} tags) runs past the end of the profile` };
  const tags: string[] = [];
  const where = new Map<string, { offset: number; size: number }>();
  for (let i = 0; i < count; i++) {
    const at = 132 + i * 12;
    const sig = ascii(bytes, at, at + 4);
    const offset = bytes.readUInt32BE(at + 4);
    const size = bytes.readUInt32BE(at + 8);
    if (offset < 128 || offset + size > declared) {
      return { problem: `damaged ICC profile: tag '${clean(sig)}' lies outside the profile (offset ${offset}, ${size} bytes, profile ${declared} bytes)` };
    }
    tags.push(sig);
    where.set(sig, { offset, size });
  }
  const text = (sig: string) => {
    const t = where.get(sig);
    return t ? tagText(bytes, t.offset, t.size) : "";
  };
  return {
    ...header,
    tags,
    description: text("desc"),
    copyright: text("cprt"),
  };
}

/**
 * Why a profile cannot be a PDF/X-1a:2001 output intent (a message finishing "paiban: FILE: "),
 * or undefined when it can.
 */
export function outputProfileProblem(facts: IccFacts): string | undefined {
  return headerProblem(facts) ?? missingTables(facts);
}

/** What the header alone says against an output intent (also `paiban validate`, from 128 bytes). */
export function headerProblem(facts: IccHeader): string | undefined {
  const space = facts.colourSpace;
  if (space !== "CMYK") {
    const name = SPACE_NAMES[space] ?? `a '${clean(space)}'`;
    return `this is ${name} profile; the output intent of a PDF/X-1a file is a CMYK printing condition: give the press's CMYK output profile`;
  }
  if (facts.deviceClass !== "prtr") {
    const name = CLASS_NAMES[facts.deviceClass] ?? `a '${clean(facts.deviceClass)}' profile`;
    return `this is ${name}, not an output (printer) profile: give the press's CMYK output profile`;
  }
  if (facts.version !== 2) {
    return `this is an ICC version ${facts.versionText} profile; a PDF/X-1a:2001 file (PDF 1.3) can embed only version 2 profiles: ask the plant for the version 2 file of its profile`;
  }
  return undefined;
}

function missingTables(facts: IccFacts): string | undefined {
  for (const tag of ["A2B0", "B2A0"]) {
    if (!facts.tags.includes(tag)) {
      return `damaged or incomplete output profile: it has no ${tag} table (${tag === "B2A0" ? "colour to ink, what separation uses" : "ink to colour"})`;
    }
  }
  return undefined;
}

/** The profile's digest: first 16 hex digits of SHA-256. */
export function profileDigest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 16);
}

/**
 * The OutputIntent's names for a plant's profile: the condition the plant gave, else the
 * profile's own description (else the file name); Info the plant's, else the description.
 */
export function outputIntentNames(facts: IccFacts, fileName: string, given: OutputConditionNames): Pick<OutputProfile, "identifier" | "condition" | "info" | "registry"> {
  const description = facts.description || fileName;
  return {
    identifier: given.condition ?? description,
    condition: description,
    info: given.info ?? (facts.copyright ? `${description} (${facts.copyright})` : description),
    ...(given.registry !== undefined && { registry: given.registry }),
  };
}
