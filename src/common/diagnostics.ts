/**
 * Diagnostics shared by every stage: warnings that go into the layout report, and the one
 * error type that reaches the user as a clear message (never a stack trace).
 */

export type WarningCode =
  | "font-fallback"
  | "missing-glyph"
  | "overset"
  | "widow"
  | "overlap"
  | "collision"
  | "small-text"
  | "image-resolution"
  | "image-colour"
  | "ink-limit"
  | "copy-encoding"
  | "copy"
  | "layout";

export interface Warning {
  code: WarningCode;
  message: string;
  /** The story / item the warning is about, when there is one. */
  itemId?: string;
  /** Paragraph index (0-based) and character offset, for text warnings. */
  paragraph?: number;
  offset?: number;
}

/**
 * An error the user caused and can fix: bad layout, missing file, unreadable font.
 * `file` and `path` say where; the CLI prints `file: path: message` and exits with `exitCode`.
 */
export class PaibanError extends Error {
  readonly file?: string;
  /** JSON path (e.g. `items[2].area.span`) or `line:column` inside the file. */
  readonly where?: string;
  readonly exitCode: number;

  constructor(message: string, opts: { file?: string; where?: string; exitCode?: number } = {}) {
    super(message);
    this.name = "PaibanError";
    this.file = opts.file;
    this.where = opts.where;
    this.exitCode = opts.exitCode ?? 1;
  }

  /** The one line the CLI prints. */
  format(): string {
    const place = [this.file, this.where].filter(Boolean).join(": ");
    return printable(place ? `${place}: ${this.message}` : this.message);
  }
}

/**
 * Text as it may reach a terminal: control characters (NUL, ESC, line breaks, C1 controls) and
 * the bidirectional overrides, which an id or a file name can carry, written as escapes (\x1B,
 * \u202E), so a message is always one line and never recolours, moves or hides what follows.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const cp = ch.codePointAt(0)!;
    return cp <= 0xff ? `\\x${cp.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${cp.toString(16).toUpperCase()}`;
  });
}
