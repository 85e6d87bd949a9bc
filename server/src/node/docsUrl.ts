import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The rule documentation pages ship with the package in `docs/rules/`. The bundles live in
 * `dist/`, so the pages are one folder up from this code once built.
 */
export function defaultDocsBaseUrl(bundleDirectory: string): string {
  return `${pathToFileURL(join(bundleDirectory, "..", "docs", "rules")).href}/`;
}

/** The documentation URL of a rule, given a base ending in "/". */
export function ruleDocUrl(baseUrl: string, ruleId: string): string {
  return `${baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`}${ruleId}.md`;
}
