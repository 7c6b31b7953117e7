/**
 * The PDF serialisation of vector drawings (vector.ts): each PathOp as its content-stream
 * operator, colours through an Inking (the print writer adds overprint for pure black), forms
 * as form XObjects when the stream makes them (ContentStream `{ forms: true }`).
 */
import type { BorderItem, CmykColor, RectItem, RuleItem } from "../display/types.js";
import { ContentStream, type Motif } from "./content.js";
import { borderDrawing, rectDrawing, ruleDrawing, type Form, type PathOp } from "./vector.js";

/** How a colour is applied: the print writer adds overprint for pure black, the proof writer does not. */
export interface Inking {
  stroke(cs: ContentStream, color: CmykColor): void;
  fill(cs: ContentStream, color: CmykColor): void;
}

/** The colour as it is, nothing more: the proof PDF. */
export const PLAIN_INKING: Inking = {
  fill: (cs, color) => void cs.fillCmyk(color),
  stroke: (cs, color) => void cs.strokeCmyk(color),
};

/** A form as the content stream places it: drawn once at the origin into a form XObject, or drawn out at (x, y). */
function motifOf(form: Form, inking: Inking): Motif {
  return {
    name: form.name,
    bbox: form.bbox,
    draw: (cs, x, y) => writePaths(cs, x === 0 && y === 0 ? form.ops : form.ops.map((op) => moved(op, x, y)), inking),
  };
}

/** An op moved by (dx, dy). */
function moved(op: PathOp, dx: number, dy: number): PathOp {
  switch (op.op) {
    case "moveTo":
    case "lineTo":
      return { ...op, x: op.x + dx, y: op.y + dy };
    case "curveTo":
      return { ...op, x1: op.x1 + dx, y1: op.y1 + dy, x2: op.x2 + dx, y2: op.y2 + dy, x: op.x + dx, y: op.y + dy };
    case "rect":
    case "place":
      return { ...op, x: op.x + dx, y: op.y + dy };
    default:
      return op;
  }
}

/** Write a drawing's ops into a content stream. */
export function writePaths(cs: ContentStream, ops: readonly PathOp[], inking: Inking): void {
  for (const op of ops) {
    switch (op.op) {
      case "save": cs.save(); break;
      case "restore": cs.restore(); break;
      case "fillCmyk": inking.fill(cs, op.color); break;
      case "strokeCmyk": inking.stroke(cs, op.color); break;
      case "fillRgb": cs.fillRgb(op.color); break;
      case "strokeRgb": cs.strokeRgb(op.color); break;
      case "lineWidth": cs.lineWidth(op.width); break;
      case "lineCap": cs.lineCap(op.cap); break;
      case "lineJoin": cs.lineJoin(op.join); break;
      case "dash": cs.dash(op.pattern); break;
      case "moveTo": cs.moveTo(op.x, op.y); break;
      case "lineTo": cs.lineTo(op.x, op.y); break;
      case "curveTo": cs.curveTo(op.x1, op.y1, op.x2, op.y2, op.x, op.y); break;
      case "closePath": cs.closePath(); break;
      case "rect": cs.rect(op.x, op.y, op.width, op.height); break;
      case "fill": cs.fill(); break;
      case "stroke": cs.stroke(); break;
      case "fillAndStroke": cs.fillAndStroke(); break;
      case "place": cs.place(motifOf(op.form, inking), op.x, op.y); break;
    }
  }
}

export function drawRule(cs: ContentStream, rule: RuleItem, inking: Inking): void {
  writePaths(cs, ruleDrawing(rule), inking);
}

export function drawRect(cs: ContentStream, rect: RectItem, inking: Inking): void {
  writePaths(cs, rectDrawing(rect), inking);
}

export function drawBorder(cs: ContentStream, border: BorderItem, inking: Inking): void {
  writePaths(cs, borderDrawing(border), inking);
}
