/**
 * The credit (署名) at the end of a copy, one policy for stories, captions and a box's items:
 * set as a list of names (lines end only at the spaces between them) in the credit's style with
 * the body's punctuation and 避头尾, flush right at the column's measure, each line a grid line of
 * the flow. Where the house style runs credits in (a box's items), a one-line credit that fits
 * after the copy's last line with `runInGap` em of the body size to spare shares that line.
 */
import type { BodyStyle, TextStyle } from "../layout/types.js";
import type { VerticalStyle } from "../typeset/vertical/types.js";
import type { MakeupContext } from "./context.js";
import type { FlowPart } from "./copyfit.js";
import type { FlowLine } from "./flow.js";
import { bodyLines } from "./text.js";

export interface CreditOptions {
  itemId: string;
  /** The credit's own style (font, size, colour) and the body it closes (punctuation, 避头尾, the run-in gap's em). */
  style: TextStyle;
  body: BodyStyle;
  /** Column width, pt. */
  width: number;
  pitch: number;
  /** Index the credit's last line names in a 段末孤行 warning: the paragraph after the copy's last. */
  paragraph: number;
  /** Run it in after the copy's last line when it fits there. */
  runIn: boolean;
  /** Vertical text: the credit is a vertical line too, flush to the foot; `width` is then the line's length. */
  vertical?: VerticalStyle;
}

/**
 * `lines` (a copy's flow lines) with its credit added: run in after the last line (that line
 * replaced by one that draws both) or on lines of its own. `credit` is the credit as set.
 */
export function withCredit(ctx: MakeupContext, lines: FlowLine[], text: string, o: CreditOptions): { lines: FlowLine[]; credit: string[]; room?: number } {
  const set = bodyLines(ctx, [text], { ...o.body, ...o.style }, {
    itemId: o.itemId,
    role: "credit",
    part: "credit",
    measure: o.width / o.style.size,
    pitch: o.pitch,
    indent: 0,
    lastLine: "right",
    firstParagraph: o.paragraph,
    ...(o.vertical ? { vertical: o.vertical } : {}),
  });
  const credit = set.set[0]!.lines.map((l) => l.text);
  const last = lines[lines.length - 1];
  const only = set.lines.length === 1 ? set.lines[0]! : undefined;
  const indent = set.set[0]!.lines[0]?.indent;
  const gap = ctx.houseStyle.credit.runInGap * o.body.size;
  if (o.runIn && last && only && indent !== undefined && last.width !== undefined && last.width + gap <= indent) {
    const runIn: FlowLine = { ...last, draw: (x, top, w) => [...last.draw(x, top, w), ...only.draw(x, top, w)] };
    return { lines: [...lines.slice(0, -1), runIn], credit };
  }
  // What the last line would have to leave free for a one-line credit to run in, em of the body.
  const room = o.runIn && only && indent !== undefined ? (o.width - indent + gap) / o.body.size : undefined;
  return { lines: [...lines, ...set.lines], credit, ...(room !== undefined ? { room } : {}) };
}

/**
 * A copy's flow parts with its credit added: on a part of its own, or, where it may run in,
 * with the last paragraph (in every setting copyfit makes of it, since whether it runs in
 * depends on how full that paragraph's last line is).
 */
export function withCreditPart(ctx: MakeupContext, parts: FlowPart[], text: string, o: CreditOptions): { parts: FlowPart[]; credit: string[] } {
  const last = parts[parts.length - 1];
  if (!o.runIn || !last?.set) {
    const made = withCredit(ctx, [], text, { ...o, runIn: false });
    return { parts: [...parts, { lines: made.lines }], credit: made.credit };
  }
  const made = withCredit(ctx, last.lines, text, o);
  const fit = last.fit;
  const memo = new Map<number, ReturnType<NonNullable<FlowPart["fit"]>["vary"]>>();
  // The credit on a line of its own: the paragraph tightened in as many lines so that the credit
  // runs in after its last is one more way to take a line off the copy (as a 缩 −1).
  const room = made.room;
  const runsIn = (d: number) => d === -1 && room !== undefined && fit?.withRoom !== undefined;
  const tightenedToRunIn = () => {
    const v = fit!.withRoom!(room!);
    if (!v) return undefined;
    const lines = withCredit(ctx, v.lines, text, o).lines;
    return lines.length === made.lines.length - 1 ? { ...v, delta: -1, lines } : undefined;
  };
  const part: FlowPart = {
    lines: made.lines,
    set: last.set,
    ...(fit
      ? {
          fit: {
            paragraph: fit.paragraph,
            estimate: (d: number) => (runsIn(d) ? Math.min(fit.estimate(d), fit.estimateRoom!(room!)) : fit.estimate(d)),
            vary: (d: number) => {
              if (!memo.has(d)) {
                const shorter = fit.vary(d);
                let v = shorter && { ...shorter, lines: withCredit(ctx, shorter.lines, text, o).lines };
                if (runsIn(d)) {
                  // Of the two, the one that changes the spacing least.
                  const t = tightenedToRunIn();
                  if (t && (!v || Math.abs(t.emPerGap) < Math.abs(v.emPerGap))) v = t;
                }
                memo.set(d, v);
              }
              return memo.get(d);
            },
          },
        }
      : {}),
  };
  return { parts: [...parts.slice(0, -1), part], credit: made.credit };
}
