/**
 * A content-stream reader for preflight: tokenizes page-description operators and keeps just
 * enough graphics state (CTM, colours, text state) to say what is painted where, in which
 * colour space, and — for tests — where every glyph lands.
 *
 * It is independent of the writer: it knows the PDF operators, not paiban.
 */

import { PdfLimitError } from "./pdf-objects.js";

/** Nesting of arrays and dictionaries in content, deeper than any real producer writes. */
const MAX_CONTENT_NESTING = 64;
/** Longest single token (number, name, operator) in content. */
const MAX_TOKEN = 64 << 10;
/** Longest string in content. */
const MAX_STRING = 4 << 20;

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

const REGULAR = new Uint8Array(256).map((_, b) => (WHITESPACE.has(b) || DELIMITERS.has(b) ? 0 : 1));
const SPACE = new Uint8Array(256).map((_, b) => (WHITESPACE.has(b) ? 1 : 0));

function isRegular(b: number): boolean {
  return REGULAR[b] === 1;
}

/** A pull tokenizer over a decoded content stream. */
export class Tokenizer {
  pos = 0;
  constructor(private readonly data: Uint8Array) {}

  private skipSpace(): void {
    const d = this.data;
    while (this.pos < d.length) {
      const b = d[this.pos]!;
      if (SPACE[b]) this.pos++;
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
      if (out.length > MAX_STRING) throw new PdfLimitError(`a string in page content is longer than ${MAX_STRING >> 20} MB`);
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
    const start = this.pos;
    while (this.pos < d.length && d[this.pos] !== 0x3e) this.pos++;
    if (this.pos - start > 2 * MAX_STRING) throw new PdfLimitError(`a string in page content is longer than ${MAX_STRING >> 20} MB`);
    let hex = Buffer.from(d.subarray(start, this.pos)).toString("latin1").replace(/[\s\0]/g, "");
    this.pos++; // >
    if (hex.length % 2) hex += "0";
    return Uint8Array.from(Buffer.from(hex, "hex"));
  }

  private name(): string {
    const d = this.data;
    this.pos++; // /
    let s = "";
    const start = this.pos;
    while (this.pos < d.length && isRegular(d[this.pos]!)) {
      if (this.pos - start > MAX_TOKEN) throw new PdfLimitError(`a name in page content is longer than ${MAX_TOKEN >> 10} KB`);
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
    while (this.pos < d.length && REGULAR[d[this.pos]!]) {
      if (++this.pos - start > MAX_TOKEN) throw new PdfLimitError(`a token in page content is longer than ${MAX_TOKEN >> 10} KB`);
    }
    if (this.pos - start <= 16) {
      let w = "";
      for (let i = start; i < this.pos; i++) w += String.fromCharCode(d[i]!);
      return w;
    }
    return Buffer.from(d.subarray(start, this.pos)).toString("latin1");
  }

  /** The next token, or null at the end. Arrays and dictionaries are read without recursion, to a bounded depth. */
  next(): Token | null {
    this.skipSpace();
    const d0 = this.data;
    if (this.pos >= d0.length) return null;
    const b0 = d0[this.pos]!;
    // The common case: a number, a name or an operator, outside any array.
    if (REGULAR[b0]) {
      const w = this.word();
      const c = w.charCodeAt(0);
      if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
        const n = Number(w);
        if (Number.isFinite(n) && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) return { kind: "operand", value: n };
      }
      return { kind: "operator", value: w, op: w };
    }
    if (b0 === 0x2f) return { kind: "operand", value: { name: this.name() } };
    return this.nested();
  }

  private nested(): Token | null {
    type Frame = { items: Operand[] } | { dict: Map<string, Operand>; key: string | null };
    const frames: Frame[] = [];
    const d = this.data;
    const put = (value: Operand): Token | null => {
      const top = frames[frames.length - 1];
      if (!top) return { kind: "operand", value };
      if ("items" in top) top.items.push(value);
      else if (top.key === null) top.key = isName(value) ? value.name : "";
      else {
        if (top.key) top.dict.set(top.key, value);
        top.key = null;
      }
      return null;
    };
    const open = (frame: Frame) => {
      if (frames.length >= MAX_CONTENT_NESTING) throw new PdfLimitError(`arrays or dictionaries in page content nested deeper than ${MAX_CONTENT_NESTING}`);
      frames.push(frame);
    };
    const close = (): Token | null => {
      const f = frames.pop()!;
      return put("items" in f ? f.items : { dict: f.dict });
    };
    for (;;) {
      this.skipSpace();
      if (this.pos >= d.length) {
        // Unterminated: hand back what was open, outermost.
        while (frames.length > 1) close();
        return frames.length ? close() : null;
      }
      const b = d[this.pos]!;
      let done: Token | null = null;
      if (b === 0x28) done = put({ bytes: this.literalString() });
      else if (b === 0x2f) done = put({ name: this.name() });
      else if (b === 0x3c) {
        if (d[this.pos + 1] === 0x3c) {
          this.pos += 2;
          open({ dict: new Map(), key: null });
          continue;
        }
        done = put({ bytes: this.hexString() });
      } else if (b === 0x5b) {
        this.pos++;
        open({ items: [] });
        continue;
      } else if (b === 0x5d && frames.length && "items" in frames[frames.length - 1]!) {
        this.pos++;
        done = close();
      } else if (b === 0x3e && d[this.pos + 1] === 0x3e && frames.length && "dict" in frames[frames.length - 1]!) {
        this.pos += 2;
        done = close();
      } else if (b === 0x5d || b === 0x3e || b === 0x29 || b === 0x7b || b === 0x7d) {
        this.pos++; // stray delimiter: skip
        continue;
      } else {
        const w = this.word();
        if (w === "") {
          this.pos++;
          continue;
        }
        const n = Number(w);
        if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w) && Number.isFinite(n)) done = put(n);
        else if (frames.length) done = put(w);
        else return { kind: "operator", value: w, op: w };
      }
      if (done) return done;
    }
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

/** What a colour operator set: a colour space family and its components (and a pattern's name). */
export interface Colour {
  space: string;
  components: number[];
  pattern?: string;
}

/** Overprint as the graphics state has it when something is painted. */
export interface PaintState {
  overprint: boolean;
  /** For strokes: half the line width in device space (the painted box is the path's, not yet widened). */
  halfWidth?: number;
  /** Overprint mode (OPM): 1 keeps the plates a DeviceCMYK colour leaves at 0. */
  mode: number;
}

/** The overprint parameters a form XObject or pattern inherits where it is drawn. */
export interface Overprint {
  fill: boolean;
  stroke: boolean;
  mode: number;
}

/** What an ExtGState sets that the scanner keeps. */
export interface StateChange {
  OP?: boolean;
  op?: boolean;
  OPM?: number;
}

/** Work left for one document: operators interpreted, across pages and forms. */
export interface Budget {
  operators: number;
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
  /**
   * Where a code's glyph puts ink (x0, y0, x1, y1 in 1/1000 text space units): undefined for a
   * blank glyph, null when unknown (the em box is taken). Absent: em boxes throughout.
   */
  ink?(code: number): readonly [number, number, number, number] | undefined | null;
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
  xobject(name: string, ctm: Matrix, overprint?: Overprint): void;
  /** A graphics state resource was set; what it changes that the scanner keeps. */
  graphicsState(name: string): StateChange | void;
  /** A shading was painted (sh). */
  shading(name: string, ctm: Matrix, state?: PaintState): void;
  /** Something was painted with this colour, covering this box (default user space). */
  painted(colour: Colour, box: Box, what: "fill" | "stroke" | "text", state?: PaintState): void;
  /** A font shows glyphs that render (text render mode other than 3, invisible). */
  fontUsed?(name: string): void;
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
  lineWidth: number;
  /** Overprint for fills (op) and strokes (OP), and the mode. */
  opFill: boolean;
  opStroke: boolean;
  opm: number;
  renderMode: number;
}

function nums(ops: Operand[]): number[] {
  return ops.filter((o): o is number => typeof o === "number");
}

/** Interpret one content stream. */
export function scanContent(data: Uint8Array, host: ScanHost, baseCtm: Matrix = IDENTITY, budget: Budget = { operators: 50_000_000 }, inherited?: Overprint): void {
  const tok = new Tokenizer(data);
  let gs: GraphicsState = {
    ctm: baseCtm,
    fill: { space: "DeviceGray", components: [0] },
    stroke: { space: "DeviceGray", components: [0] },
    text: { font: "", size: 0, charSpacing: 0, wordSpacing: 0, scale: 1, leading: 0, rise: 0 },
    lineWidth: 1,
    opFill: inherited?.fill ?? false,
    opStroke: inherited?.stroke ?? false,
    opm: inherited?.mode ?? 0,
    renderMode: 0,
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
    const b = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (const p of points) {
      if (p.x < b.x0) b.x0 = p.x;
      if (p.x > b.x1) b.x1 = p.x;
      if (p.y < b.y0) b.y0 = p.y;
      if (p.y > b.y1) b.y1 = p.y;
    }
    return b;
  };
  const fillState = (): PaintState => ({ overprint: gs.opFill, mode: gs.opm });
  const strokeState = (): PaintState => ({ overprint: gs.opStroke, mode: gs.opm });
  // Strokes are painted segment by segment, each widened by half the line width: a frame's
  // rule is not its whole interior.
  const halfWidth = () => (Math.max(gs.lineWidth, 0) / 2) * Math.sqrt(Math.abs(gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2])) || 0.5;
  const paintPath = (fill: boolean, stroke: boolean) => {
    for (const sub of path) {
      if (sub.length === 0) continue;
      if (fill) host.painted(gs.fill, boxOf(sub), "fill", fillState());
      if (stroke) {
        const state = { ...strokeState(), halfWidth: halfWidth() };
        const closed = sub.length > 2 ? [...sub, sub[0]!] : sub;
        if (closed.length === 1) host.painted(gs.stroke, boxOf(closed), "stroke", state);
        for (let i = 1; i < closed.length; i++) host.painted(gs.stroke, boxOf([closed[i - 1]!, closed[i]!]), "stroke", state);
      }
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
    const mode = gs.renderMode;
    if (mode !== 3) host.fontUsed?.(t.font);
    const fills = mode === 0 || mode === 2 || mode === 4 || mode === 6;
    const strokes = mode === 1 || mode === 2 || mode === 5 || mode === 6;
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
        budget.operators--;
        host.glyph?.({ font: t.font, code, x: origin.x, y: origin.y, size: t.size });
        const w = font ? font.width(code) : 0;
        // Where the glyph puts ink: its outline's box from the embedded program, else its em box
        // (ideographic: 0.88 em above the baseline, 0.12 below); a blank glyph paints nothing.
        const ink = !(fills || strokes) ? undefined : font?.ink ? font.ink(code) : null;
        if (ink !== undefined) {
          const g: Matrix = multiply([t.size * t.scale, 0, 0, t.size, 0, t.rise], trm);
          const [x0, y0, x1, y1] = ink ?? [0, -120, Math.max(w, 0), 880];
          const box = boxOf([apply(g, x0 / 1000, y0 / 1000), apply(g, x1 / 1000, y0 / 1000), apply(g, x0 / 1000, y1 / 1000), apply(g, x1 / 1000, y1 / 1000)]);
          if (fills) host.painted(gs.fill, box, "text", fillState());
          if (strokes) host.painted(gs.stroke, box, "text", { ...strokeState(), halfWidth: halfWidth() });
        }
        const space = step === 1 && code === 32 ? t.wordSpacing : 0;
        const tx = ((w / 1000) * t.size + t.charSpacing + space) * t.scale;
        tm = multiply([1, 0, 0, 1, tx, 0], tm);
      }
    }
  };

  for (let token = tok.next(); token; token = tok.next()) {
    if (token.kind === "operand") {
      if (operands.length < 64) operands.push(token.value);
      continue;
    }
    if (--budget.operators < 0) throw new PdfLimitError("too much to interpret (more than the operator budget): a form drawing itself, or a content bomb");
    const op = token.op!;
    const n = nums(operands);
    switch (op) {
      case "q":
        if (stack.length > 4096) throw new PdfLimitError("graphics states (q) nested deeper than 4096");
        stack.push(gs);
        break;
      case "Q":
        gs = stack.pop() ?? gs;
        break;
      case "cm":
        if (n.length === 6) gs = { ...gs, ctm: multiply(n as Matrix, gs.ctm) };
        break;
      case "gs":
        if (isName(operands[0])) {
          const change = host.graphicsState(operands[0].name);
          if (change) {
            // op defaults to OP when an ExtGState sets only OP.
            if (change.OP !== undefined) gs = { ...gs, opStroke: change.OP, opFill: change.op ?? change.OP };
            else if (change.op !== undefined) gs = { ...gs, opFill: change.op };
            if (change.OPM !== undefined) gs = { ...gs, opm: change.OPM };
          }
        }
        break;
      case "w":
        if (n.length) gs = { ...gs, lineWidth: n[0]! };
        break;
      case "Tr":
        if (n.length) gs = { ...gs, renderMode: n[0]! };
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
      case "scn": {
        const last = operands[operands.length - 1];
        gs = { ...gs, fill: { space: gs.fill.space, components: n, ...(isName(last) && { pattern: last.name }) } };
        break;
      }
      case "SC":
      case "SCN": {
        const last = operands[operands.length - 1];
        gs = { ...gs, stroke: { space: gs.stroke.space, components: n, ...(isName(last) && { pattern: last.name }) } };
        break;
      }
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
          addPoint(x + w, y + h);
          addPoint(x, y + h);
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
        if (isName(operands[0])) host.xobject(operands[0].name, gs.ctm, { fill: gs.opFill, stroke: gs.opStroke, mode: gs.opm });
        break;
      case "sh":
        if (isName(operands[0])) host.shading(operands[0].name, gs.ctm, fillState());
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
