/**
 * Turning problems in a layout file into PaibanErrors that name the file, the JSON path and
 * the line, e.g.
 *   layouts/quxian.json: items[2].area.span: span 5 from column 6 reaches column 10, but the grid has 9 columns (line 31, column 38)
 */
import { PaibanError } from "../common/diagnostics.js";
import { type JsonDocument, type JsonPath, lineColumn, pathText } from "./json.js";

export class LayoutSource {
  constructor(
    /** The file as the user named it (what messages print). */
    readonly file: string,
    readonly text: string,
    readonly doc: JsonDocument,
  ) {}

  /** Where a path starts in the file: the value, or its key, or the nearest enclosing value. */
  offsetOf(path: JsonPath, preferKey = false): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const key = pathText(path.slice(0, n));
      const at = preferKey ? (this.doc.keyAt.get(key) ?? this.doc.valueAt.get(key)) : (this.doc.valueAt.get(key) ?? this.doc.keyAt.get(key));
      if (at !== undefined) return at;
    }
    return undefined;
  }

  error(path: JsonPath, message: string, opts: { atKey?: boolean } = {}): PaibanError {
    const offset = this.offsetOf(path, opts.atKey);
    const place = offset === undefined ? "" : ` (${describeLine(this.text, offset)})`;
    return new PaibanError(message + place, { file: this.file, where: pathText(path) || undefined });
  }
}

export function describeLine(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/** Numbers in messages: at most two decimals, no trailing zeros. */
export function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
