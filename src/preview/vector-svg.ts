/**
 * Rules, rectangles, borders and proof marks as SVG: the SVG serialisation of the drawings
 * src/render/vector.ts and proof.ts make, which the PDF writer serialises as content-stream
 * operators (src/render/vector-pdf.ts). One geometry, two backends: a 花边 or a wavy rule
 * cannot look different on screen and on the plate.
 *
 * Numbers are rounded as the PDF writes them (1/10 000 pt, colours to 1/10 000 of full ink)
 * and then to 1/1000 for the screen. Forms are drawn out at every placement.
 */
import type { BorderItem, CmykColor, GlyphRun, ProofMark, RectItem, RuleItem } from "../display/types.js";
import type { FontStore } from "../fonts/store.js";
import { proofMarkDrawing } from "../render/proof.js";
import { borderDrawing, rectDrawing, ruleDrawing, type PathOp } from "../render/vector.js";
import { cmykToCss, rgbToCss } from "./colour.js";

interface PaintState {
  fill: string;
  stroke: string;
  width: number;
  cap: number;
  join: number;
  dash: number[];
}

const CAPS = ["butt", "round", "square"];
const JOINS = ["miter", "round", "bevel"];

/** A number as the PDF writer rounds it (src/render/content.ts num). */
function pdfRound(n: number): number {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return Math.round(n * 10000) / 10000;
}

/** A coordinate for the screen: the PDF's number to 1/1000. */
function fmt(n: number): string {
  return String(Math.round(pdfRound(n) * 1000) / 1000);
}

/** A CMYK colour as the PDF states it (each ink clamped, 0..1 to 1/10 000), back in percent. */
function pdfCmyk(c: CmykColor): CmykColor {
  const ink = (v: number) => pdfRound(Math.min(100, Math.max(0, v)) / 100) * 100;
  return { c: ink(c.c), m: ink(c.m), y: ink(c.y), k: ink(c.k) };
}

/** A painted path as an SVG element. */
function pathElement(d: string, state: PaintState, fill: boolean, stroke: boolean): string {
  const attrs = [`d="${d.trim()}"`, `fill="${fill ? state.fill : "none"}"`];
  if (stroke) {
    attrs.push(`stroke="${state.stroke}"`, `stroke-width="${fmt(state.width)}"`);
    if (state.cap) attrs.push(`stroke-linecap="${CAPS[state.cap]}"`);
    if (state.join) attrs.push(`stroke-linejoin="${JOINS[state.join]}"`);
    if (state.dash.length) attrs.push(`stroke-dasharray="${state.dash.map((v) => fmt(Math.max(v, 0.001))).join(" ")}"`);
  }
  return `<path ${attrs.join(" ")}/>`;
}

/** A drawing's ops (y-down page space) as SVG elements; (dx, dy) moves them (a placed form). */
export function pathsToSvg(ops: readonly PathOp[]): string {
  const out: string[] = [];
  const stack: PaintState[] = [];
  let state: PaintState = { fill: "#000000", stroke: "#000000", width: 1, cap: 0, join: 0, dash: [] };
  let d = "";
  const walk = (list: readonly PathOp[], dx: number, dy: number): void => {
    for (const op of list) {
      switch (op.op) {
        case "save": stack.push({ ...state, dash: [...state.dash] }); break;
        case "restore": state = stack.pop() ?? state; break;
        case "lineWidth": state.width = pdfRound(op.width); break;
        case "lineCap": state.cap = op.cap; break;
        case "lineJoin": state.join = op.join; break;
        case "dash": state.dash = op.pattern.map(pdfRound); break;
        case "fillCmyk": state.fill = cmykToCss(pdfCmyk(op.color)); break;
        case "strokeCmyk": state.stroke = cmykToCss(pdfCmyk(op.color)); break;
        case "fillRgb": state.fill = rgbToCss({ r: pdfRound(op.color.r), g: pdfRound(op.color.g), b: pdfRound(op.color.b) }); break;
        case "strokeRgb": state.stroke = rgbToCss({ r: pdfRound(op.color.r), g: pdfRound(op.color.g), b: pdfRound(op.color.b) }); break;
        case "moveTo": d += `M${fmt(op.x + dx)} ${fmt(op.y + dy)}`; break;
        case "lineTo": d += `L${fmt(op.x + dx)} ${fmt(op.y + dy)}`; break;
        case "curveTo": d += `C${[op.x1 + dx, op.y1 + dy, op.x2 + dx, op.y2 + dy, op.x + dx, op.y + dy].map(fmt).join(" ")}`; break;
        case "closePath": d += "Z"; break;
        case "rect": d += `M${fmt(op.x + dx)} ${fmt(op.y + dy)}h${fmt(op.width)}v${fmt(op.height)}h${fmt(-pdfRound(op.width))}Z`; break;
        case "fill": out.push(pathElement(d, state, true, false)); d = ""; break;
        case "stroke": out.push(pathElement(d, state, false, true)); d = ""; break;
        case "fillAndStroke": out.push(pathElement(d, state, true, true)); d = ""; break;
        case "place": walk(op.form.ops, dx + op.x, dy + op.y); break;
      }
    }
  };
  walk(ops, 0, 0);
  return out.join("");
}

export function ruleSvg(item: RuleItem): string {
  return pathsToSvg(ruleDrawing(item));
}

export function rectSvg(item: RectItem): string {
  return pathsToSvg(rectDrawing(item));
}

export function borderSvg(item: BorderItem): string {
  return pathsToSvg(borderDrawing(item));
}

/** A proof mark's red outline and tag; the label run (white) is the caller's to draw. */
export function proofMarkSvg(mark: ProofMark, fonts: FontStore): { svg: string; label: GlyphRun | null } {
  const { ops, label } = proofMarkDrawing(mark, fonts);
  return { svg: pathsToSvg(ops), label };
}
