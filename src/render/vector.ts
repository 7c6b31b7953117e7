/**
 * Rules (栏线/线条), rectangles and box borders (花边) as vector paths, all in CMYK: a small
 * path representation (PathOp: path construction, painting, line state, colours, forms placed
 * at a point) that the PDF writer (vector-pdf.ts) and the screen preview (src/preview's
 * vector-svg.ts) each serialise. One geometry, two backends: a 花边 or a wavy rule cannot look
 * different on screen and on the plate.
 *
 * Weights: `weight` is the whole band a rule or border takes across its line, so make-up can
 * reserve exactly that space. A double rule is two strokes of weight/3 with a weight/3 gap; a
 * border is drawn inside its frame (the band's outer edge is the frame edge).
 */
import type { BorderItem, CmykColor, RectItem, RuleItem } from "../display/types.js";
import type { RgbColor } from "./content.js";

/**
 * One step of a drawing, in page space (y down). Paths are built with moveTo … closePath and
 * rect and painted with fill, stroke or fillAndStroke; save/restore scope the colours and line
 * state set in between; `place` paints a form with its origin at (x, y).
 */
export type PathOp =
  | { op: "save" }
  | { op: "restore" }
  | { op: "fillCmyk"; color: CmykColor }
  | { op: "strokeCmyk"; color: CmykColor }
  | { op: "fillRgb"; color: RgbColor }
  | { op: "strokeRgb"; color: RgbColor }
  | { op: "lineWidth"; width: number }
  /** 0 butt, 1 round, 2 projecting square. */
  | { op: "lineCap"; cap: 0 | 1 | 2 }
  | { op: "lineJoin"; join: 0 | 1 | 2 }
  | { op: "dash"; pattern: number[] }
  | { op: "moveTo"; x: number; y: number }
  | { op: "lineTo"; x: number; y: number }
  | { op: "curveTo"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: "closePath" }
  | { op: "rect"; x: number; y: number; width: number; height: number }
  | { op: "fill" }
  | { op: "stroke" }
  | { op: "fillAndStroke" }
  | { op: "place"; form: Form; x: number; y: number };

/**
 * A small drawing repeated many times (a 花边 motif), drawn around its origin and painted in
 * the colour in force where it is placed. The PDF makes each name one form XObject; the
 * preview draws it out at every placement.
 */
export interface Form {
  /** One name per distinct drawing. */
  name: string;
  /** The drawing's bounds around its origin: [x0, y0, x1, y1]. */
  bbox: [number, number, number, number];
  ops: PathOp[];
}

/** Builds a drawing's ops with small typed calls. */
export class Drawing {
  readonly ops: PathOp[] = [];
  /** Forms made by this drawing, by name: each drawn once however often it is placed. */
  private readonly forms = new Map<string, Form>();

  private push(op: PathOp): this {
    this.ops.push(op);
    return this;
  }
  save(): this {
    return this.push({ op: "save" });
  }
  restore(): this {
    return this.push({ op: "restore" });
  }
  fillCmyk(color: CmykColor): this {
    return this.push({ op: "fillCmyk", color });
  }
  strokeCmyk(color: CmykColor): this {
    return this.push({ op: "strokeCmyk", color });
  }
  fillRgb(color: RgbColor): this {
    return this.push({ op: "fillRgb", color });
  }
  strokeRgb(color: RgbColor): this {
    return this.push({ op: "strokeRgb", color });
  }
  lineWidth(width: number): this {
    return this.push({ op: "lineWidth", width });
  }
  lineCap(cap: 0 | 1 | 2): this {
    return this.push({ op: "lineCap", cap });
  }
  lineJoin(join: 0 | 1 | 2): this {
    return this.push({ op: "lineJoin", join });
  }
  dash(pattern: number[]): this {
    return this.push({ op: "dash", pattern });
  }
  moveTo(x: number, y: number): this {
    return this.push({ op: "moveTo", x, y });
  }
  lineTo(x: number, y: number): this {
    return this.push({ op: "lineTo", x, y });
  }
  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): this {
    return this.push({ op: "curveTo", x1, y1, x2, y2, x, y });
  }
  closePath(): this {
    return this.push({ op: "closePath" });
  }
  rect(x: number, y: number, width: number, height: number): this {
    return this.push({ op: "rect", x, y, width, height });
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
    return this.push({ op: "fill" });
  }
  stroke(): this {
    return this.push({ op: "stroke" });
  }
  fillAndStroke(): this {
    return this.push({ op: "fillAndStroke" });
  }
  /** Place a form with its origin at (x, y). */
  place(form: Form, x: number, y: number): this {
    return this.push({ op: "place", form, x, y });
  }
  /** The form of this name, drawn by `draw` around the origin the first time it is asked for. */
  form(name: string, bbox: [number, number, number, number], draw: (d: Drawing) => void): Form {
    let form = this.forms.get(name);
    if (!form) {
      const inner = new Drawing();
      draw(inner);
      this.forms.set(name, (form = { name, bbox, ops: inner.ops }));
    }
    return form;
  }
}

interface Vec {
  x: number;
  y: number;
}

function along(a: Vec, u: Vec, t: number, n: Vec, s: number): Vec {
  return { x: a.x + u.x * t + n.x * s, y: a.y + u.y * t + n.y * s };
}

function straight(d: Drawing, a: Vec, b: Vec): void {
  d.moveTo(a.x, a.y).lineTo(b.x, b.y);
}

/** A sine-like wave along a→b: amplitude 1.5×weight, wavelength 6×weight (whole half-waves). */
function wave(d: Drawing, a: Vec, u: Vec, n: Vec, length: number, weight: number): void {
  const amplitude = Math.max(0.6, weight * 1.5);
  const halves = Math.max(1, Math.round(length / (weight * 3)));
  const half = length / halves;
  d.moveTo(a.x, a.y);
  for (let i = 0; i < halves; i++) {
    const side = i % 2 === 0 ? 1 : -1;
    const t0 = i * half;
    // Control points at 1/3 and 2/3 of the half-wave, raised 4/3 of the amplitude: a close sine.
    const c1 = along(a, u, t0 + half / 3, n, (side * amplitude * 4) / 3);
    const c2 = along(a, u, t0 + (2 * half) / 3, n, (side * amplitude * 4) / 3);
    const end = along(a, u, t0 + half, n, 0);
    d.curveTo(c1.x, c1.y, c2.x, c2.y, end.x, end.y);
  }
}

/** A rule in its style. */
export function ruleDrawing(rule: RuleItem): PathOp[] {
  const d = new Drawing();
  const a = { x: rule.x1, y: rule.y1 };
  const b = { x: rule.x2, y: rule.y2 };
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length === 0 || rule.weight <= 0) return d.ops;
  const u = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
  const n = { x: -u.y, y: u.x };
  const w = rule.weight;
  d.save();
  d.strokeCmyk(rule.color);
  switch (rule.style) {
    case "solid":
      d.lineWidth(w).lineCap(0);
      straight(d, a, b);
      d.stroke();
      break;
    case "double": {
      const line = w / 3;
      d.lineWidth(line).lineCap(0);
      straight(d, along(a, u, 0, n, line), along(a, u, length, n, line));
      straight(d, along(a, u, 0, n, -line), along(a, u, length, n, -line));
      d.stroke();
      break;
    }
    case "dashed":
      d.lineWidth(w).lineCap(0).dash([Math.max(2, w * 3), Math.max(1.5, w * 2)]);
      straight(d, a, b);
      d.stroke();
      break;
    case "dotted":
      // Zero-length dashes with round caps are round dots of diameter w, 2.5 w apart.
      d.lineWidth(w).lineCap(1).dash([0, w * 2.5]);
      straight(d, a, b);
      d.stroke();
      break;
    case "wavy":
      d.lineWidth(Math.max(0.3, w / 2)).lineCap(1).lineJoin(1);
      wave(d, a, u, n, length, w);
      d.stroke();
      break;
  }
  d.restore();
  return d.ops;
}

/** A rectangle, filled and/or stroked. */
export function rectDrawing(rect: RectItem): PathOp[] {
  const d = new Drawing();
  const hasStroke = rect.stroke !== undefined && (rect.strokeWeight ?? 0.5) > 0;
  if (!rect.fill && !hasStroke) return d.ops;
  d.save();
  if (rect.fill) {
    d.fillCmyk(rect.fill);
    d.rect(rect.x, rect.y, rect.width, rect.height).fill();
  }
  if (hasStroke && rect.stroke) {
    d.strokeCmyk(rect.stroke);
    d.lineWidth(rect.strokeWeight ?? 0.5).lineJoin(0);
    d.rect(rect.x, rect.y, rect.width, rect.height).stroke();
  }
  d.restore();
  return d.ops;
}

/** A stroked rectangle whose stroke centre is inset `inset` from the frame. */
function insetRect(d: Drawing, b: BorderItem, inset: number): void {
  d.rect(b.x + inset, b.y + inset, b.width - 2 * inset, b.height - 2 * inset);
}

/** A petal from the centre towards angle θ, length r, as two Bézier ard. */
function petal(d: Drawing, cx: number, cy: number, r: number, theta: number): void {
  const u = { x: Math.cos(theta), y: Math.sin(theta) };
  const n = { x: -u.y, y: u.x };
  const c = { x: cx, y: cy };
  const width = r * 0.55;
  const p1 = along(c, u, r * 0.25, n, width);
  const p2 = along(c, u, r * 0.95, n, width * 0.7);
  const tip = along(c, u, r, n, 0);
  const q1 = along(c, u, r * 0.95, n, -width * 0.7);
  const q2 = along(c, u, r * 0.25, n, -width);
  d.moveTo(cx, cy).curveTo(p1.x, p1.y, p2.x, p2.y, tip.x, tip.y).curveTo(q1.x, q1.y, q2.x, q2.y, cx, cy).closePath();
}

/** The flower motif: four petals on the axes, four small dots on the diagonals. */
function flower(d: Drawing, cx: number, cy: number, size: number): void {
  const r = size * 0.42;
  for (let i = 0; i < 4; i++) petal(d, cx, cy, r, (i * Math.PI) / 2);
  const dot = r * 0.72;
  for (let i = 0; i < 4; i++) {
    const a = Math.PI / 4 + (i * Math.PI) / 2;
    d.circle(cx + Math.cos(a) * dot, cy + Math.sin(a) * dot, size * 0.06);
  }
}

/** A diamond between flowers. */
function lozenge(d: Drawing, cx: number, cy: number, size: number): void {
  const r = size * 0.18;
  d.moveTo(cx, cy - r).lineTo(cx + r, cy).lineTo(cx, cy + r).lineTo(cx - r, cy).closePath();
}

/** Motif centres along one side (corners excluded), alternating flower / lozenge. */
function sideMotifs(d: Drawing, from: Vec, to: Vec, band: number): void {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const steps = Math.max(2, Math.round(length / (band * 0.75)));
  for (let i = 1; i < steps; i++) {
    const t = i / steps;
    const x = from.x + (to.x - from.x) * t;
    const y = from.y + (to.y - from.y) * t;
    d.place(i % 2 === 0 ? flowerMotif(d, band * 0.8) : lozengeMotif(d, band), x, y);
  }
}

/**
 * A filled motif of one size, painted by `paint` around its origin; its name carries its size
 * (1/1000 pt), so each size is one form. Every motif reaches at most half its size from the
 * origin (a flower's petals 0.42, a lozenge's points 0.18).
 */
function motif(d: Drawing, kind: string, size: number, paint: (d: Drawing, x: number, y: number, size: number) => void): Form {
  const h = size / 2;
  return d.form(`Pb${kind}${Math.round(size * 1000)}`, [-h, -h, h, h], (inner) => {
    paint(inner, 0, 0, size);
    inner.fill();
  });
}

const flowerMotif = (d: Drawing, size: number): Form => motif(d, "Flower", size, flower);
const lozengeMotif = (d: Drawing, size: number): Form => motif(d, "Lozenge", size, lozenge);

/**
 * 花边: repeated flower motifs between two hairlines, a larger flower at each corner. A box
 * has hundreds of motifs of two or three sizes; in the PDF each size is one form XObject.
 */
function flowerBorder(d: Drawing, b: BorderItem): void {
  const band = Math.max(3, Math.min(b.weight, b.width / 4, b.height / 4));
  const hair = Math.max(0.25, band / 14);
  d.lineWidth(hair);
  insetRect(d, b, hair / 2);
  insetRect(d, b, band - hair / 2);
  d.stroke();
  const m = band / 2;
  const corners: Vec[] = [
    { x: b.x + m, y: b.y + m },
    { x: b.x + b.width - m, y: b.y + m },
    { x: b.x + b.width - m, y: b.y + b.height - m },
    { x: b.x + m, y: b.y + b.height - m },
  ];
  const corner = flowerMotif(d, band * 0.95);
  for (const c of corners) d.place(corner, c.x, c.y);
  for (let i = 0; i < 4; i++) sideMotifs(d, corners[i]!, corners[(i + 1) % 4]!, band);
}

/** A box border (花边) in its style, inside its frame. */
export function borderDrawing(b: BorderItem): PathOp[] {
  const d = new Drawing();
  if (b.weight <= 0 || b.width <= 0 || b.height <= 0) return d.ops;
  d.save();
  d.strokeCmyk(b.color);
  d.fillCmyk(b.color);
  d.lineJoin(0).lineCap(0);
  switch (b.style) {
    case "plain":
      d.lineWidth(b.weight);
      insetRect(d, b, b.weight / 2);
      d.stroke();
      break;
    case "double": {
      const line = b.weight / 3;
      d.lineWidth(line);
      insetRect(d, b, line / 2);
      insetRect(d, b, b.weight - line / 2);
      d.stroke();
      break;
    }
    case "flower":
      flowerBorder(d, b);
      break;
  }
  d.restore();
  return d.ops;
}
