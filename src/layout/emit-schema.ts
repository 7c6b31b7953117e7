/**
 * Writes schema/layout.schema.json from the zod definition:
 *   npm run build && node dist/layout/emit-schema.js
 * A test checks that the committed file equals what this emits.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { layoutJsonSchema } from "./schema.js";

export function layoutJsonSchemaText(): string {
  return JSON.stringify(layoutJsonSchema(), null, 2) + "\n";
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? "schema/layout.schema.json";
  writeFileSync(out, layoutJsonSchemaText());
  console.log(`wrote ${out}`);
}
