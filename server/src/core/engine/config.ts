import Ajv, { type ErrorObject } from "ajv";
import { CONFIG_FILE_NAME } from "../template/fileName";
import type { ConfiguredSeverity, Rule } from "./types";
import { DEFAULT_LIMITS, type InputLimits } from "./limits";

/**
 * Configuration as read from `.scenariolintrc.json`:
 *   { "rules": { "<rule-id>": "off" | "warn" | "error" | ["warn", { ...options }] } }
 * Validation is strict: an unknown rule id, a bad severity or an option the rule does not
 * declare is an error with a message that names it, never silently ignored.
 */
export { CONFIG_FILE_NAME };

export interface RuleSetting {
  severity: ConfiguredSeverity;
  options: Record<string, unknown>;
}

/** A complete configuration: every known rule has a setting, and every input limit a value. */
export interface LintConfig {
  rules: Record<string, RuleSetting>;
  limits: InputLimits;
  /**
   * Which files the CLI treats as scenarios (the extension's `scenarioLint.scenarioFolders`
   * setting says the same for the editor): files with a folder of one of these names above them,
   * unless an `ignores` glob (relative to the configuration file's folder) matches. Undefined
   * means the host's default.
   */
  scenarioFolders?: string[];
  ignores?: string[];
}

export interface ConfigResult {
  config: LintConfig;
  /** Human-readable problems; when non-empty the configuration must not be trusted. */
  errors: string[];
}

const SEVERITIES: readonly ConfiguredSeverity[] = ["off", "warn", "error"];
const TOP_LEVEL_KEYS: readonly string[] = ["rules", "limits", "scenarioFolders", "ignores", "$schema"];

export function defaultConfig(rules: readonly Rule[]): LintConfig {
  const config: LintConfig = { rules: {}, limits: { ...DEFAULT_LIMITS } };
  for (const rule of rules) {
    config.rules[rule.meta.id] = { severity: rule.meta.defaultSeverity, options: { ...(rule.meta.defaultOptions ?? {}) } };
  }
  return config;
}

// Created on first use: most runs use no options at all and should not pay for the compiler.
let ajv: Ajv | undefined;
const validators = new Map<string, ReturnType<Ajv["compile"]>>();

function optionsValidator(rule: Rule) {
  let validate = validators.get(rule.meta.id);
  if (!validate) {
    ajv ??= new Ajv({ allErrors: true, strict: true });
    validate = ajv.compile(rule.meta.optionsSchema ?? { type: "object", additionalProperties: false });
    validators.set(rule.meta.id, validate);
  }
  return validate;
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath ? `'${error.instancePath.slice(1).replace(/\//g, ".")}'` : "the options";
  if (error.keyword === "additionalProperties") {
    return `unknown option '${String(error.params["additionalProperty"])}'`;
  }
  return `${where} ${error.message ?? "is invalid"}`;
}

/**
 * Turns raw JSON (already parsed) into a complete configuration. `source` names where it came
 * from, for messages. Rules not mentioned keep their defaults.
 */
export function resolveConfig(raw: unknown, rules: readonly Rule[], source = CONFIG_FILE_NAME): ConfigResult {
  const config = defaultConfig(rules);
  const errors: string[] = [];
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { config, errors: [`${source}: expected a JSON object such as { "rules": { ... } }.`] };
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.includes(key)) errors.push(`${source}: unknown top-level key '${key}'; expected one of ${TOP_LEVEL_KEYS.filter((known) => known !== "$schema").map((known) => `"${known}"`).join(", ")}.`);
  }
  for (const key of ["scenarioFolders", "ignores"] as const) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || item.trim() === "")) {
      errors.push(`${source}: "${key}" must be an array of non-empty strings, such as ${key === "ignores" ? '["scenarios/drafts/**"]' : '["designs"]'}.`);
    } else if (key === "scenarioFolders" && value.some((item) => /[\\/]/.test(item))) {
      errors.push(`${source}: "scenarioFolders" names folders, not paths: ${JSON.stringify(value.find((item) => /[\\/]/.test(item)))} contains a slash.`);
    } else {
      config[key] = [...value];
    }
  }
  const limitsValue = (raw as Record<string, unknown>)["limits"];
  if (limitsValue !== undefined) {
    if (typeof limitsValue !== "object" || limitsValue === null || Array.isArray(limitsValue)) {
      errors.push(`${source}: "limits" must be an object such as { "maxLines": 100000 }.`);
    } else {
      for (const [key, value] of Object.entries(limitsValue)) {
        if (!(key in DEFAULT_LIMITS)) errors.push(`${source}: unknown limit '${key}'; known limits: ${Object.keys(DEFAULT_LIMITS).join(", ")}.`);
        else if (!Number.isSafeInteger(value) || (value as number) < 1) errors.push(`${source}: limit '${key}' must be a whole number of at least 1, not ${JSON.stringify(value)}.`);
        else config.limits[key as keyof InputLimits] = value as number;
      }
    }
  }
  const rulesValue = (raw as Record<string, unknown>)["rules"];
  if (rulesValue === undefined) return { config, errors };
  if (typeof rulesValue !== "object" || rulesValue === null || Array.isArray(rulesValue)) {
    return { config, errors: [...errors, `${source}: "rules" must be an object mapping rule ids to settings.`] };
  }
  const byId = new Map(rules.map((rule) => [rule.meta.id, rule]));
  for (const [ruleId, setting] of Object.entries(rulesValue)) {
    const rule = byId.get(ruleId);
    if (!rule) {
      errors.push(`${source}: unknown rule '${ruleId}'; known rules: ${[...byId.keys()].join(", ")}.`);
      continue;
    }
    const [severity, options] = Array.isArray(setting) ? [setting[0], setting[1]] : [setting, undefined];
    if (Array.isArray(setting) && (setting.length < 1 || setting.length > 2)) {
      errors.push(`${source}: rule '${ruleId}': expected "severity" or [severity, options].`);
      continue;
    }
    if (!SEVERITIES.includes(severity as ConfiguredSeverity)) {
      errors.push(`${source}: rule '${ruleId}': severity must be "off", "warn" or "error", not ${JSON.stringify(severity)}.`);
      continue;
    }
    const merged = { ...(rule.meta.defaultOptions ?? {}), ...(options ?? {}) };
    if (options !== undefined) {
      if (typeof options !== "object" || options === null || Array.isArray(options)) {
        errors.push(`${source}: rule '${ruleId}': options must be an object.`);
        continue;
      }
      const validate = optionsValidator(rule);
      if (!validate(merged)) {
        const details = (validate.errors ?? []).map(describeAjvError).join("; ");
        errors.push(`${source}: rule '${ruleId}': ${details}.`);
        continue;
      }
    }
    config.rules[ruleId] = { severity: severity as ConfiguredSeverity, options: merged };
  }
  return { config, errors };
}

/** The JSON Schema of `.scenariolintrc.json`, derived from the rules so it cannot drift. */
export function configJsonSchema(rules: readonly Rule[]): Record<string, unknown> {
  const severity = { enum: SEVERITIES };
  const properties: Record<string, unknown> = {};
  for (const rule of rules) {
    properties[rule.meta.id] = {
      description: rule.meta.description,
      oneOf: [
        severity,
        {
          type: "array",
          prefixItems: [severity, rule.meta.optionsSchema ?? { type: "object", additionalProperties: false }],
          items: false,
          minItems: 1,
        },
      ],
    };
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "scenario-lint configuration (.scenariolintrc.json)",
    type: "object",
    additionalProperties: false,
    properties: {
      $schema: { type: "string" },
      rules: { type: "object", additionalProperties: false, properties },
      scenarioFolders: {
        description: "The CLI lints files with a folder of one of these names above them (default: [\"scenarios\"]), as the extension's scenarioLint.scenarioFolders setting does in the editor.",
        type: "array",
        items: { type: "string", minLength: 1, pattern: "^[^/\\\\]+$" },
      },
      ignores: {
        description: "Globs, relative to this file's folder, of Markdown files the CLI never lints (e.g. \"scenarios/drafts/**\").",
        type: "array",
        items: { type: "string", minLength: 1 },
      },
      limits: {
        description: "How much input a file may hold before it is declined unchecked (see docs/rules/input-limits.md).",
        type: "object",
        additionalProperties: false,
        properties: Object.fromEntries(Object.entries(DEFAULT_LIMITS).map(([key, value]) => [key, { type: "integer", minimum: 1, default: value }])),
      },
    },
  };
}
