/**
 * The layout JSON Schema as the text committed in schema/layout.schema.json. Write it anew with
 *   npm run build && node scripts/emit-schema.mjs
 * A test checks that the committed file equals what this emits.
 */
import { layoutJsonSchema } from "./schema.js";

export function layoutJsonSchemaText(): string {
  return JSON.stringify(layoutJsonSchema(), null, 2) + "\n";
}
