/** A cell value as `Range.getValues()` returns it (plus null/undefined, which callers may pass). */
export type Cell = string | number | boolean | Date | null | undefined;

/** Calendar day: whole days since 1970-01-01 (a date without a time or time zone). */
export type Day = number;

export type Category = 'Fit' | 'Behaviour' | 'Negative' | 'Disqualify';
/** The buckets, in the order counts and colours list them (README "Scoring"). */
export const BUCKETS = ['Hot', 'Warm', 'Cold', 'Disqualified'] as const;
export type Bucket = (typeof BUCKETS)[number];
export type Grade = 'A' | 'B' | 'C' | 'D';
export type Tab = 'Rules' | 'Settings' | 'Leads' | 'Activity';

/** Something wrong in a user's tab. `row` and `columnIndex` are 1-based sheet positions. */
export interface Problem {
  tab: Tab;
  row: number;
  /** The column's header as the user sees it, e.g. "Operator". */
  column: string;
  /** 1-based column in the tab (0 when the column itself is missing). */
  columnIndex: number;
  /** The reason alone, e.g. "'bigger than' is not an operator. Use one of: …". */
  reason: string;
  /** The full sentence: "Rules row 7, Operator: 'bigger than' is not an operator. …". */
  message: string;
}

export interface Colours {
  hot: string;
  warm: string;
  cold: string;
  disqualified: string;
}

export interface Settings {
  leadsSheet: string;
  headerRow: number;
  hotAt: number;
  warmAt: number;
  maxScore: number;
  maxFit: number | null;
  maxBehaviour: number | null;
  /** Blank = today. */
  asOf: Day | null;
  /** Blank = the spreadsheet's time zone. */
  timeZone: string | null;
  colours: Colours;
  gradeAAt: number;
  gradeBAt: number;
  gradeCAt: number;
  /** Backtest (README "Does the score work?"): the Leads header of won/lost outcomes; blank = none set. */
  outcomeColumn: string | null;
  /** Backtest: the Leads header of each lead's decision day (blank = every lead as of the As-of date). */
  outcomeDateColumn: string | null;
  /** A second rules tab scored beside Rules, into the Challenger score column (README "Challenger"); blank = none. */
  challengerRules: string | null;
  /** Points every lead starts with, before clamping (README "Scoring"; README "Tune the model from outcomes"). */
  baseScore: number;
  /** Suggest rules from outcomes: at most this many rules (README "Tune the model from outcomes"). */
  maxSuggestedRules: number;
  /** The Leads header that identifies a lead across runs and tabs (Score history, Activity); README "The Settings tab". */
  leadKeyColumn: string;
  /** Score history rows older than this many days are trimmed (README "Running by itself"). */
  keepHistoryDays: number;
  /** The tab of events, one a row (README "Activity"). */
  activitySheet: string;
  /** Accounts (README "Accounts"): the Leads header naming each lead's company; blank = none. */
  accountColumn: string | null;
  /** Accounts: derive the account from the email's domain (free-email domains left out). */
  accountFromEmailDomain: boolean;
  /** Accounts: how contact scores roll up into an account score. */
  accountScore: AccountScoreMethod;
  /** Accounts: a contact is engaged when it has behaviour points within this many days. */
  engagedDays: number;
  /** Suggest rules from outcomes ignores these Leads headers (README "Tune the model from outcomes"). */
  leaveOutOfSuggestions: string[];
}

/** How an account's score is made from its contacts' scores (README "Accounts"). */
export type AccountScoreMethod = 'best' | 'top 3 average' | 'sum capped at Max score';
export const ACCOUNT_SCORE_METHODS: readonly AccountScoreMethod[] = ['best', 'top 3 average', 'sum capped at Max score'];

export type OperatorName =
  | 'is'
  | 'is not'
  | 'contains'
  | 'does not contain'
  | 'starts with'
  | 'ends with'
  | '>'
  | '>='
  | '<'
  | '<='
  | 'between'
  | 'is empty'
  | 'is not empty'
  | 'matches'
  | 'within last days'
  | 'older than days'
  | 'is free email'
  | 'is true'
  | 'is false'
  /** Activity fields only (README "Activity"): at least one event. */
  | 'happened';

/** A rule as written in the Rules tab, validated but not yet tied to a Leads header row. */
export interface Rule {
  /** Sheet row in the Rules tab. */
  row: number;
  category: Category;
  field: string;
  operator: OperatorName;
  value: string;
  points: number;
  per: 'once' | 'each';
  repeatFactor: number;
  maxPoints: number | null;
  dateField: string | null;
  halfLifeDays: number | null;
  expiresAfterDays: number | null;
  note: string;
  /** The activity of a Field `Activity: <name>` (README "Activity"), as written; absent for a Leads column. */
  activityName?: string;
  /** 1-based columns of the rule's cells in the Rules tab, for problems found later. */
  columns: RuleColumns;
}

export interface RuleColumns {
  field: number;
  value: number;
  dateField: number;
}

/** What one rule gave one lead. */
export interface Contribution {
  ruleRow: number;
  category: Category;
  label: string;
  /** Points, or the repeat sum for `each`, before the cap. */
  uncapped: number;
  /** After Max points, before decay. */
  base: number;
  capped: boolean;
  /** After decay/expiry; signed as it counts (negative for Negative rules). */
  points: number;
  count: number | null;
  ageDays: number | null;
  halfLifeDays: number | null;
  expired: boolean;
  /** The rule has a Date field but this lead's cell is blank: counted without decay. */
  noDate: boolean;
  note: string;
  /** Activity rules: the events counted, the newest and oldest counted event's age (README "Activity"). */
  activity?: { events: number; latestDays: number; spanDays: number };
}

export interface LeadScore {
  /** Sheet row of the lead. */
  row: number;
  fit: number;
  behaviour: number;
  negative: number;
  /** Unrounded sums before the category caps. */
  fitUncapped: number;
  behaviourUncapped: number;
  score: number;
  bucket: Bucket;
  grade: Grade;
  why: string;
  /** The rules that applied, largest magnitude first (ties: Rules row), the order Why uses. Empty in bulk scoring. */
  contributions: Contribution[];
  /** Labels of the Disqualify rules that hold. */
  disqualifiedBy: string[];
  /** Problems with this lead's own cells (e.g. a date that is not a date). */
  issues: string[];
}
