/** The layout stage: a layout file → EditionSpec. */
export { loadLayout, validateLayout, readLayoutSource, weekdayOf } from "./load.js";
export { layoutJsonSchema } from "./schema.js";
export { layoutJsonSchemaText } from "./emit-schema.js";
export type * from "./types.js";
