import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { layoutJsonSchemaText } from "../../src/layout/emit-schema.js";
import { layoutJsonSchema } from "../../src/layout/schema.js";

const committed = fileURLToPath(new URL("../../schema/layout.schema.json", import.meta.url));

describe("layout JSON Schema", () => {
  it("the committed schema/layout.schema.json is what the zod definition emits (run: node scripts/emit-schema.mjs)", () => {
    expect(readFileSync(committed, "utf8")).toBe(layoutJsonSchemaText());
  });

  it("is strict and names its parts", () => {
    const schema = layoutJsonSchema() as { additionalProperties: boolean; required: string[]; $defs: Record<string, { additionalProperties?: boolean }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["paper", "date", "page"]);
    for (const name of ["Story", "Photo", "Sidebar", "Rule", "TextStyle", "BodyStyle", "GridRect", "Colour", "Trim"]) {
      expect(schema.$defs).toHaveProperty(name);
    }
    expect(schema.$defs.Story!.additionalProperties).toBe(false);
  });

  it("publishes the length pattern so editors flag bare numbers and unknown units", () => {
    const text = layoutJsonSchemaText();
    expect(text).toContain("(?:mm|pt|em|字|lines?|行|col|栏)$");
  });
});
