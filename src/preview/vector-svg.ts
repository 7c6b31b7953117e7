/**
 * Rules, rectangles, borders and proof marks as SVG, drawn by the very code that draws them
 * into the PDF (src/render/vector.ts, proof.ts): that code writes PDF path operators into a
 * ContentStream, and this module replays those operators as SVG paths. One geometry, two
 * backends: a 花边 or a wavy rule cannot look different on screen and on the plate.
 *
 * Only the operators those drawers use are understood (path construction, painting, line
 * state, device colours, q/Q); anything else is skipped.
 */
import type { BorderItem, ProofMark, RectItem, RuleItem } from "../display/types.js";
import { ContentStream } from "../render/content.js";
import type { FontStore } from "../fonts/store.js";
import { drawProofMark } from "../render/proof.js";
import { drawBorder, drawRect, drawRule, PLAIN_INKING } from "../render/vector.js";
import type { GlyphRun } from "../display/types.js";
import { cmykToCss, rgbToCss } from "./colour.js";

interface PaintState {
  fill: string;
  stroke: string;
  width: number;
  cap: number;
  join: number;
  dash: number[];
}

type Operand = number | number[] | string;

const CAPS = ["butt", "round", "square"];
const JOINS = ["miter", "round", "bevel"];

/** Split one content-stream line into operands and its operator. */
function tokens(line: string): { args: Operand[]; op: string } {
  const args: Operand[] = [];
  const re = /\[([^\]]*)\]|(\/\S+)|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) {
    if (m[1] !== undefined) args.push(m[1].trim() ? m[1].trim().split(/\s+/).map(Number) : []);
    else if (m[2] !== undefined) args.push(m[2]);
    else args.push(Number.isNaN(Number(m[3])) ? m[3]! : Number(m[3]));
  }
  const op = String(args.pop() ?? "");
  return { args, op };
}

function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
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

function nums(args: Operand[]): number[] {
  return args.filter((a): a is number => typeof a === "number");
}

/** Replay the operators of a content stream (y-down page space) as SVG elements. */
export function contentToSvg(content: string): string {
  const out: string[] = [];
  const stack: PaintState[] = [];
  let state: PaintState = { fill: "#000000", stroke: "#000000", width: 1, cap: 0, join: 0, dash: [] };
  let d = "";
  for (const line of content.split("\n")) {
    const { args, op } = tokens(line);
    const n = nums(args);
    switch (op) {
      case "q": stack.push({ ...state, dash: [...state.dash] }); break;
      case "Q": state = stack.pop() ?? state; break;
      case "w": state.width = n[0] ?? 1; break;
      case "J": state.cap = n[0] ?? 0; break;
      case "j": state.join = n[0] ?? 0; break;
      case "d": state.dash = Array.isArray(args[0]) ? args[0] : []; break;
      case "k": state.fill = cmykToCss({ c: n[0]! * 100, m: n[1]! * 100, y: n[2]! * 100, k: n[3]! * 100 }); break;
      case "K": state.stroke = cmykToCss({ c: n[0]! * 100, m: n[1]! * 100, y: n[2]! * 100, k: n[3]! * 100 }); break;
      case "rg": state.fill = rgbToCss({ r: n[0]!, g: n[1]!, b: n[2]! }); break;
      case "RG": state.stroke = rgbToCss({ r: n[0]!, g: n[1]!, b: n[2]! }); break;
      case "m": d += `M${fmt(n[0]!)} ${fmt(n[1]!)}`; break;
      case "l": d += `L${fmt(n[0]!)} ${fmt(n[1]!)}`; break;
      case "c": d += `C${n.map(fmt).join(" ")}`; break;
      case "h": d += "Z"; break;
      case "re": d += `M${fmt(n[0]!)} ${fmt(n[1]!)}h${fmt(n[2]!)}v${fmt(n[3]!)}h${fmt(-n[2]!)}Z`; break;
      case "f": out.push(pathElement(d, state, true, false)); d = ""; break;
      case "S": out.push(pathElement(d, state, false, true)); d = ""; break;
      case "B": out.push(pathElement(d, state, true, true)); d = ""; break;
      case "n": d = ""; break;
      default: break; // gs (overprint) and anything else: no effect on screen
    }
  }
  return out.join("");
}

export function ruleSvg(item: RuleItem): string {
  const cs = new ContentStream();
  drawRule(cs, item, PLAIN_INKING);
  return contentToSvg(cs.toString());
}

export function rectSvg(item: RectItem): string {
  const cs = new ContentStream();
  drawRect(cs, item, PLAIN_INKING);
  return contentToSvg(cs.toString());
}

export function borderSvg(item: BorderItem): string {
  const cs = new ContentStream();
  drawBorder(cs, item, PLAIN_INKING);
  return contentToSvg(cs.toString());
}

/** A proof mark's red outline and tag; the label run (white) is the caller's to draw. */
export function proofMarkSvg(mark: ProofMark, fonts: FontStore): { svg: string; label: GlyphRun | null } {
  const cs = new ContentStream();
  const label = drawProofMark(cs, mark, fonts);
  return { svg: contentToSvg(cs.toString()), label };
}
