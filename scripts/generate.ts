/**
 * Writes the files derived from the template and the rules: the snippets and the JSON Schema
 * of `.scenariolintrc.json`. A test fails when the committed files differ from what this writes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generatedFiles } from "./generated";

const root = join(__dirname, "..");
for (const [relativePath, contents] of Object.entries(generatedFiles())) {
  writeFileSync(join(root, relativePath), contents);
  console.log(`wrote ${relativePath}`);
}
