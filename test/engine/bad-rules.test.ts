import { describe, it, expect } from 'vitest';
import { run, rulesGrid, RULE_HEADER, type R } from './helpers';
import { parseRules, type Problem, type Cell } from '../../src/engine';

const HEADERS = ['Name', 'Title', 'Company', 'Size', 'Visits', 'Last visit'];
const LEAD = ['Ada', 'VP Sales', 'Acme', 120, 2, new Date(Date.UTC(2026, 2, 21, 12))];
// The good rule on row 2: +20 when Size ≥ 50. Every case puts one bad rule on row 3.
const GOOD: R = { category: 'Fit', field: 'Size', operator: '>=', value: '50', points: 20 };

function withBad(bad: R): { problems: Problem[]; score: number } {
  const r = run(rulesGrid(GOOD, bad), HEADERS, [LEAD]);
  return { problems: r.problems, score: r.leads[0]!.score };
}

/** The one problem, checked for shape: message = "Rules row N, Column: reason". */
function only(problems: Problem[]): Problem {
  expect(problems).toHaveLength(1);
  const p = problems[0];
  expect(p.message).toBe(
    p.row > 0 ? `${p.tab} row ${p.row}, ${p.column}: ${p.reason}` : `${p.tab} tab${p.column ? `, ${p.column}` : ''}: ${p.reason}`,
  );
  return p;
}

// Rules columns: A Category, B Field, C Operator, D Value, E Points, F Per, G Repeat factor, H Max points,
// I Date field, J Half-life days, K Expires after days, L Enabled, M Note.
describe('bad Rules rows are reported with row, column and reason; the good rule still scores 20', () => {
  const cases: Array<[string, R, Partial<Problem>, RegExp]> = [
    [
      'unknown field, with a hint',
      { category: 'Fit', field: 'Titel', operator: 'contains', value: 'VP', points: 5 },
      { row: 3, column: 'Field', columnIndex: 2 },
      /^'Titel' is not a Leads column\. Did you mean 'Title'\?$/,
    ],
    [
      'unknown field, no close name: the columns are listed',
      { category: 'Fit', field: 'Revenue', operator: '>', value: '5', points: 5 },
      { row: 3, column: 'Field', columnIndex: 2 },
      /^'Revenue' is not a Leads column\. Columns are: Name, Title, Company, Size, Visits, Last visit\.$/,
    ],
    [
      'unknown operator',
      { category: 'Fit', field: 'Size', operator: 'bigger than', value: '10', points: 5 },
      { row: 3, column: 'Operator', columnIndex: 3 },
      /^'bigger than' is not an operator\. Use one of: is, is not, /,
    ],
    [
      'blank operator',
      { category: 'Fit', field: 'Size', operator: '', value: '10', points: 5 },
      { row: 3, column: 'Operator', columnIndex: 3 },
      /^the Operator is blank/,
    ],
    [
      'text in Points',
      { category: 'Fit', field: 'Size', operator: '>', value: '10', points: 'ten' },
      { row: 3, column: 'Points', columnIndex: 5 },
      /^'ten' is not a number/,
    ],
    [
      'blank Points',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: '' },
      { row: 3, column: 'Points', columnIndex: 5 },
      /^Points is blank/,
    ],
    [
      'between without ..',
      { category: 'Fit', field: 'Size', operator: 'between', value: '10-50', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /^'10-50' is not a range\. Write it as low\.\.high/,
    ],
    [
      'between low above high',
      { category: 'Fit', field: 'Size', operator: 'between', value: '50..10', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /the low end is above the high end\. Write it as 10\.\.50/,
    ],
    [
      'invalid regex',
      { category: 'Fit', field: 'Title', operator: 'matches', value: '([a-z', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /^'\(\[a-z' is not a valid regular expression/,
    ],
    [
      'regex with a back-reference',
      { category: 'Fit', field: 'Title', operator: 'matches', value: '(a+)\\1$', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /^'\(a\+\)\\1\$' uses a back-reference \(\\1\), which can't run in bounded time\./,
    ],
    [
      'comparison with a non-number',
      { category: 'Fit', field: 'Size', operator: '>', value: 'lots', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /^'lots' is not a number or a date/,
    ],
    [
      'is without a Value',
      { category: 'Fit', field: 'Title', operator: 'is', value: '', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /needs a Value/,
    ],
    [
      'within last days with text',
      { category: 'Behaviour', field: 'Last visit', operator: 'within last days', value: 'a week', points: 5 },
      { row: 3, column: 'Value', columnIndex: 4 },
      /^'a week' is not a number of days/,
    ],
    [
      'negative half-life',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, dateField: 'Last visit', halfLife: -5 },
      { row: 3, column: 'Half-life days', columnIndex: 10 },
      /^'-5' is not a half-life/,
    ],
    [
      'half-life 0',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, dateField: 'Last visit', halfLife: 0 },
      { row: 3, column: 'Half-life days', columnIndex: 10 },
      /^'0' is not a half-life/,
    ],
    [
      'repeat factor 0',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, per: 'each', repeat: 0 },
      { row: 3, column: 'Repeat factor', columnIndex: 7 },
      /^'0' is not a repeat factor/,
    ],
    [
      'repeat factor 2',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, per: 'each', repeat: 2 },
      { row: 3, column: 'Repeat factor', columnIndex: 7 },
      /^'2' is not a repeat factor/,
    ],
    [
      'bad Per',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, per: 'every' },
      { row: 3, column: 'Per', columnIndex: 6 },
      /^'every' is not 'once' or 'each'/,
    ],
    [
      'Max points 0',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, max: 0 },
      { row: 3, column: 'Max points', columnIndex: 8 },
      /^'0' is not a cap/,
    ],
    [
      'negative expiry',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, dateField: 'Last visit', expires: -1 },
      { row: 3, column: 'Expires after days', columnIndex: 11 },
      /^'-1' is not a number of days/,
    ],
    [
      'Date field pointing at a text column',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, dateField: 'Company', halfLife: 30 },
      { row: 3, column: 'Date field', columnIndex: 9 },
      /^'Company' holds no dates \(e\.g\. 'Acme'\)/,
    ],
    [
      'date operator on a text column',
      { category: 'Behaviour', field: 'Title', operator: 'within last days', value: '30', points: 5 },
      { row: 3, column: 'Field', columnIndex: 2 },
      /^'Title' holds no dates/,
    ],
    [
      'unknown Date field',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, dateField: 'Last visti', halfLife: 30 },
      { row: 3, column: 'Date field', columnIndex: 9 },
      /^'Last visti' is not a Leads column\. Did you mean 'Last visit'\?/,
    ],
    [
      'blank Category',
      { category: '', field: 'Visits', operator: '>', value: '0', points: 5 },
      { row: 3, column: 'Category', columnIndex: 1 },
      /^the Category is blank\. Use one of: Fit, Behaviour, Negative, Disqualify\.$/,
    ],
    [
      'unknown Category',
      { category: 'Fitness', field: 'Visits', operator: '>', value: '0', points: 5 },
      { row: 3, column: 'Category', columnIndex: 1 },
      /^'Fitness' is not a category/,
    ],
    [
      'blank Field',
      { category: 'Fit', field: '', operator: '>', value: '0', points: 5 },
      { row: 3, column: 'Field', columnIndex: 2 },
      /^the Field is blank/,
    ],
    [
      'half-life without a Date field',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, halfLife: 30 },
      { row: 3, column: 'Half-life days', columnIndex: 10 },
      /^a half-life needs a Date field/,
    ],
    [
      'expiry without a Date field',
      { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, expires: 30 },
      { row: 3, column: 'Expires after days', columnIndex: 11 },
      /^expiry needs a Date field/,
    ],
    [
      'bad Enabled text',
      { category: 'Fit', field: 'Size', operator: '>', value: '0', points: 5, enabled: 'maybe' },
      { row: 3, column: 'Enabled', columnIndex: 12 },
      /^'maybe' is not yes or no/,
    ],
    [
      'a rule on an output column',
      { category: 'Fit', field: 'Score', operator: '>', value: '0', points: 5 },
      { row: 3, column: 'Field', columnIndex: 2 },
      /^'Score' is written by the add-on/,
    ],
  ];
  it.each(cases)('%s', (_name, bad, expected, reason) => {
    const started = Date.now();
    const { problems, score } = withBad(bad);
    const p = only(problems);
    expect(p).toMatchObject({ tab: 'Rules', ...expected });
    expect(p.reason).toMatch(reason);
    expect(score).toBe(20); // the good rule still scores, and the bad one adds nothing
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("the bad row is named in every lead's Why", () => {
    const r = run(rulesGrid(GOOD, { category: 'Fit', field: 'Size', operator: 'bigger than', points: 5 }), HEADERS, [LEAD]);
    expect(r.leads[0]!.why).toBe('+20 Size ≥ 50 · ⚠ Rules row 3 skipped (see Rules problems)');
  });

  it('a disabled row is not checked, even when broken', () => {
    for (const enabled of [false, 'FALSE', 'no', 'unchecked']) {
      const r = run(rulesGrid(GOOD, { category: 'Nonsense', field: 'Nope', operator: 'bigger than', points: 'x', enabled }), HEADERS, [
        LEAD,
      ]);
      expect(r.problems).toEqual([]);
      expect(r.leads[0]!.score).toBe(20);
    }
  });

  it('a row with several problems reports each of them', () => {
    const { problems } = withBad({ category: 'Fit', field: 'Size', operator: 'bigger than', points: 'x', per: 'every' });
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'Operator'],
      [3, 'Points'],
      [3, 'Per'],
    ]);
  });

  it('runs once-catastrophic regexes in linear time on long cells (RE2): no problem, no hang', () => {
    // None matches 5,000 a's: each needs an x, a y, a b or a comma after the a's.
    for (const pattern of ['(a|aa)+x$', '(.*a){12}x', '.*.*.*.*x', '(\\w+\\s?)*y$', '(x+x+)+y', '(a*)*b', '(.*,){11}x']) {
      const started = Date.now();
      const r = run(rulesGrid(GOOD, { category: 'Fit', field: 'Title', operator: 'matches', value: pattern, points: 5 }), HEADERS, [
        ['Ada', 'a'.repeat(5000), 'Acme', 120, 2, ''],
      ]);
      expect(r.problems, pattern).toEqual([]);
      expect(r.leads[0]!.score, pattern).toBe(20);
      expect(Date.now() - started).toBeLessThan(500);
    }
  });
});

describe('Rules tab structure', () => {
  it('header row missing: one problem, no rules, no exception', () => {
    const parsed = parseRules([['Fit', 'Size', '>', '10', 5]]);
    expect(parsed.rules).toEqual([]);
    const p = only(parsed.problems);
    expect(p).toMatchObject({ tab: 'Rules', row: 0, column: '', columnIndex: 0 });
    expect(p.message).toMatch(/^Rules tab: no header row found\. Row 1 should hold Category, Field, Operator/);
  });
  it('a required column missing (no Points)', () => {
    const parsed = parseRules([
      ['Category', 'Field', 'Operator', 'Value'],
      ['Fit', 'Size', '>', '10'],
    ]);
    const p = only(parsed.problems);
    expect(p).toMatchObject({ tab: 'Rules', row: 1, column: 'Points', columnIndex: 0, reason: "the Rules tab has no 'Points' column." });
  });
  it('duplicate headers: reported at the second copy, the first is used', () => {
    const grid: Cell[][] = [
      [...RULE_HEADER, 'points'],
      ['Fit', 'Size', '>=', '50', 20, '', '', '', '', '', '', true, '', 99],
    ];
    const r = run(grid, HEADERS, [LEAD]);
    const p = only(r.problems);
    // 'points' is column 14 (N); 'Points' is column 5 (E)
    expect(p).toMatchObject({ tab: 'Rules', row: 1, column: 'Points', columnIndex: 14 });
    expect(p.reason).toBe("'Points' is the header of 2 columns (E, N); the first, E, is used.");
    expect(r.leads[0]!.score).toBe(20);
  });
  it('a title line above the header row is fine; blank rule rows are skipped', () => {
    const grid: Cell[][] = [['My scoring model'], [], RULE_HEADER, ['', '', '', '', ''], ...rulesGrid(GOOD).slice(1)];
    const parsed = parseRules(grid);
    expect(parsed.problems).toEqual([]);
    expect(parsed.headerRow).toBe(3);
    expect(parsed.rules.map((r) => r.row)).toEqual([5]);
  });
  it('extra columns are ignored and header spelling is loose', () => {
    const grid: Cell[][] = [
      ['Comment', 'CATEGORY', 'field', 'operator', 'value', 'POINTS', 'half_life', 'date-field'],
      ['hi', 'Behaviour', 'Visits', '>', '0', 10, 10, 'Last visit'],
    ];
    const r = run(grid, HEADERS, [LEAD]);
    expect(r.problems).toEqual([]);
    // Last visit 2026-03-21, as of 2026-03-31: 10 × 0.5^(10/10) = 5
    expect(r.leads[0]!.score).toBe(5);
  });
});

describe("a rule on the user's own column named like an output (e.g. a CRM's Score)", () => {
  it('scores on it: the add-on hands its own output columns over as blank headers', () => {
    const rules = rulesGrid({ category: 'Fit', field: 'Score', operator: '>=', value: '50', points: 10 });
    const r = run(
      rules,
      ['Name', 'Score'],
      [
        ['Ada', 80],
        ['Bo', 20],
      ],
    );
    expect(r.problems).toEqual([]);
    expect(r.leads.map((l) => l!.score)).toEqual([10, 0]);
  });
});
