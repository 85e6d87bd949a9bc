import { configJsonSchema } from "../server/src/core/engine/config";
import { RULES } from "../server/src/core/rules";
import { buildSnippets } from "../server/src/core/features/snippets";

/** Every generated file, by path relative to the repository root, with its exact contents. */
export function generatedFiles(): Record<string, string> {
  return {
    "snippets/scenario.code-snippets": `${JSON.stringify(buildSnippets(), null, 2)}\n`,
    "schemas/scenariolintrc.schema.json": `${JSON.stringify(configJsonSchema(RULES), null, 2)}\n`,
  };
}
