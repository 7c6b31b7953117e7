/**
 * A content-stream reader for preflight: tokenizes page-description operators and keeps just
 * enough graphics state (CTM, colours, text state) to say what is painted where, in which
 * colour space, and — for tests — where every glyph lands.
 *
 * It is independent of the writer: it knows the PDF operators, not paiban.
 */

export type Operand = number | string | Operand[] | { name: string } | { dict: Map<string, Operand> } | { bytes: Uint8Array };

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n (apply m first, then n), PDF's row-vector convention. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export function apply(m: Matrix, x: number, y: number): { x: number; y: number } {
  return { x: m[0] * x + m[2] * y + m[4], y: m[1] * x + m[3] * y + m[5] };
}

export interface Token {
  kind: "operand" | "operator";
  value: Operand;
  op?: string;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function isRegular(b: number): boolean {
  return !WHITESPACE.has(b) && !DELIMITERS.has(b);
}

/** A pull tokenizer over a decoded content stream. */
export class Tokenizer {
  pos = 0;
  constructor(private readonly data: Uint8Array) {}

  private skipSpace(): void {
    const d = this.data;
    while (this.pos < d.length) {
      const b = d[this.pos]!;
      if (WHITESPACE.has(b)) this.pos++;
      else if (b === 0x25) {
        while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  private literalString(): Uint8Array {
    const d = this.data;
    const out: number[] = [];
    let depth = 1;
    this.pos++; // (
    while (this.pos < d.length) {
      const b = d[this.pos++]!;
      if (b === 0x5c) {
        const e = d[this.pos++]!;
        const map: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12 };
        if (map[e] !== undefined) out.push(map[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let i = 0; i < 2 && d[this.pos]! >= 0x30 && d[this.pos]! <= 0x37; i++) v = v * 8 + (d[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (d[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (b === 0x28) {
        depth++;
        out.push(b);
      } else if (b === 0x29) {
        if (--depth === 0) break;
        out.push(b);
      } else out.push(b);
    }
    return Uint8Array.from(out);
  }

  private hexString(): Uint8Array {
    const d = this.data;
    this.pos++; // <
    let hex = "";
    while (this.pos < d.length && d[this.pos] !== 0x3e) {
      const c = d[this.pos++]!;
      if (!WHITESPACE.has(c)) hex += String.fromCharCode(c);
    }
    this.pos++; // >
    if (hex.length % 2) hex += "0";
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
    return out;
  }

  private name(): string {
    const d = this.data;
    this.pos++; // /
    let s = "";
    while (this.pos < d.length && isRegular(d[this.pos]!)) {
      const b = d[this.pos++]!;
      if (b === 0x23 && this.pos + 1 < d.length) {
        s += String.fromCharCode(parseInt(String.fromCharCode(d[this.pos]!, d[this.pos + 1]!), 16));
        this.pos += 2;
      } else s += String.fromCharCode(b);
    }
    return s;
  }

  private word(): string {
    const d = this.data;
    const start = this.pos;
    while (this.pos < d.length && isRegular(d[this.pos]!)) this.pos++;
    return String.fromCharCode(...d.subarray(start, this.pos));
  }

  /** The next token, or null at the end. */
  next(): Token | null {
    this.skipSpace();
    const d = this.data;
    if (this.pos >= d.length) return null;
    const b = d[this.pos]!;
    if (b === 0x28) return { kind: "operand", value: { bytes: this.literalString() } };
    if (b === 0x2f) return { kind: "operand", value: { name: this.name() } };
    if (b === 0x3c) {
      if (d[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { kind: "operand", value: { dict: this.dictBody() } };
      }
      return { kind: "operand", value: { bytes: this.hexString() } };
    }
    if (b === 0x5b) {
      this.pos++;
      const items: Operand[] = [];
      for (;;) {
        this.skipSpace();
        if (this.pos >= d.length) break;
        if (d[this.pos] === 0x5d) {
          this.pos++;
          break;
        }
        const t = this.next();
        if (!t) break;
        items.push(t.kind === "operand" ? t.value : (t.op ?? ""));
      }
      return { kind: "operand", value: items };
    }
    if (b === 0x5d || b === 0x3e || b === 0x29 || b === 0x7b || b === 0x7d) {
      this.pos++; // stray delimiter: skip
      return this.next();
    }
    const w = this.word();
    if (w === "") {
      this.pos++;
      return this.next();
    }
    const n = Number(w);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w) && Number.isFinite(n)) return { kind: "operand", value: n };
    return { kind: "operator", value: w, op: w };
  }

  private dictBody(): Map<string, Operand> {
    const map = new Map<string, Operand>();
    const d = this.data;
    for (;;) {
      this.skipSpace();
      if (this.pos >= d.length) break;
      if (d[this.pos] === 0x3e && d[this.pos + 1] === 0x3e) {
        this.pos += 2;
        break;
      }
      const key = this.next();
      const value = this.next();
      if (!key || !value) break;
      if (typeof key.value === "object" && "name" in key.value) map.set(key.value.name, value.kind === "operand" ? value.value : (value.op ?? ""));
    }
    return map;
  }

  /** After an `ID` operator: skip the inline image data up to `EI`. */
  skipInlineImage(): void {
    const d = this.data;
    this.pos++; // the single white-space after ID
    while (this.pos < d.length - 2) {
      if (
        d[this.pos] === 0x45 &&
        d[this.pos + 1] === 0x49 &&
        WHITESPACE.has(d[this.pos - 1]!) &&
        (this.pos + 2 >= d.length || WHITESPACE.has(d[this.pos + 2]!))
      ) {
        this.pos += 2;
        return;
      }
      this.pos++;
    }
    this.pos = d.length;
  }
}

export function isName(o: Operand | undefined): o is { name: string } {
  return typeof o === "object" && o !== null && !Array.isArray(o) && "name" in o;
}
export function isBytes(o: Operand | undefined): o is { bytes: Uint8Array } {
  return typeof o === "object" && o !== null && !Array.isArray(o) && "bytes" in o;
}

/** What a colour operator set: a colour space family and its components. */
export interface Colour {
  space: string;
  components: number[];
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Font facts the scanner needs to advance the pen. */
export interface ScanFont {
  /** Bytes per character code (2 for Identity-H Type0, 1 for simple fonts). */
  codeBytes: 1 | 2;
  /** Advance of a code in 1/1000 text space units. */
  width(code: number): number;
}

/** The reader's questions to its host (resources live in the PDF object graph). */
export interface ScanHost {
  /**
   * Colour space family for a colour space name in content: a device space (DeviceRGB, or an
   * inline image's abbreviation RGB), Pattern, or a named resource (e.g. "ICCBased").
   */
  colourSpace(name: string): string;
  font(name: string): ScanFont | null;
  /** An XObject: an image (paint it) or a form (scan it with its own host and matrix). */
  xobject(name: string, ctm: Matrix): void;
  /** A graphics state resource was set. */
  graphicsState(name: string): void;
  /** A shading was painted (sh). */
  shading(name: string, ctm: Matrix): void;
  /** Something was painted with this colour, covering this box (default user space). */
  painted(colour: Colour, box: Box, what: "fill" | "stroke" | "text"): void;
  /** A colour was selected (even if never painted). */
  colourSet(colour: Colour): void;
  /** An inline image (BI … ID … EI). */
  inlineImage(params: Map<string, Operand>, ctm: Matrix): void;
  /** Optional: every shown glyph, its code and origin in default user space. */
  glyph?(g: { font: string; code: number; x: number; y: number; size: number }): void;
}

interface TextState {
  font: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  scale: number;
  leading: number;
  rise: number;
}

interface GraphicsState {
  ctm: Matrix;
  fill: Colour;
  stroke: Colour;
  text: TextState;
}

function nums(ops: Operand[]): number[] {
  return ops.filter((o): o is number => typeof o === "number");
}

/** Interpret one content stream. */
export function scanContent(data: Uint8Array, host: ScanHost, baseCtm: Matrix = IDENTITY): void {
  const tok = new Tokenizer(data);
  let gs: GraphicsState = {
    ctm: baseCtm,
    fill: { space: "DeviceGray", components: [0] },
    stroke: { space: "DeviceGray", components: [0] },
    text: { font: "", size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 },
  };
  const stack: GraphicsState[] = [];
  // The current path as subpaths of device points: a stroke of many short marks outside the
  // trim must not look like one box spanning the page.
  let path: { x: number; y: number }[][] = [];
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let operands: Operand[] = [];

  const newSubpath = () => path.push([]);
  const addPoint = (x: number, y: number) => {
    if (path.length === 0) newSubpath();
    path[path.length - 1]!.push(apply(gs.ctm, x, y));
  };
  const boxOf = (points: { x: number; y: number }[]): Box => {
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  };
  const paintPath = (fill: boolean, stroke: boolean) => {
    for (const sub of path) {
      if (sub.length === 0) continue;
      const box = boxOf(sub);
      if (fill) host.painted(gs.fill, box, "fill");
      if (stroke) host.painted(gs.stroke, box, "stroke");
    }
    path = [];
  };
  const setColour = (which: "fill" | "stroke", colour: Colour) => {
    gs = { ...gs, [which]: colour };
    host.colourSet(colour);
  };
  const showText = (items: Operand[]) => {
    const font = host.font(gs.text.font);
    const t = gs.text;
    for (const item of items) {
      if (typeof item === "number") {
        tm = multiply([1, 0, 0, 1, (-item / 1000) * t.size * t.scale, 0], tm);
        continue;
      }
      if (!isBytes(item)) continue;
      const bytes = item.bytes;
      const step = font?.codeBytes ?? 1;
      for (let i = 0; i + step - 1 < bytes.length; i += step) {
        const code = step === 2 ? (bytes[i]! << 8) | bytes[i + 1]! : bytes[i]!;
        const trm = multiply(tm, gs.ctm);
        const origin = apply(trm, 0, t.rise);
        host.glyph?.({ font: t.font, code, x: origin.x, y: origin.y, size: t.size });
        host.painted(gs.fill, { x0: origin.x, y0: origin.y, x1: origin.x, y1: origin.y }, "text");
        const w = font ? font.width(code) : 0;
        const space = step === 1 && code === 32 ? t.wordSpacing : 0;
        const tx = ((w / 1000) * t.size + t.charSpacing + space) * t.scale;
        tm = multiply([1, 0, 0, 1, tx, 0], tm);
      }
    }
  };

  for (let token = tok.next(); token; token = tok.next()) {
    if (token.kind === "operand") {
      operands.push(token.value);
      continue;
    }
    const op = token.op!;
    const n = nums(operands);
    switch (op) {
      case "q":
        stack.push(gs);
        break;
      case "Q":
        gs = stack.pop() ?? gs;
        break;
      case "cm":
        if (n.length === 6) gs = { ...gs, ctm: multiply(n as Matrix, gs.ctm) };
        break;
      case "gs":
        if (isName(operands[0])) host.graphicsState(operands[0].name);
        break;
      // colour
      case "g":
        setColour("fill", { space: "DeviceGray", components: n });
        break;
      case "G":
        setColour("stroke", { space: "DeviceGray", components: n });
        break;
      case "rg":
        setColour("fill", { space: "DeviceRGB", components: n });
        break;
      case "RG":
        setColour("stroke", { space: "DeviceRGB", components: n });
        break;
      case "k":
        setColour("fill", { space: "DeviceCMYK", components: n });
        break;
      case "K":
        setColour("stroke", { space: "DeviceCMYK", components: n });
        break;
      case "cs":
        if (isName(operands[0])) setColour("fill", { space: host.colourSpace(operands[0].name), components: [] });
        break;
      case "CS":
        if (isName(operands[0])) setColour("stroke", { space: host.colourSpace(operands[0].name), components: [] });
        break;
      case "sc":
      case "scn":
        gs = { ...gs, fill: { space: gs.fill.space, components: n } };
        break;
      case "SC":
      case "SCN":
        gs = { ...gs, stroke: { space: gs.stroke.space, components: n } };
        break;
      // path construction
      case "m":
        if (n.length >= 2) {
          newSubpath();
          addPoint(n[0]!, n[1]!);
        }
        break;
      case "l":
        if (n.length >= 2) addPoint(n[0]!, n[1]!);
        break;
      case "c":
        if (n.length >= 6) for (let i = 0; i < 6; i += 2) addPoint(n[i]!, n[i + 1]!);
        break;
      case "v":
      case "y":
        if (n.length >= 4) for (let i = 0; i < 4; i += 2) addPoint(n[i]!, n[i + 1]!);
        break;
      case "re":
        if (n.length >= 4) {
          const [x, y, w, h] = n as [number, number, number, number];
          newSubpath();
          addPoint(x, y);
          addPoint(x + w, y);
          addPoint(x, y + h);
          addPoint(x + w, y + h);
        }
        break;
      case "h":
        break;
      // path painting
      case "f":
      case "F":
      case "f*":
        paintPath(true, false);
        break;
      case "S":
      case "s":
        paintPath(false, true);
        break;
      case "B":
      case "B*":
      case "b":
      case "b*":
        paintPath(true, true);
        break;
      case "n":
        path = [];
        break;
      case "W":
      case "W*":
        break;
      // text
      case "BT":
        tm = IDENTITY;
        tlm = IDENTITY;
        break;
      case "ET":
        break;
      case "Tf":
        if (isName(operands[0])) gs = { ...gs, text: { ...gs.text, font: operands[0].name, size: n[0] ?? 0 } };
        break;
      case "Tc":
        gs = { ...gs, text: { ...gs.text, charSpacing: n[0] ?? 0 } };
        break;
      case "Tw":
        gs = { ...gs, text: { ...gs.text, wordSpacing: n[0] ?? 0 } };
        break;
      case "Tz":
        gs = { ...gs, text: { ...gs.text, scale: (n[0] ?? 100) / 100 } };
        break;
      case "TL":
        gs = { ...gs, text: { ...gs.text, leading: n[0] ?? 0 } };
        break;
      case "Ts":
        gs = { ...gs, text: { ...gs.text, rise: n[0] ?? 0 } };
        break;
      case "Td":
        tlm = multiply([1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0], tlm);
        tm = tlm;
        break;
      case "TD":
        gs = { ...gs, text: { ...gs.text, leading: -(n[1] ?? 0) } };
        tlm = multiply([1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0], tlm);
        tm = tlm;
        break;
      case "Tm":
        if (n.length === 6) {
          tlm = n as Matrix;
          tm = tlm;
        }
        break;
      case "T*":
        tlm = multiply([1, 0, 0, 1, 0, -gs.text.leading], tlm);
        tm = tlm;
        break;
      case "Tj":
        showText(operands.slice(0, 1));
        break;
      case "'":
        tlm = multiply([1, 0, 0, 1, 0, -gs.text.leading], tlm);
        tm = tlm;
        showText(operands.slice(0, 1));
        break;
      case '"':
        gs = { ...gs, text: { ...gs.text, wordSpacing: n[0] ?? 0, charSpacing: n[1] ?? 0 } };
        tlm = multiply([1, 0, 0, 1, 0, -gs.text.leading], tlm);
        tm = tlm;
        showText(operands.slice(2, 3));
        break;
      case "TJ":
        if (Array.isArray(operands[0])) showText(operands[0]);
        break;
      // XObjects, shadings, inline images
      case "Do":
        if (isName(operands[0])) host.xobject(operands[0].name, gs.ctm);
        break;
      case "sh":
        if (isName(operands[0])) host.shading(operands[0].name, gs.ctm);
        break;
      case "BI": {
        const params = new Map<string, Operand>();
        for (;;) {
          const key = tok.next();
          if (!key || (key.kind === "operator" && key.op === "ID")) break;
          const value = tok.next();
          if (!value) break;
          if (isName(key.value)) params.set(key.value.name, value.kind === "operand" ? value.value : (value.op ?? ""));
        }
        tok.skipInlineImage();
        host.inlineImage(params, gs.ctm);
        break;
      }
      default:
        break;
    }
    operands = [];
  }
}
