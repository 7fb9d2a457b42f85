import { ACCOUNT_SCORE_METHODS, type Cell, type Day, type Problem, type Settings } from './types';
import { isBlank, normalizeKey, spellingKey, toNumber, toBool, closestName } from './text';
import { indexHeaders } from './columns';
import { isValidTimeZone, parseDateText, readDay, dayToIso } from './dates';
import { problem } from './problems';

export const DEFAULT_SETTINGS: Settings = {
  leadsSheet: 'Leads',
  headerRow: 1,
  hotAt: 70,
  warmAt: 40,
  maxScore: 100,
  maxFit: null,
  maxBehaviour: null,
  asOf: null,
  timeZone: null,
  colours: { hot: '#f4c7c3', warm: '#fce8b2', cold: '#c9daf8', disqualified: '#d9d9d9' },
  gradeAAt: 30,
  gradeBAt: 20,
  gradeCAt: 10,
  outcomeColumn: null,
  outcomeDateColumn: null,
  challengerRules: null,
  baseScore: 0,
  maxSuggestedRules: 10,
  leadKeyColumn: 'Email',
  keepHistoryDays: 365,
  activitySheet: 'Activity',
  accountColumn: null,
  accountFromEmailDomain: false,
  accountScore: 'best',
  engagedDays: 30,
  leaveOutOfSuggestions: [],
};

type Key =
  | 'leadsSheet'
  | 'headerRow'
  | 'hotAt'
  | 'warmAt'
  | 'maxScore'
  | 'maxFit'
  | 'maxBehaviour'
  | 'asOf'
  | 'timeZone'
  | 'hotColour'
  | 'warmColour'
  | 'coldColour'
  | 'disqualifiedColour'
  | 'gradeAAt'
  | 'gradeBAt'
  | 'gradeCAt'
  | 'outcomeColumn'
  | 'outcomeDateColumn'
  | 'challengerRules'
  | 'baseScore'
  | 'maxSuggestedRules'
  | 'leadKeyColumn'
  | 'keepHistoryDays'
  | 'activitySheet'
  | 'accountColumn'
  | 'accountFromEmailDomain'
  | 'accountScore'
  | 'engagedDays'
  | 'leaveOutOfSuggestions';

/** The Settings tab as Set up writes it: name, default and what it means. */
export const SETTING_ROWS: Array<{ key: Key; name: string; value: string | number; help: string }> = [
  { key: 'leadsSheet', name: 'Leads sheet', value: 'Leads', help: 'The tab holding one lead per row.' },
  { key: 'headerRow', name: 'Header row', value: 1, help: 'The row of the Leads tab that holds the column headers.' },
  { key: 'hotAt', name: 'Hot at', value: 70, help: 'A score at or above this is Hot (call within the hour).' },
  { key: 'warmAt', name: 'Warm at', value: 40, help: 'A score at or above this (and below Hot at) is Warm (SDR review).' },
  { key: 'maxScore', name: 'Max score', value: 100, help: 'Scores are clamped to 0..Max score.' },
  {
    key: 'baseScore',
    name: 'Base score',
    value: 0,
    help: 'Points every lead starts with, before the rules and the clamp to 0..Max score (may be negative; Suggest rules from outcomes proposes one).',
  },
  { key: 'maxFit', name: 'Max fit', value: '', help: 'Cap on the fit total (blank = no cap).' },
  { key: 'maxBehaviour', name: 'Max behaviour', value: '', help: 'Cap on the behaviour total (blank = no cap).' },
  { key: 'asOf', name: 'As-of date', value: '', help: 'Score as if today were this date (blank = today). Decay is measured from it.' },
  {
    key: 'timeZone',
    name: 'Time zone',
    value: '',
    help: "Which day 'today' is when As-of date is blank: an IANA name such as Europe/Berlin, or a fixed offset such as GMT-07:00 (blank = the spreadsheet's). Date cells are always read in the spreadsheet's zone.",
  },
  { key: 'hotColour', name: 'Hot colour', value: DEFAULT_SETTINGS.colours.hot, help: 'Row colour for Hot leads (#rrggbb).' },
  { key: 'warmColour', name: 'Warm colour', value: DEFAULT_SETTINGS.colours.warm, help: 'Row colour for Warm leads.' },
  { key: 'coldColour', name: 'Cold colour', value: DEFAULT_SETTINGS.colours.cold, help: 'Row colour for Cold leads.' },
  {
    key: 'disqualifiedColour',
    name: 'Disqualified colour',
    value: DEFAULT_SETTINGS.colours.disqualified,
    help: 'Row colour for Disqualified leads.',
  },
  { key: 'gradeAAt', name: 'Grade A at', value: 30, help: 'Fit points for grade A.' },
  { key: 'gradeBAt', name: 'Grade B at', value: 20, help: 'Fit points for grade B.' },
  { key: 'gradeCAt', name: 'Grade C at', value: 10, help: 'Fit points for grade C (below: D).' },
  {
    key: 'outcomeColumn',
    name: 'Outcome column',
    value: '',
    help: 'For Backtest against outcomes: the Leads header saying whether a lead was won (won, yes, converted, a ticked box …) or lost (lost, no, an unticked box …); blank = still open.',
  },
  {
    key: 'outcomeDateColumn',
    name: 'Outcome date column',
    value: '',
    help: 'Optional, for the backtest: the Leads header holding the day each lead was decided; each lead is scored as of that day, so later activity cannot leak in (blank = every lead as of the As-of date).',
  },
  {
    key: 'challengerRules',
    name: 'Challenger rules',
    value: '',
    help: "Optional: the name of a second rules tab (e.g. Rules (suggested)). Score leads also writes its score into a 'Challenger score' column, and the backtest compares it with Rules (blank = none).",
  },
  {
    key: 'maxSuggestedRules',
    name: 'Max suggested rules',
    value: 10,
    help: 'Suggest rules from outcomes proposes at most this many rules (1 to 50).',
  },
  {
    key: 'leaveOutOfSuggestions',
    name: 'Leave out of suggestions',
    value: '',
    help: 'Suggest rules from outcomes ignores these Leads headers, comma-separated (e.g. columns filled in only after a sale).',
  },
  {
    key: 'leadKeyColumn',
    name: 'Lead key column',
    value: 'Email',
    help: 'The Leads header that identifies a lead across runs (Score history) and joins events (Activity tab); compared trimmed and case-insensitive.',
  },
  {
    key: 'keepHistoryDays',
    name: 'Keep history days',
    value: 365,
    help: 'Score history rows older than this many days are removed after each run (1 to 3650).',
  },
  {
    key: 'activitySheet',
    name: 'Activity sheet',
    value: 'Activity',
    help: "The tab of events (Lead key | Activity | Date | Count | Detail), used by rules whose Field is 'Activity: <name>'.",
  },
  {
    key: 'accountColumn',
    name: 'Account column',
    value: '',
    help: "For Score accounts: the Leads header naming each lead's company (blank = none, or see Account from email domain).",
  },
  {
    key: 'accountFromEmailDomain',
    name: 'Account from email domain',
    value: 'no',
    help: "yes = when Account column is blank, the account is the domain of the Lead key column's email (free-email domains such as gmail.com left out).",
  },
  {
    key: 'accountScore',
    name: 'Account score',
    value: 'best',
    help: 'How contact scores make an account score: best, top 3 average, or sum capped at Max score.',
  },
  {
    key: 'engagedDays',
    name: 'Engaged within days',
    value: 30,
    help: 'For Score accounts: a contact is engaged when it has behaviour points from the last this many days.',
  },
];

/** Setting names by spellingKey (so "Max behavior" and "Hot color" are found too), plus short forms. */
const ALIASES: Record<string, Key> = {
  ...Object.fromEntries(SETTING_ROWS.map((s) => [spellingKey(s.name), s.key])),
  leadstab: 'leadsSheet',
  asof: 'asOf',
  timezone: 'timeZone',
  gradea: 'gradeAAt',
  gradeb: 'gradeBAt',
  gradec: 'gradeCAt',
  outcome: 'outcomeColumn',
  outcomedate: 'outcomeDateColumn',
  challenger: 'challengerRules',
};

/**
 * What the bucket thresholds must satisfy (README "The Settings tab"): 0 ≤ Warm at < Hot at ≤ Max
 * score. The first rule broken, in this order, or null. The Settings tab and the sidebar both check
 * thresholds with it.
 */
export type ThresholdFault = 'negative' | 'hotAboveMax' | 'warmAboveMax' | 'warmNotBelowHot';
export function thresholdFault(hotAt: number, warmAt: number, maxScore: number): ThresholdFault | null {
  if (hotAt < 0 || warmAt < 0) return 'negative';
  if (hotAt > maxScore) return 'hotAboveMax';
  if (warmAt > maxScore) return 'warmAboveMax';
  return warmAt >= hotAt ? 'warmNotBelowHot' : null;
}

export interface ParsedSettings {
  settings: Settings;
  problems: Problem[];
  /** Sheet row of each setting, for writing a value back (sidebar thresholds). */
  rows: Partial<Record<Key, number>>;
  valueColumn: number;
  nameColumn: number;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function normalizeColour(text: string): string | null {
  const s = text.trim();
  if (!HEX.test(s)) return null;
  const h = s.slice(1).toLowerCase();
  return `#${
    h.length === 3
      ? h
          .split('')
          .map((c) => c + c)
          .join('')
      : h
  }`;
}

/**
 * Parses the Settings tab (`Setting | Value` header, then one setting a row). A bad value is
 * reported and its default used; unknown settings are reported, never silently ignored.
 */
export function parseSettings(grid: Cell[][] | null, dayOf: (d: Date) => Day | null = () => null): ParsedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS, colours: { ...DEFAULT_SETTINGS.colours } };
  const problems: Problem[] = [];
  const rows: ParsedSettings['rows'] = {};
  if (!grid || grid.length === 0) return { settings, problems, rows, valueColumn: 2, nameColumn: 1 };
  const headerIndex = grid.slice(0, 10).findIndex((row) => {
    const keys = row.map(normalizeKey);
    return keys.includes('setting') && keys.includes('value');
  });
  if (headerIndex < 0) {
    problems.push(problem('Settings', 0, '', 0, "no 'Setting | Value' header row found; the defaults are used."));
    return { settings, problems, rows, valueColumn: 2, nameColumn: 1 };
  }
  const headers = indexHeaders(grid[headerIndex]);
  const nameCol = headers.find('Setting');
  const valueCol = headers.find('Value');
  const names = SETTING_ROWS.map((s) => s.name);

  for (let r = headerIndex + 1; r < grid.length; r++) {
    const row = r + 1;
    const nameCell = grid[r][nameCol];
    const v = grid[r][valueCol];
    if (isBlank(nameCell)) {
      if (!isBlank(v)) problems.push(problem('Settings', row, 'Setting', nameCol + 1, `a value ('${String(v)}') has no setting name.`));
      continue;
    }
    const name = String(nameCell).trim();
    const key = ALIASES[spellingKey(name)];
    const bad = (reason: string) => problems.push(problem('Settings', row, 'Value', valueCol + 1, `${name}: ${reason}`));
    if (!key) {
      const hint = closestName(name, names);
      problems.push(
        problem(
          'Settings',
          row,
          'Setting',
          nameCol + 1,
          `'${name}' is not a setting.${hint ? ` Did you mean '${hint}'?` : ''} Settings are: ${names.join(', ')}.`,
        ),
      );
      continue;
    }
    if (rows[key] !== undefined) {
      problems.push(
        problem(
          'Settings',
          row,
          'Setting',
          nameCol + 1,
          `'${name}' is set twice (rows ${rows[key]} and ${row}); row ${rows[key]} is used.`,
        ),
      );
      continue;
    }
    rows[key] = row;
    const text = isBlank(v) ? '' : v instanceof Date ? '' : String(v).trim();
    const num = (ok: (n: number) => boolean, what: string): number | null => {
      const n = toNumber(v);
      if (n === null || !ok(n)) {
        bad(`'${text}' is not ${what}; the default is used.`);
        return null;
      }
      return n;
    };
    switch (key) {
      case 'leadsSheet':
        if (text) settings.leadsSheet = text;
        else bad(`blank; the default '${DEFAULT_SETTINGS.leadsSheet}' is used.`);
        break;
      case 'headerRow':
        if (isBlank(v)) break;
        settings.headerRow = num((n) => Number.isInteger(n) && n >= 1, 'a row number (1 or more)') ?? settings.headerRow;
        break;
      case 'hotAt':
      case 'warmAt':
      case 'maxScore':
      case 'gradeAAt':
      case 'gradeBAt':
      case 'gradeCAt':
        if (isBlank(v)) break;
        settings[key] =
          num((n) => (key === 'maxScore' ? n > 0 : n >= 0), key === 'maxScore' ? 'a number above 0' : 'a number of 0 or more') ??
          settings[key];
        break;
      case 'baseScore':
        if (isBlank(v)) break;
        settings.baseScore = num((n) => Number.isFinite(n) && Math.abs(n) <= 1e6, 'a number (it may be negative)') ?? settings.baseScore;
        break;
      case 'maxSuggestedRules':
        if (isBlank(v)) break;
        settings.maxSuggestedRules =
          num((n) => Number.isInteger(n) && n >= 1 && n <= 50, 'a whole number from 1 to 50') ?? settings.maxSuggestedRules;
        break;
      case 'keepHistoryDays':
      case 'engagedDays':
        if (isBlank(v)) break;
        settings[key] = num((n) => Number.isInteger(n) && n >= 1 && n <= 3650, 'a whole number of days from 1 to 3650') ?? settings[key];
        break;
      case 'leadKeyColumn':
      case 'activitySheet':
        // Checked against the Leads headers / the spreadsheet's tabs where they are used, which name the setting.
        if (text) settings[key] = text;
        break;
      case 'accountColumn':
        settings.accountColumn = text || null;
        break;
      case 'leaveOutOfSuggestions':
        // Checked against the Leads headers by Suggest rules, which lists a name that is not one.
        settings.leaveOutOfSuggestions = text
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== '');
        break;
      case 'accountFromEmailDomain': {
        if (isBlank(v)) break;
        const b = toBool(v);
        if (b === null) bad(`'${text}' is not yes or no; no is used.`);
        else settings.accountFromEmailDomain = b;
        break;
      }
      case 'accountScore': {
        if (!text) break;
        const method = ACCOUNT_SCORE_METHODS.find((m) => spellingKey(m) === spellingKey(text));
        if (method) settings.accountScore = method;
        else bad(`'${text}' is not an account score method; use ${ACCOUNT_SCORE_METHODS.join(', ')}. best is used.`);
        break;
      }
      case 'maxFit':
      case 'maxBehaviour':
        if (isBlank(v)) break;
        settings[key] = num((n) => n >= 0, 'a number of 0 or more (or blank for no cap)');
        break;
      case 'asOf': {
        const reading = readDay(v, dayOf);
        if (reading.kind === 'day') settings.asOf = reading.day;
        else if (reading.kind === 'invalid')
          bad(`'${text}' is not a date (write e.g. 2026-03-31, or leave blank for today); today is used.`);
        break;
      }
      case 'outcomeColumn':
      case 'outcomeDateColumn':
        // Checked against the Leads headers by the backtest, which names the setting and lists them.
        settings[key] = text || null;
        break;
      case 'challengerRules':
        // Checked against the spreadsheet's tabs by the adapter (readChallenger in src/scoring/scoreSheet.ts), which sees them.
        settings.challengerRules = text || null;
        break;
      case 'timeZone':
        if (!text) break;
        if (isValidTimeZone(text)) settings.timeZone = text;
        else
          bad(`'${text}' is not a time zone (use an IANA name such as Europe/Berlin, a fixed offset such as GMT-07:00, or leave blank).`);
        break;
      default: {
        const colourKey = key.replace('Colour', '') as keyof Settings['colours'];
        if (!text) break;
        const c = normalizeColour(text);
        if (c) settings.colours[colourKey] = c;
        else bad(`'${text}' is not a colour; write it as #rrggbb, e.g. #f4c7c3. The default is used.`);
      }
    }
  }
  // A threshold above Max score can never be reached: no lead would ever be Hot (or Warm). The
  // fallbacks are the defaults, scaled down when Max score is below 100 so they stay reachable.
  // (Negative thresholds were refused above, value by value.)
  const fallbackFor = (key: 'hotAt' | 'warmAt') =>
    Math.min(DEFAULT_SETTINGS[key], Math.round((settings.maxScore * DEFAULT_SETTINGS[key]) / DEFAULT_SETTINGS.maxScore));
  for (const key of ['hotAt', 'warmAt'] as const) {
    if (thresholdFault(settings.hotAt, settings.warmAt, settings.maxScore) !== (key === 'hotAt' ? 'hotAboveMax' : 'warmAboveMax')) continue;
    const name = key === 'hotAt' ? 'Hot at' : 'Warm at';
    const fallback = fallbackFor(key);
    problems.push(
      problem(
        'Settings',
        rows[key] ?? 0,
        'Value',
        valueCol + 1,
        `${name} (${settings[key]}) is above Max score (${settings.maxScore}), so no lead could reach it; ${fallback} is used.`,
      ),
    );
    settings[key] = fallback;
  }
  if (thresholdFault(settings.hotAt, settings.warmAt, settings.maxScore) === 'warmNotBelowHot') {
    problems.push(
      problem(
        'Settings',
        rows.warmAt ?? 0,
        'Value',
        valueCol + 1,
        `Warm at (${settings.warmAt}) must be below Hot at (${settings.hotAt}); the defaults ${fallbackFor('warmAt')} and ${fallbackFor('hotAt')} are used.`,
      ),
    );
    settings.warmAt = fallbackFor('warmAt');
    settings.hotAt = fallbackFor('hotAt');
  }
  if (!(settings.gradeAAt >= settings.gradeBAt && settings.gradeBAt >= settings.gradeCAt)) {
    problems.push(
      problem(
        'Settings',
        rows.gradeBAt ?? 0,
        'Value',
        valueCol + 1,
        `grades must satisfy Grade A at ≥ Grade B at ≥ Grade C at (now ${settings.gradeAAt}, ${settings.gradeBAt}, ${settings.gradeCAt}); the defaults are used.`,
      ),
    );
    settings.gradeAAt = DEFAULT_SETTINGS.gradeAAt;
    settings.gradeBAt = DEFAULT_SETTINGS.gradeBAt;
    settings.gradeCAt = DEFAULT_SETTINGS.gradeCAt;
  }
  return { settings, problems, rows, valueColumn: valueCol + 1, nameColumn: nameCol + 1 };
}

/** Validates thresholds typed in the sidebar, before anything is written. */
export function checkThresholds(hotAt: unknown, warmAt: unknown, maxScore: number): string | null {
  const hot = typeof hotAt === 'number' ? hotAt : toNumber(String(hotAt ?? ''));
  const warm = typeof warmAt === 'number' ? warmAt : toNumber(String(warmAt ?? ''));
  if (hot === null) return `Hot at must be a number (got '${String(hotAt)}').`;
  if (warm === null) return `Warm at must be a number (got '${String(warmAt)}').`;
  switch (thresholdFault(hot, warm, maxScore)) {
    case 'negative':
      return 'Thresholds cannot be negative.';
    case 'hotAboveMax':
      return `Hot at (${hot}) is above Max score (${maxScore}); no lead could be Hot.`;
    // Warm at above Max score while Hot at is not: Warm at is above Hot at too, which is the fix to ask for.
    case 'warmAboveMax':
    case 'warmNotBelowHot':
      return `Warm at (${warm}) must be below Hot at (${hot}).`;
    case null:
      return null;
  }
}

export { dayToIso, parseDateText };

export type ParsedSettingsResult = ParsedSettings;
export type SettingKey = Key;
