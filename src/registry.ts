/**
 * The one list of everything Apps Script must see as a top-level function — triggers, menu
 * actions, sidebar RPCs and custom functions — as pure data: no imports, so build.mjs reads it
 * without bundling the add-on. build.mjs writes a stub for each entry into dist/Code.js (with the
 * custom functions' JSDoc, which esbuild would otherwise drop) and the manifest dist/globals.json
 * (this object as JSON), which the local host reads. src/main.ts maps each name to its function;
 * the compiler and test/bundle check that the two lists hold the same names.
 */
export interface CustomFunctionDoc {
  description: string;
  params: ReadonlyArray<{ name: string; type: string; description: string; optional?: boolean }>;
  returns: string;
}

export type GlobalKind = 'trigger' | 'menu' | 'rpc' | 'customFunction';

export interface GlobalEntry {
  kind: GlobalKind;
  doc?: CustomFunctionDoc;
}

const leadParams = [
  { name: 'headers', type: 'A1:T1', description: 'The Leads header row (fields are found by these names).' },
  { name: 'leads', type: 'A2:T500', description: 'One or more lead rows, the same columns as the header row.' },
  { name: 'as_of', type: 'date', description: 'Score as of this date, e.g. TODAY() (blank: today).', optional: true },
  {
    name: 'rules',
    type: 'Rules!A1:M40',
    description: 'The Rules tab range; pass it so results update when a rule changes (blank: read the Rules tab).',
    optional: true,
  },
  {
    name: 'settings',
    type: 'Settings!A1:C20',
    description: 'The Settings tab range; pass it so results update when a threshold changes (blank: read the Settings tab).',
    optional: true,
  },
  {
    name: 'activity',
    type: 'Activity!A1:E5000',
    description:
      "The Activity tab range (Lead key, Activity, Date, Count, Detail) for rules on 'Activity: <name>' (blank: read the Activity tab when a rule needs it).",
    optional: true,
  },
];

export const GLOBALS = {
  onOpen: { kind: 'trigger' },
  onInstall: { kind: 'trigger' },
  setUpScoring: { kind: 'menu' },
  scoreLeads: { kind: 'menu' },
  backtest: { kind: 'menu' },
  // Suggest rules from outcomes and Use these rules (README "Tune the model from outcomes").
  suggestRules: { kind: 'menu' },
  useSuggestedRules: { kind: 'menu' },
  removeColours: { kind: 'menu' },
  showSidebar: { kind: 'menu' },
  // Rescore every day (src/triggers/daily.ts): the menu toggle and the time-driven trigger's handler.
  toggleDailyRescore: { kind: 'menu' },
  dailyRescore: { kind: 'trigger' },
  // The sidebar's server functions (src/sidebar-api's sidebarApi, same names).
  getOverview: { kind: 'rpc' },
  scoreNow: { kind: 'rpc' },
  getThresholds: { kind: 'rpc' },
  saveThresholds: { kind: 'rpc' },
  getRuleProblems: { kind: 'rpc' },
  selectProblemCell: { kind: 'rpc' },
  explainLead: { kind: 'rpc' },
  getBacktest: { kind: 'rpc' },
  applyThresholdSuggestion: { kind: 'rpc' },
  // What-if (issue 13): the leads loaded once for rescoring in the page; Save to Rules.
  loadWhatIf: { kind: 'rpc' },
  saveWhatIf: { kind: 'rpc' },
  // Suggest points from outcomes (README "Tune the model from outcomes"): the suggestion, Write to tab, Use these rules.
  getSuggestion: { kind: 'rpc' },
  writeSuggestion: { kind: 'rpc' },
  useSuggestion: { kind: 'rpc' },
  // The backtest's figures as one JSON object, for the CLI's `backtest` (README "Does the score work?").
  backtestReport: { kind: 'rpc' },
  // The suggestion as one JSON object, for the CLI's `suggest` (README "Tune the model from outcomes").
  suggestReport: { kind: 'rpc' },
  // Rescore every day for the sidebar's switch (on/off, hour) and its "Last automatic run".
  getDailyRescore: { kind: 'rpc' },
  setDailyRescore: { kind: 'rpc' },
  // The sidebar overview's Changes since last run and Going cold soon (README "Running by itself").
  getRunChanges: { kind: 'rpc' },
  // Rescore new form responses and the email digest (src/triggers/formSubmit.ts, src/alerts/): the
  // menu toggle, the form-submit trigger's handler, the sidebar's switches.
  toggleFormRescore: { kind: 'menu' },
  rescoreFormResponse: { kind: 'trigger' },
  getAutomation: { kind: 'rpc' },
  setFormResponsesSwitch: { kind: 'rpc' },
  setDigestSwitch: { kind: 'rpc' },
  // Accounts (README "Accounts"): the menu item and the sidebar's top accounts.
  scoreAccounts: { kind: 'menu' },
  getAccounts: { kind: 'rpc' },
  scoreAccountsNow: { kind: 'rpc' },
  // Export model as SQL (README "When your leads outgrow Sheets"): the menu's dialog, and the SQL as JSON for the CLI's `sql`.
  showExportSql: { kind: 'menu' },
  exportModelAsSql: { kind: 'rpc' },
  openExportSqlDialog: { kind: 'rpc' },
  LEADSCORE: {
    kind: 'customFunction',
    doc: {
      description: 'Lead score (0–100 by default) for each lead row, using the Rules and Settings tabs.',
      params: leadParams,
      returns: 'One score per row; blank rows stay blank.',
    },
  },
  LEADSCORE_DETAILS: {
    kind: 'customFunction',
    doc: {
      description: 'Fit, Behaviour, Negative, Score, Bucket, Grade and Why for each lead row, spilled as seven columns.',
      params: leadParams,
      returns: 'Seven columns per row.',
    },
  },
  LEADSCORE_WHY: {
    kind: 'customFunction',
    doc: {
      description: 'Why each lead scored what it did: the rules that counted, largest first.',
      params: leadParams,
      returns: 'One line of text per row.',
    },
  },
  LEADSCORE_BUCKET: {
    kind: 'customFunction',
    doc: {
      description: 'Hot, Warm or Cold for a score, by the Hot at / Warm at settings.',
      params: [
        { name: 'score', type: 'number', description: 'A score, or a column of scores.' },
        {
          name: 'settings',
          type: 'Settings!A1:C20',
          description: 'The Settings tab range (blank: read the Settings tab).',
          optional: true,
        },
      ],
      returns: 'The bucket name for each score.',
    },
  },
  LEADSCORE_DECAY: {
    kind: 'customFunction',
    doc: {
      description: 'Time decay: points × 0.5^(age ÷ half-life), age in whole days from event_date to as_of.',
      params: [
        { name: 'points', type: 'number', description: 'The points before decay (a number or a range).' },
        { name: 'event_date', type: 'date', description: 'When it happened (a date or a range of dates; blank: no decay).' },
        { name: 'half_life_days', type: 'number', description: 'Days after which the points are worth half.' },
        { name: 'as_of', type: 'date', description: 'Measure age up to this date (blank: today).', optional: true },
      ],
      returns: 'The decayed points.',
    },
  },
  // Going cold soon as a formula (README "Running by itself"); LEADSCORE_DETAILS gains no column for it.
  LEADSCORE_DROPS_ON: {
    kind: 'customFunction',
    doc: {
      description:
        'The day each Hot lead falls below Hot at if nothing new happens (its decays and expiries), as yyyy-mm-dd; blank when not Hot or still Hot 90 days on.',
      params: leadParams,
      returns: 'One date (yyyy-mm-dd text) or blank per row.',
    },
  },
  LEADSCORE_ACCOUNT: {
    kind: 'customFunction',
    doc: {
      description: "Account score for each lead row: the lead's account rolled up from the scores of every lead of the same account.",
      params: [
        { name: 'accounts', type: 'C2:C500', description: 'The account of each lead (e.g. the Company column); blank: no account.' },
        { name: 'scores', type: 'X2:X500', description: 'The score of each lead, the same rows (e.g. the Score column or LEADSCORE).' },
        {
          name: 'method',
          type: 'text',
          description: 'best, top 3 average, or sum capped at Max score (blank: the Account score setting).',
          optional: true,
        },
      ],
      returns: 'One account score per row; blank where the lead has no account.',
    },
  },
} satisfies Record<string, GlobalEntry>;

export type GlobalName = keyof typeof GLOBALS;
