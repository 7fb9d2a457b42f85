/** The scoring engine: pure functions over cell arrays. No Apps Script globals, no clock, no I/O. */
export * from './types';
export { normalizeKey, isBlank, isErrorValue, toNumber, toBool, roundPoints, formatNumber, columnLetter } from './text';
export { dayInZone, dayOfDateArgument, fixedOffsetMinutes, zoneOffsets, parseDateText, dayToIso, dayFromParts, readDay, isValidTimeZone } from './dates';
export { isFreeEmail } from './freeEmail';
export { compileSafeRegex } from './regex';
export { OPERATORS, parseOperator, compileTest } from './operators';
export { parseRules, RULE_HEADERS, CATEGORY_NAMES, PER_VALUES } from './rules';
export type { ParsedSettingsResult, SettingKey } from './settings';
export { parseSettings, DEFAULT_SETTINGS, SETTING_ROWS, checkThresholds, normalizeColour } from './settings';
export { scoreLeads, bindRules, OUTPUT_HEADERS, isOutputHeader, repeatSum, decay, gradeFor, bucketFor } from './score';
export { formatWhy, signedPoints, contributionDetail } from './why';
export { runModel, outputRow, resolveTimeZone, resolveAsOf } from './model';
export type { ModelInput, ModelRun } from './model';
export { starterRulesGrid, EXAMPLE_LEAD_HEADERS } from './starter';
