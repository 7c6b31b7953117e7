/** The layout stage: a layout file → EditionSpec. It does no I/O: see LayoutFiles. */
export { parseLayout, readLayoutSource, weekdayOf } from "./parse.js";
export type { LayoutFiles } from "./files.js";
export { layoutJsonSchema } from "./schema.js";
export { layoutJsonSchemaText } from "./emit-schema.js";
export type * from "./types.js";
