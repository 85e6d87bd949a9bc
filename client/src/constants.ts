/** Identifiers of the language client; command ids and protocol names live in server/src/shared/protocol.ts. */
export const SETTINGS_SECTION = "scenarioLint";
export const CLIENT_ID = "scenarioLint";
export const CLIENT_NAME = "Scenario Lint";
