/**
 * A content-stream builder: PDF page-description operators as small typed calls.
 *
 * Every number goes through `num()`, which rounds to 1/10 000 pt and never prints exponents
 * or "-0", so equal input gives equal bytes. Colours are written with the device operators
 * (`k`/`K` for CMYK, `rg`/`RG` for RGB), which need no colour-space resource.
 */
import type { CmykColor } from "../display/types.js";

/** An RGB colour, channels 0..1; only the proof backend uses these. */
export interface RgbColor {
  r: number;
  g: number;
  b: number;
}

/** Format a number for a content stream: at most 4 decimals, no exponent, no "-0". */
export function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const r = Math.round(n * 10000) / 10000;
  if (r === 0) return "0";
  // The shortest round-trip form of a number with at most 4 decimals is those decimals with
  // trailing zeros dropped (what toFixed(4) and trimming give, without the string work); it
  // only turns to exponent form far outside page coordinates.
  if (Math.abs(r) < 1e15) return String(r);
  return r.toFixed(4).replace(/0+$/, "").replace(/\.$/, "");
}

/** CMYK percent (0..100) to the operator's 0..1, clamped. */
function ink(v: number): string {
  return num(Math.min(100, Math.max(0, v)) / 100);
}

export function isPureBlack(c: CmykColor): boolean {
  return c.c === 0 && c.m === 0 && c.y === 0 && c.k === 100;
}

/** Total ink of a colour in percent. */
export function totalInk(c: CmykColor): number {
  return c.c + c.m + c.y + c.k;
}

/**
 * A small drawing repeated many times (a 花边 motif): drawn once into a form XObject and
 * placed with `cm … Do`, instead of hundreds of copies of its path in the page's content.
 */
export interface Motif {
  /** Name of the form in the page's XObject resources; one name per distinct drawing. */
  name: string;
  /** The drawing's bounds around its origin: [x0, y0, x1, y1]. */
  bbox: [number, number, number, number];
  /** Draw it, painted, with its origin at (x, y). */
  draw(cs: ContentStream, x: number, y: number): void;
}

/** A motif drawn once, as the PDF writer turns it into a form XObject. */
export interface FormContent {
  bbox: [number, number, number, number];
  content: string;
}

export class ContentStream {
  private readonly ops: string[] = [];
  /** Motifs placed as forms, by name (only when made with `{ forms: true }`). */
  readonly forms = new Map<string, FormContent>();
  private readonly useForms: boolean;

  /**
   * `forms: true` (the PDF writer) places motifs as form XObjects; without it (SVG preview,
   * tests) every placement is drawn out in full, so the operators show the whole geometry.
   */
  constructor(options: { forms?: boolean } = {}) {
    this.useForms = options.forms ?? false;
  }

  /** Place a motif with its origin at (x, y). */
  place(motif: Motif, x: number, y: number): this {
    if (!this.useForms) {
      motif.draw(this, x, y);
      return this;
    }
    if (!this.forms.has(motif.name)) {
      const inner = new ContentStream();
      motif.draw(inner, 0, 0);
      this.forms.set(motif.name, { bbox: motif.bbox, content: inner.toString() });
    }
    return this.raw(`q 1 0 0 1 ${num(x)} ${num(y)} cm /${motif.name} Do Q`);
  }

  /** Append a raw operator line (already formatted). */
  raw(line: string): this {
    this.ops.push(line);
    return this;
  }
  save(): this {
    return this.raw("q");
  }
  restore(): this {
    return this.raw("Q");
  }
  concat(a: number, b: number, c: number, d: number, e: number, f: number): this {
    return this.raw(`${num(a)} ${num(b)} ${num(c)} ${num(d)} ${num(e)} ${num(f)} cm`);
  }
  translate(x: number, y: number): this {
    return this.concat(1, 0, 0, 1, x, y);
  }
  graphicsState(name: string): this {
    return this.raw(`/${name} gs`);
  }
  fillCmyk(c: CmykColor): this {
    return this.raw(`${ink(c.c)} ${ink(c.m)} ${ink(c.y)} ${ink(c.k)} k`);
  }
  strokeCmyk(c: CmykColor): this {
    return this.raw(`${ink(c.c)} ${ink(c.m)} ${ink(c.y)} ${ink(c.k)} K`);
  }
  fillRgb(c: RgbColor): this {
    return this.raw(`${num(c.r)} ${num(c.g)} ${num(c.b)} rg`);
  }
  strokeRgb(c: RgbColor): this {
    return this.raw(`${num(c.r)} ${num(c.g)} ${num(c.b)} RG`);
  }
  lineWidth(w: number): this {
    return this.raw(`${num(w)} w`);
  }
  /** 0 butt, 1 round, 2 projecting square. */
  lineCap(cap: 0 | 1 | 2): this {
    return this.raw(`${cap} J`);
  }
  lineJoin(join: 0 | 1 | 2): this {
    return this.raw(`${join} j`);
  }
  dash(pattern: number[], phase = 0): this {
    return this.raw(`[${pattern.map(num).join(" ")}] ${num(phase)} d`);
  }
  moveTo(x: number, y: number): this {
    return this.raw(`${num(x)} ${num(y)} m`);
  }
  lineTo(x: number, y: number): this {
    return this.raw(`${num(x)} ${num(y)} l`);
  }
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): this {
    return this.raw(`${num(x1)} ${num(y1)} ${num(x2)} ${num(y2)} ${num(x)} ${num(y)} c`);
  }
  closePath(): this {
    return this.raw("h");
  }
  rect(x: number, y: number, w: number, h: number): this {
    return this.raw(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re`);
  }
  /** A full circle from four Bézier quarters. */
  circle(cx: number, cy: number, r: number): this {
    const k = 0.5522847498 * r;
    this.moveTo(cx + r, cy);
    this.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    this.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    this.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    this.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    return this.closePath();
  }
  fill(): this {
    return this.raw("f");
  }
  stroke(): this {
    return this.raw("S");
  }
  fillAndStroke(): this {
    return this.raw("B");
  }
  /** Intersect the clip with the current path (non-zero) and end the path. */
  clip(): this {
    return this.raw("W n");
  }
  /** Paint an image XObject over the unit square mapped by the current matrix. */
  paintXObject(name: string): this {
    return this.raw(`/${name} Do`);
  }
  toString(): string {
    return this.ops.join("\n");
  }
}
