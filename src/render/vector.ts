/**
 * Rules (栏线/线条), rectangles and box borders (花边) as vector paths, all in CMYK.
 *
 * Weights: `weight` is the whole band a rule or border takes across its line, so make-up can
 * reserve exactly that space. A double rule is two strokes of weight/3 with a weight/3 gap; a
 * border is drawn inside its frame (the band's outer edge is the frame edge).
 */
import type { BorderItem, CmykColor, RectItem, RuleItem } from "../display/types.js";
import { ContentStream, type Motif } from "./content.js";

/** How a colour is applied: the print writer adds overprint for pure black, the proof writer does not. */
export interface Inking {
  stroke(cs: ContentStream, color: CmykColor): void;
  fill(cs: ContentStream, color: CmykColor): void;
}

/** The colour as it is, nothing more: the proof PDF and the screen preview. */
export const PLAIN_INKING: Inking = {
  fill: (cs, color) => void cs.fillCmyk(color),
  stroke: (cs, color) => void cs.strokeCmyk(color),
};

interface Vec {
  x: number;
  y: number;
}

function along(a: Vec, u: Vec, t: number, n: Vec, s: number): Vec {
  return { x: a.x + u.x * t + n.x * s, y: a.y + u.y * t + n.y * s };
}

function straight(cs: ContentStream, a: Vec, b: Vec): void {
  cs.moveTo(a.x, a.y).lineTo(b.x, b.y);
}

/** A sine-like wave along a→b: amplitude 1.5×weight, wavelength 6×weight (whole half-waves). */
function wave(cs: ContentStream, a: Vec, u: Vec, n: Vec, length: number, weight: number): void {
  const amplitude = Math.max(0.6, weight * 1.5);
  const halves = Math.max(1, Math.round(length / (weight * 3)));
  const half = length / halves;
  cs.moveTo(a.x, a.y);
  for (let i = 0; i < halves; i++) {
    const side = i % 2 === 0 ? 1 : -1;
    const t0 = i * half;
    // Control points at 1/3 and 2/3 of the half-wave, raised 4/3 of the amplitude: a close sine.
    const c1 = along(a, u, t0 + half / 3, n, (side * amplitude * 4) / 3);
    const c2 = along(a, u, t0 + (2 * half) / 3, n, (side * amplitude * 4) / 3);
    const end = along(a, u, t0 + half, n, 0);
    cs.curveTo(c1.x, c1.y, c2.x, c2.y, end.x, end.y);
  }
}

export function drawRule(cs: ContentStream, rule: RuleItem, inking: Inking): void {
  const a = { x: rule.x1, y: rule.y1 };
  const b = { x: rule.x2, y: rule.y2 };
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  if (length === 0 || rule.weight <= 0) return;
  const u = { x: (b.x - a.x) / length, y: (b.y - a.y) / length };
  const n = { x: -u.y, y: u.x };
  const w = rule.weight;
  cs.save();
  inking.stroke(cs, rule.color);
  switch (rule.style) {
    case "solid":
      cs.lineWidth(w).lineCap(0);
      straight(cs, a, b);
      cs.stroke();
      break;
    case "double": {
      const line = w / 3;
      cs.lineWidth(line).lineCap(0);
      straight(cs, along(a, u, 0, n, line), along(a, u, length, n, line));
      straight(cs, along(a, u, 0, n, -line), along(a, u, length, n, -line));
      cs.stroke();
      break;
    }
    case "dashed":
      cs.lineWidth(w).lineCap(0).dash([Math.max(2, w * 3), Math.max(1.5, w * 2)]);
      straight(cs, a, b);
      cs.stroke();
      break;
    case "dotted":
      // Zero-length dashes with round caps are round dots of diameter w, 2.5 w apart.
      cs.lineWidth(w).lineCap(1).dash([0, w * 2.5]);
      straight(cs, a, b);
      cs.stroke();
      break;
    case "wavy":
      cs.lineWidth(Math.max(0.3, w / 2)).lineCap(1).lineJoin(1);
      wave(cs, a, u, n, length, w);
      cs.stroke();
      break;
  }
  cs.restore();
}

export function drawRect(cs: ContentStream, rect: RectItem, inking: Inking): void {
  const hasStroke = rect.stroke !== undefined && (rect.strokeWeight ?? 0.5) > 0;
  if (!rect.fill && !hasStroke) return;
  cs.save();
  if (rect.fill) {
    inking.fill(cs, rect.fill);
    cs.rect(rect.x, rect.y, rect.width, rect.height).fill();
  }
  if (hasStroke && rect.stroke) {
    inking.stroke(cs, rect.stroke);
    cs.lineWidth(rect.strokeWeight ?? 0.5).lineJoin(0);
    cs.rect(rect.x, rect.y, rect.width, rect.height).stroke();
  }
  cs.restore();
}

/** A stroked rectangle whose stroke centre is inset `inset` from the frame. */
function insetRect(cs: ContentStream, b: BorderItem, inset: number): void {
  cs.rect(b.x + inset, b.y + inset, b.width - 2 * inset, b.height - 2 * inset);
}

/** A petal from the centre towards angle θ, length r, as two Bézier arcs. */
function petal(cs: ContentStream, cx: number, cy: number, r: number, theta: number): void {
  const u = { x: Math.cos(theta), y: Math.sin(theta) };
  const n = { x: -u.y, y: u.x };
  const c = { x: cx, y: cy };
  const width = r * 0.55;
  const p1 = along(c, u, r * 0.25, n, width);
  const p2 = along(c, u, r * 0.95, n, width * 0.7);
  const tip = along(c, u, r, n, 0);
  const q1 = along(c, u, r * 0.95, n, -width * 0.7);
  const q2 = along(c, u, r * 0.25, n, -width);
  cs.moveTo(cx, cy).curveTo(p1.x, p1.y, p2.x, p2.y, tip.x, tip.y).curveTo(q1.x, q1.y, q2.x, q2.y, cx, cy).closePath();
}

/** The flower motif: four petals on the axes, four small dots on the diagonals. */
function flower(cs: ContentStream, cx: number, cy: number, size: number): void {
  const r = size * 0.42;
  for (let i = 0; i < 4; i++) petal(cs, cx, cy, r, (i * Math.PI) / 2);
  const d = r * 0.72;
  for (let i = 0; i < 4; i++) {
    const a = Math.PI / 4 + (i * Math.PI) / 2;
    cs.circle(cx + Math.cos(a) * d, cy + Math.sin(a) * d, size * 0.06);
  }
}

/** A diamond between flowers. */
function lozenge(cs: ContentStream, cx: number, cy: number, size: number): void {
  const r = size * 0.18;
  cs.moveTo(cx, cy - r).lineTo(cx + r, cy).lineTo(cx, cy + r).lineTo(cx - r, cy).closePath();
}

/** Motif centres along one side (corners excluded), alternating flower / lozenge. */
function sideMotifs(cs: ContentStream, from: Vec, to: Vec, band: number): void {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const steps = Math.max(2, Math.round(length / (band * 0.75)));
  for (let i = 1; i < steps; i++) {
    const t = i / steps;
    const x = from.x + (to.x - from.x) * t;
    const y = from.y + (to.y - from.y) * t;
    cs.place(i % 2 === 0 ? flowerMotif(band * 0.8) : lozengeMotif(band), x, y);
  }
}

/**
 * A filled motif of one size, painted by `paint` around its origin; its name carries its size
 * (1/1000 pt), so each size is one form. Every motif reaches at most half its size from the
 * origin (a flower's petals 0.42, a lozenge's points 0.18).
 */
function motif(kind: string, size: number, paint: (cs: ContentStream, x: number, y: number, size: number) => void): Motif {
  const h = size / 2;
  return {
    name: `Pb${kind}${Math.round(size * 1000)}`,
    bbox: [-h, -h, h, h],
    draw: (cs, x, y) => {
      paint(cs, x, y, size);
      cs.fill();
    },
  };
}

const flowerMotif = (size: number): Motif => motif("Flower", size, flower);
const lozengeMotif = (size: number): Motif => motif("Lozenge", size, lozenge);

/**
 * 花边: repeated flower motifs between two hairlines, a larger flower at each corner. A box
 * has hundreds of motifs of two or three sizes; in the PDF each size is one form XObject.
 */
function flowerBorder(cs: ContentStream, b: BorderItem): void {
  const band = Math.max(3, Math.min(b.weight, b.width / 4, b.height / 4));
  const hair = Math.max(0.25, band / 14);
  cs.lineWidth(hair);
  insetRect(cs, b, hair / 2);
  insetRect(cs, b, band - hair / 2);
  cs.stroke();
  const m = band / 2;
  const corners: Vec[] = [
    { x: b.x + m, y: b.y + m },
    { x: b.x + b.width - m, y: b.y + m },
    { x: b.x + b.width - m, y: b.y + b.height - m },
    { x: b.x + m, y: b.y + b.height - m },
  ];
  const corner = flowerMotif(band * 0.95);
  for (const c of corners) cs.place(corner, c.x, c.y);
  for (let i = 0; i < 4; i++) sideMotifs(cs, corners[i]!, corners[(i + 1) % 4]!, band);
}

export function drawBorder(cs: ContentStream, b: BorderItem, inking: Inking): void {
  if (b.weight <= 0 || b.width <= 0 || b.height <= 0) return;
  cs.save();
  inking.stroke(cs, b.color);
  inking.fill(cs, b.color);
  cs.lineJoin(0).lineCap(0);
  switch (b.style) {
    case "plain":
      cs.lineWidth(b.weight);
      insetRect(cs, b, b.weight / 2);
      cs.stroke();
      break;
    case "double": {
      const line = b.weight / 3;
      cs.lineWidth(line);
      insetRect(cs, b, line / 2);
      insetRect(cs, b, b.weight - line / 2);
      cs.stroke();
      break;
    }
    case "flower":
      flowerBorder(cs, b);
      break;
  }
  cs.restore();
}
