// Writes schema/layout.schema.json (or the path given) from the zod definition.
// Run after a build: npm run build && node scripts/emit-schema.mjs [out]
import { writeFileSync } from "node:fs";
import { layoutJsonSchemaText } from "../dist/layout/emit-schema.js";

const out = process.argv[2] ?? new URL("../schema/layout.schema.json", import.meta.url).pathname;
writeFileSync(out, layoutJsonSchemaText());
console.log(`wrote ${out}`);
