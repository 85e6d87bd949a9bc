/** Command ids and names shared by the manifest, the client and tests. */
export const COMMAND_NEW_SCENARIO = "scenarioLint.newScenario";
export const SETTINGS_SECTION = "scenarioLint";
export const CLIENT_ID = "scenarioLint";
export const CLIENT_NAME = "Scenario Lint";
