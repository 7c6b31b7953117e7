/**
 * Colour spaces as the plate sees them: which plates a colour puts ink on, and how much.
 *
 * PDF/X-1a allows DeviceCMYK, DeviceGray, Separation and DeviceN (with device CMYK or gray
 * alternates), Indexed over those, and patterns of those. Every space a PDF uses is parsed
 * once into an InkSpace that names its family (for the report), lists what is not allowed in
 * it (an RGB base, a Lab alternate, …) and maps components to ink per plate.
 */
import { PDFDict, PDFStream, type PDFContext, type PDFObject } from "pdf-lib";
import { arrayOf, dictAt, get, nameOf, numberAt, numberOf, resolve, streamBytes } from "./pdf-objects.js";

/** Plates by name: the four process plates first, then spot colours as they turn up. */
export class Plates {
  readonly names: string[] = ["Cyan", "Magenta", "Yellow", "Black"];
  index(name: string): number {
    const i = this.names.indexOf(name);
    if (i >= 0) return i;
    this.names.push(name);
    return this.names.length - 1;
  }
}

/** Ink per plate, 0…1, indexed as Plates. Missing entries are 0. */
export type Ink = number[];

export const totalInk = (ink: Ink): number => ink.reduce((a, b) => a + (b > 0 ? b : 0), 0);

export interface InkSpace {
  /** For the report: DeviceCMYK, DeviceGray, Separation, DeviceN, Indexed/DeviceCMYK, Pattern, DeviceRGB, ICCBased(3), Lab, … */
  family: string;
  /** Families used inside it that PDF/X-1a does not allow, with where (e.g. "DeviceRGB as the alternate of Separation PANTONE 185"). */
  forbidden: { family: string; where: string }[];
  /** Number of colour components. */
  n: number;
  /** Ink of a colour given its components; undefined when the space is not a print space (RGB, Lab, …). */
  ink?(components: number[]): Ink;
  /** Whether the space is DeviceCMYK (overprint mode 1 applies only there). */
  cmyk: boolean;
  /** For a Pattern space with a base (uncoloured patterns): the base. */
  base?: InkSpace;
  /** Default Decode range maximum for images (Indexed: 2^bpc − 1). */
  indexed?: boolean;
}

const clamp = (v: number | undefined) => (v === undefined || !(v > 0) ? 0 : v > 1 ? 1 : v);

const DEVICE: Record<string, string> = { G: "DeviceGray", RGB: "DeviceRGB", CMYK: "DeviceCMYK", I: "Indexed", DeviceGray: "DeviceGray", DeviceRGB: "DeviceRGB", DeviceCMYK: "DeviceCMYK" };

function device(name: string): InkSpace {
  if (name === "DeviceCMYK") return { family: name, forbidden: [], n: 4, cmyk: true, ink: (c) => [clamp(c[0]), clamp(c[1]), clamp(c[2]), clamp(c[3])] };
  if (name === "DeviceGray") return { family: name, forbidden: [], n: 1, cmyk: false, ink: (c) => [0, 0, 0, 1 - clamp(c[0] ?? 0)] };
  if (name === "DeviceRGB") return { family: name, forbidden: [{ family: name, where: "" }], n: 3, cmyk: false };
  return { family: name, forbidden: [], n: 1, cmyk: false };
}

/** What a colourant name puts on the plates (All: every plate; None: nothing). */
function colourantInk(plates: Plates, name: string): (tint: number, ink: Ink) => void {
  if (name === "None") return () => {};
  if (name === "All") return (t, ink) => {
    for (let i = 0; i < plates.names.length; i++) ink[i] = Math.max(ink[i] ?? 0, t);
  };
  const i = plates.index(name);
  return (t, ink) => {
    ink[i] = t;
  };
}

export class ColourSpaces {
  private readonly cache = new Map<PDFObject, InkSpace>();
  constructor(
    private readonly ctx: PDFContext,
    readonly plates: Plates,
  ) {}

  /** The space a colour space operand names: a device name, an abbreviation, or a resource. */
  named(name: string, resources: PDFDict | undefined): InkSpace {
    const full = DEVICE[name] ?? name;
    if (full === "Pattern") return { family: "Pattern", forbidden: [], n: 0, cmyk: false };
    if (/^Device(Gray|RGB|CMYK)$/.test(full)) return device(full);
    const named = get(this.ctx, dictAt(this.ctx, resources, "ColorSpace"), name);
    if (named) return this.of(named, resources);
    return { family: full, forbidden: [{ family: full, where: "an undefined colour space name" }], n: 1, cmyk: false };
  }

  /** The space of a colour space object (a name or an array). */
  of(cs: PDFObject | undefined, resources?: PDFDict, depth = 0): InkSpace {
    const v = resolve(this.ctx, cs);
    if (!v) return { family: "unknown", forbidden: [], n: 1, cmyk: false };
    const name = nameOf(v);
    if (name) return depth > 0 && !DEVICE[name] && name !== "Pattern" ? { family: name, forbidden: [], n: 1, cmyk: false } : this.named(name, depth === 0 ? resources : undefined);
    const cached = this.cache.get(v);
    if (cached) return cached;
    const space = depth > 8 ? { family: "unknown", forbidden: [], n: 1, cmyk: false } : this.parse(v, resources, depth);
    this.cache.set(v, space);
    return space;
  }

  private parse(v: PDFObject, resources: PDFDict | undefined, depth: number): InkSpace {
    const ctx = this.ctx;
    const parts = arrayOf(ctx, v);
    const family = nameOf(parts[0]) ?? "unknown";
    const full = DEVICE[family] ?? family;
    if (/^Device(Gray|RGB|CMYK)$/.test(full)) return device(full);
    if (full === "ICCBased") {
      const n = numberAt(ctx, parts[1] instanceof PDFStream ? parts[1].dict : undefined, "N") ?? 0;
      const f = n ? `ICCBased(${n})` : "ICCBased";
      return { family: f, forbidden: [{ family: f, where: "" }], n: n || 1, cmyk: false };
    }
    if (full === "CalRGB" || full === "CalGray" || full === "Lab") {
      return { family: full, forbidden: [{ family: full, where: "" }], n: full === "CalGray" ? 1 : 3, cmyk: false };
    }
    if (full === "Indexed") {
      const base = this.of(parts[1], resources, depth + 1);
      const hival = Math.max(0, Math.min(255, Math.floor(numberOf(parts[2]) ?? 0)));
      const table = lookupBytes(ctx, parts[3]);
      const baseInk = base.ink;
      const n = base.n;
      return {
        family: `Indexed/${base.family}`,
        forbidden: base.forbidden.map((f) => ({ family: f.family, where: f.where || `the base of an Indexed space` })),
        n: 1,
        cmyk: false,
        indexed: true,
        ...(baseInk && {
          ink: (c: number[]) => {
            const i = Math.max(0, Math.min(hival, Math.round(c[0] ?? 0)));
            const comps: number[] = [];
            for (let k = 0; k < n; k++) comps.push((table[i * n + k] ?? 0) / 255);
            return baseInk(comps);
          },
        }),
      };
    }
    if (full === "Separation" || full === "DeviceN") {
      const names = full === "Separation" ? [nameOf(parts[1]) ?? "?"] : arrayOf(ctx, parts[1]).map((x) => nameOf(x) ?? "?");
      const alternate = this.of(parts[2], resources, depth + 1);
      const label = full === "Separation" ? `Separation ${names[0]}` : `DeviceN [${names.join(" ")}]`;
      const forbidden = alternate.forbidden.map((f) => ({ family: f.family, where: `the alternate of ${label}` }));
      if (alternate.family === "Pattern" || alternate.family.startsWith("Indexed") || alternate.family === "Separation" || alternate.family === "DeviceN") {
        forbidden.push({ family: alternate.family, where: `the alternate of ${label} (must be a device space)` });
      }
      // DeviceN's process colourants (and its own attributes' Colorants) count too.
      const attributes = resolve(ctx, parts[4]);
      if (attributes instanceof PDFDict) {
        const process = dictAt(ctx, attributes, "Process");
        if (process) {
          const ps = this.of(get(ctx, process, "ColorSpace"), resources, depth + 1);
          for (const f of ps.forbidden) forbidden.push({ family: f.family, where: `the process space of ${label}` });
        }
        const colorants = dictAt(ctx, attributes, "Colorants");
        if (colorants) {
          for (const [, sep] of colorants.entries()) {
            for (const f of this.of(sep, resources, depth + 1).forbidden) forbidden.push(f);
          }
        }
      }
      const setters = names.map((nm) => colourantInk(this.plates, nm));
      return {
        family: full,
        forbidden,
        n: names.length,
        cmyk: false,
        ink: (c) => {
          const ink: Ink = [];
          setters.forEach((set, k) => set(clamp(c[k]), ink));
          for (let i = 0; i < ink.length; i++) ink[i] ??= 0;
          return ink;
        },
      };
    }
    if (full === "Pattern") {
      const base = parts[1] ? this.of(parts[1], resources, depth + 1) : undefined;
      return {
        family: "Pattern",
        forbidden: base ? base.forbidden.map((f) => ({ family: f.family, where: f.where || "the base of a Pattern space" })) : [],
        n: base?.n ?? 0,
        cmyk: false,
        ...(base && { base }),
      };
    }
    return { family: full, forbidden: [{ family: full, where: "an unknown colour space" }], n: 1, cmyk: false };
  }
}

function lookupBytes(ctx: PDFContext, o: PDFObject | undefined): Uint8Array {
  const v = resolve(ctx, o);
  if (v instanceof PDFStream) return streamBytes(ctx, v, 1 << 20) ?? new Uint8Array();
  const text = v?.toString() ?? "";
  // PDFString / PDFHexString: decode their bytes.
  const asBytes = (v as { asBytes?: () => Uint8Array } | undefined)?.asBytes;
  if (typeof asBytes === "function") return asBytes.call(v);
  return Uint8Array.from(Buffer.from(text, "latin1"));
}
