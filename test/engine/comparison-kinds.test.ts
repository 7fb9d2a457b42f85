import { describe, it, expect } from 'vitest';
import { run, rulesGrid, daysAgo, type R } from './helpers';

// As of 2026-03-31 (helpers). Size holds numbers, Last visit dates, Signed up ISO date text (as CSV gives it).
const HEADERS = ['Name', 'Size', 'Last visit', 'Signed up', 'Title'];
const LEADS = [
  ['Ada', 120, daysAgo(10), '2026-03-01', 'VP Sales'], // Last visit 2026-03-21
  ['Bo', 8, daysAgo(100), '2025-12-01', 'Engineer'], // Last visit 2025-12-21
];
// The good rule on row 2: +20 when Size ≥ 50. Each case puts one rule on row 3.
const GOOD: R = { category: 'Fit', field: 'Size', operator: '>=', value: '50', points: 20 };

function withRule(rule: R) {
  const r = run(rulesGrid(GOOD, rule), HEADERS, LEADS);
  return { problems: r.problems, scores: r.leads.map((l) => l!.score), whys: r.leads.map((l) => l!.why) };
}

describe('a comparison with the wrong kind of Value for its column is a rule problem (not a rule that never matches)', () => {
  it('a number Value against a column of dates', () => {
    const { problems, scores } = withRule({ category: 'Behaviour', field: 'Last visit', operator: '>', value: '30', points: 5 });
    expect(problems.map((p) => p.message)).toEqual([
      "Rules row 3, Value: '30' is a number, but 'Last visit' holds dates (e.g. '2026-03-21'), not numbers. Compare with a date, e.g. 2026-01-31, or use 'within last days' / 'older than days'.",
    ]);
    expect(problems[0]).toMatchObject({ tab: 'Rules', row: 3, column: 'Value', columnIndex: 4 });
    expect(scores).toEqual([20, 0]); // the good rule still scores
  });

  it('a number range against dates typed as text', () => {
    const { problems } = withRule({ category: 'Behaviour', field: 'Signed up', operator: 'between', value: '1..90', points: 5 });
    expect(problems.map((p) => p.message)).toEqual([
      "Rules row 3, Value: '1..90' is a range of numbers, but 'Signed up' holds dates (e.g. '2026-03-01'), not numbers. Compare with a date, e.g. 2026-01-31, or use 'within last days' / 'older than days'.",
    ]);
  });

  it('a date Value against a column of numbers, and a date range against text', () => {
    expect(
      withRule({ category: 'Fit', field: 'Size', operator: '<=', value: '2026-01-01', points: 5 }).problems.map((p) => p.message),
    ).toEqual([
      "Rules row 3, Value: '2026-01-01' is a date, but 'Size' holds no dates (e.g. '120'). Compare with a number, e.g. 50, or point the rule at a column of dates.",
    ]);
    expect(
      withRule({ category: 'Fit', field: 'Title', operator: 'between', value: '2026-01-01..2026-12-31', points: 5 }).problems.map(
        (p) => p.message,
      ),
    ).toEqual([
      "Rules row 3, Value: '2026-01-01..2026-12-31' is a range of dates, but 'Title' holds no dates (e.g. 'VP Sales'). Compare with a number, e.g. 50, or point the rule at a column of dates.",
    ]);
  });

  it('the right kinds still score: dates with dates (cells and text), numbers with numbers', () => {
    // Ada's visit (2026-03-21) and sign-up (2026-03-01) are after 2026-02-15; Bo's are not.
    const byDate = withRule({ category: 'Behaviour', field: 'Last visit', operator: '>', value: '2026-02-15', points: 5 });
    expect(byDate.problems).toEqual([]);
    expect(byDate.scores).toEqual([25, 0]);
    const byText = withRule({ category: 'Behaviour', field: 'Signed up', operator: '>=', value: '2026-03-01', points: 5 });
    expect(byText.problems).toEqual([]);
    expect(byText.scores).toEqual([25, 0]);
    const bySize = withRule({ category: 'Fit', field: 'Size', operator: 'between', value: '5..10', points: 5 });
    expect(bySize.scores).toEqual([20, 5]);
  });

  it('a column with no values at all is no evidence either way: no problem', () => {
    const r = run(rulesGrid(GOOD, { category: 'Behaviour', field: 'Last visit', operator: '>', value: '30', points: 5 }), HEADERS, [
      ['Ada', 120, '', '', ''],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("in a mixed column, a date where a number is compared is named in that lead's Why", () => {
    const r = run(rulesGrid({ category: 'Fit', field: 'Size', operator: '>', value: '10', points: 5 }), HEADERS, [
      ['Ada', 120, '', '', ''],
      ['Bo', daysAgo(3), '', '', ''],
      ['Cy', 7, '', '', ''],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.leads.map((l) => l!.why)).toEqual(['+5 Size > 10', 'No rule applies · ⚠ Size is a date, not a number', 'No rule applies']);
  });

  it('and a number where a date is compared', () => {
    const r = run(rulesGrid({ category: 'Fit', field: 'Last visit', operator: '<', value: '2026-01-01', points: 5 }), HEADERS, [
      ['Ada', 1, daysAgo(100), '', ''],
      ['Bo', 1, 46000, '', ''],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.leads.map((l) => l!.why)).toEqual(['+5 Last visit < 2026-01-01', "No rule applies · ⚠ Last visit '46000' is not a date"]);
  });
});
