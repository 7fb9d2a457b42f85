import { describe, it, expect } from 'vitest';
import { run, rulesGrid, settingsGrid, AS_OF } from './helpers';
import { parseSettings, DEFAULT_SETTINGS, checkThresholds, type Cell, type Problem } from '../../src/engine';

function only(problems: Problem[]): Problem {
  expect(problems).toHaveLength(1);
  const p = problems[0];
  expect(p.message).toBe(p.row > 0 ? `Settings row ${p.row}, ${p.column}: ${p.reason}` : `Settings tab: ${p.reason}`);
  return p;
}

describe('Settings: defaults and good values', () => {
  it('no Settings tab (null) and an empty one give the defaults with no problems', () => {
    expect(parseSettings(null)).toMatchObject({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(parseSettings([])).toMatchObject({ settings: DEFAULT_SETTINGS, problems: [] });
  });
  it('reads every setting, names matched loosely, numbers as text', () => {
    const { settings, problems } = parseSettings(
      settingsGrid(
        ['Leads sheet', 'Prospects'],
        ['header_row', 2],
        ['HOT AT', '80'],
        ['Warm at', 50],
        ['Max score', 120],
        ['Max fit', 40],
        ['Max behavior', '60'],
        ['As-of date', '2026-03-31'],
        ['Time zone', 'Europe/Berlin'],
        ['Hot colour', '#F00'],
        ['Cold color', '#00ff00'],
        ['Grade A at', 35],
        ['Grade B at', 25],
        ['Grade C at', 15],
      ),
    );
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      leadsSheet: 'Prospects',
      headerRow: 2,
      hotAt: 80,
      warmAt: 50,
      maxScore: 120,
      maxFit: 40,
      maxBehaviour: 60,
      asOf: AS_OF,
      timeZone: 'Europe/Berlin',
      gradeAAt: 35,
      gradeBAt: 25,
      gradeCAt: 15,
    });
    expect(settings.colours).toMatchObject({ hot: '#ff0000', cold: '#00ff00', warm: DEFAULT_SETTINGS.colours.warm });
  });
  it('a third column of help text is ignored', () => {
    const grid: Cell[][] = [
      ['Setting', 'Value', 'Help'],
      ['Hot at', 75, 'A score at or above this is Hot'],
    ];
    expect(parseSettings(grid)).toMatchObject({ problems: [], settings: { hotAt: 75 } });
  });
});

// Settings rows: header on row 1, the setting under test on row 2 (or as noted). Value is column B (2).
describe('bad Settings rows: a problem each, the default used, scoring goes on', () => {
  const cases: Array<[string, Array<[string, Cell]>, Partial<Problem>, RegExp]> = [
    [
      'unknown setting, with a hint',
      [['Hot att', 80]],
      { row: 2, column: 'Setting', columnIndex: 1 },
      /^'Hot att' is not a setting\. Did you mean 'Hot at'\?/,
    ],
    [
      'unknown setting, no hint',
      [['Colour scheme', 'dark']],
      { row: 2, column: 'Setting', columnIndex: 1 },
      /^'Colour scheme' is not a setting\. Settings are: Leads sheet, /,
    ],
    [
      'Warm at ≥ Hot at',
      [
        ['Hot at', 50],
        ['Warm at', 50],
      ],
      { row: 3, column: 'Value', columnIndex: 2 },
      /^Warm at \(50\) must be below Hot at \(50\); the defaults 40 and 70 are used\.$/,
    ],
    [
      'bad colour',
      [['Hot colour', 'red']],
      { row: 2, column: 'Value', columnIndex: 2 },
      /^Hot colour: 'red' is not a colour; write it as #rrggbb/,
    ],
    ['bad time zone', [['Time zone', 'Berlin']], { row: 2, column: 'Value', columnIndex: 2 }, /^Time zone: 'Berlin' is not a time zone/],
    [
      'bad As-of date',
      [['As-of date', 'next Monday']],
      { row: 2, column: 'Value', columnIndex: 2 },
      /^As-of date: 'next Monday' is not a date .*today is used\.$/,
    ],
    ['As-of date that does not exist', [['As-of date', '2026-02-30']], { row: 2, column: 'Value', columnIndex: 2 }, /is not a date/],
    [
      'text in Hot at',
      [['Hot at', 'high']],
      { row: 2, column: 'Value', columnIndex: 2 },
      /^Hot at: 'high' is not a number of 0 or more; the default is used\.$/,
    ],
    ['Max score 0', [['Max score', 0]], { row: 2, column: 'Value', columnIndex: 2 }, /^Max score: '0' is not a number above 0/],
    ['Header row 0', [['Header row', 0]], { row: 2, column: 'Value', columnIndex: 2 }, /^Header row: '0' is not a row number/],
    ['Header row 1.5', [['Header row', 1.5]], { row: 2, column: 'Value', columnIndex: 2 }, /is not a row number/],
    ['negative Max fit', [['Max fit', -5]], { row: 2, column: 'Value', columnIndex: 2 }, /^Max fit: '-5' is not a number of 0 or more/],
    [
      'blank Leads sheet',
      [['Leads sheet', '']],
      { row: 2, column: 'Value', columnIndex: 2 },
      /^Leads sheet: blank; the default 'Leads' is used\.$/,
    ],
    [
      'a setting given twice',
      [
        ['Hot at', 80],
        ['hot_at', 90],
      ],
      { row: 3, column: 'Setting', columnIndex: 1 },
      /^'hot_at' is set twice \(rows 2 and 3\); row 2 is used\.$/,
    ],
    ['a value without a name', [['', 42]], { row: 2, column: 'Setting', columnIndex: 1 }, /^a value \('42'\) has no setting name\.$/],
    [
      'grades out of order',
      [
        ['Grade A at', 10],
        ['Grade B at', 20],
      ],
      { row: 3, column: 'Value', columnIndex: 2 },
      /^grades must satisfy Grade A at ≥ Grade B at ≥ Grade C at/,
    ],
  ];
  it.each(cases)('%s', (_name, pairs, expected, reason) => {
    const parsed = parseSettings(settingsGrid(...pairs));
    const p = only(parsed.problems);
    expect(p).toMatchObject({ tab: 'Settings', ...expected });
    expect(p.reason).toMatch(reason);
    // the defaults stand in for the bad value
    expect(parsed.settings.hotAt === 70 || pairs.some(([k]) => /hot/i.test(k))).toBe(true);
    const r = run(rulesGrid({ category: 'Fit', field: 'Size', operator: '>', value: '0', points: 75 }), ['Size'], [[1]], {
      settings: settingsGrid(...pairs),
    });
    expect(r.leads[0]!.score).toBe(75);
    expect(r.problems).toContainEqual(p);
  });
  it('Warm at ≥ Hot at: both go back to 40/70', () => {
    expect(parseSettings(settingsGrid(['Hot at', 30], ['Warm at', 60])).settings).toMatchObject({ hotAt: 70, warmAt: 40 });
  });
  it('header row missing: one problem, defaults', () => {
    const parsed = parseSettings([
      ['Hot at', 80],
      ['Warm at', 30],
    ]);
    const p = only(parsed.problems);
    expect(p).toMatchObject({ tab: 'Settings', row: 0, column: '', columnIndex: 0 });
    expect(p.reason).toMatch(/no 'Setting \| Value' header row found/);
    expect(parsed.settings).toEqual(DEFAULT_SETTINGS);
  });
  it('settings problems are flagged in every Why', () => {
    const r = run(rulesGrid({ category: 'Fit', field: 'Size', operator: '>', value: '0', points: 5 }), ['Size'], [[1]], {
      settings: settingsGrid(['Hot colour', 'red']),
    });
    expect(r.leads[0]!.why).toBe('+5 Size > 0 · ⚠ 1 setup problem (see Score leads report)');
  });
});

describe('checkThresholds (sidebar)', () => {
  it('accepts good thresholds and explains bad ones', () => {
    expect(checkThresholds(70, 40, 100)).toBeNull();
    expect(checkThresholds('70', '40', 100)).toBeNull();
    expect(checkThresholds(40, 70, 100)).toBe('Warm at (70) must be below Hot at (40).');
    expect(checkThresholds(120, 40, 100)).toMatch(/above Max score/);
    expect(checkThresholds('x', 40, 100)).toMatch(/must be a number/);
    expect(checkThresholds(70, -1, 100)).toMatch(/cannot be negative/);
  });
});
