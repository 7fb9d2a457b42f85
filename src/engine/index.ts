/** The scoring engine: pure functions over cell arrays. No Apps Script globals, no clock, no I/O. */
export * from './types';
export { normalizeKey, spellingKey, isBlank, isErrorValue, toNumber, toBool, roundPoints, formatNumber, columnLetter } from './text';
export {
  dayInZone,
  dayOfDateArgument,
  fixedOffsetMinutes,
  zoneOffsets,
  parseDateText,
  dayToIso,
  dayFromParts,
  readDay,
  isValidTimeZone,
} from './dates';
export { isFreeEmail } from './freeEmail';
export { compileSafeRegex } from './regex';
export { OPERATORS, parseOperator, compileCondition, compileTest } from './operators';
export type { Condition, Reading, TestContext } from './operators';
export { parseRules, RULE_HEADERS, CATEGORY_NAMES, PER_VALUES } from './rules';
export type { CompiledRule, ParsedRules } from './rules';
export type { ParsedSettingsResult, SettingKey, ThresholdFault } from './settings';
export { parseSettings, DEFAULT_SETTINGS, SETTING_ROWS, checkThresholds, thresholdFault, normalizeColour } from './settings';
export { bindRules } from './bind';
export type { BoundRule } from './bind';
export { repeatSum, decay, gradeFor, bucketFor } from './score';
export { formatWhy, signedPoints, contributionDetail } from './why';
export { prepareRun, bindRun, scoreRows, scoreBoundRows, scoreRowsAsOf, runModel, resolveTimeZone, resolveAsOf, usesActivity } from './run';
export type { RunInput, PreparedRun, Leads, ScoredRows, ModelInput, ModelRun } from './run';
// The Leads tab's layout: moving to the Leads tab adapter (issue 11).
export { RESULT_NAMES, isResultName, type ResultName } from './output';
export { starterRulesGrid, EXAMPLE_LEAD_HEADERS, EXAMPLE_AS_OF } from './starter';
export { readOutcome, parseOutcomes, WON_WORDS, LOST_WORDS } from './outcomes';
export type { Outcome, OutcomeSummary } from './outcomes';
export {
  backtest,
  aucOf,
  wilson,
  bandOf,
  suggestByConversion,
  suggestByCapacity,
  MIN_GROUP,
  MIN_DECIDED_FOR_AUC,
  LEAD_DATE_HEADERS,
} from './backtest';
export type {
  BacktestReport,
  BacktestResult,
  GroupFigures,
  RuleFigures,
  ThresholdSuggestion,
  BacktestOptions,
  Decided,
  RuleFlag,
  ChallengerFigures,
  BucketMove,
} from './backtest';
export { challengerTabProblem, challengerProblems } from './challenger';
export { DEFAULT_CAPACITY_PER_WEEK, aucSentence } from './backtest';
export {
  ACTIVITY_HEADERS,
  activityName,
  parseActivity,
  summarizeActivity,
  activityNotices,
  compileActivityCondition,
} from './activity';
export type { ActivityIndex, ActivitySummary } from './activity';
export {
  ACCOUNT_HEADERS,
  accountOf,
  isEngaged,
  contactOf,
  accountScore,
  rollUpAccounts,
  accountRowCells,
  accountsOfLeads,
  accountsSummary,
  reasonLabel,
} from './accounts';
export type { AccountRow, Contact, AccountsRun, AccountOf } from './accounts';
