import { describe, it, expect } from 'vitest';
import { suggestRules } from '../../src/engine/suggest';
import { fitLogistic } from '../../src/engine/suggestFit';
import { RULE_HEADERS, type Cell } from '../../src/engine';

const today = new Date(Date.UTC(2026, 0, 1));
const headers = ['Name', 'Plan', 'Noise', 'Outcome'];
const rules: Cell[][] = [[...RULE_HEADERS]];
/** 400 leads: Plan decides the outcome 90/10 (Pro: 90 % won, Free: 10 %); Noise alternates, independent of it. */
function leads(n = 400): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const pro = i % 2 === 0;
    const won = pro ? i % 20 !== 0 : i % 20 === 1;
    rows.push([`Lead ${i}`, pro ? 'Pro' : 'Free', Math.floor(i / 2) % 2 === 0 ? 'red' : 'blue', won ? 'won' : 'lost']);
  }
  return rows;
}
const run = (rows: Cell[][], extra: object = {}) =>
  suggestRules({ settings: null, rules, leads: { headers, rows, firstRow: 2 }, today, outcomeColumn: 'Outcome', ...extra });

describe('Suggest points with an Outcome date column', () => {
  it('sees each decided lead as of its own day: a visit 10 days before the decision wins, 80 days before loses', () => {
    // 400 leads decided 0–299 days before today (independent of the outcome). Won leads visited the
    // pricing page 10 days before their decision, lost leads 80 days before (every 10th the other way,
    // so the column is no leak). As of each decision day, "Last visit within last days 30" holds for
    // the won leads only; as of today every visit is at least 10 days and mostly months old, and the
    // won and lost visits overlap, so only the decision day shows the pattern.
    const day = 86_400_000;
    const rows: Cell[][] = [];
    for (let i = 0; i < 400; i++) {
      const decided = new Date(today.getTime() - ((i * 37) % 300) * day);
      const won = i % 2 === 0;
      const soon = i % 10 === 0 ? !won : won;
      rows.push([`Lead ${i}`, new Date(decided.getTime() - (soon ? 10 : 80) * day), decided, won ? 'won' : 'lost']);
    }
    const r = suggestRules({
      settings: [
        ['Setting', 'Value'],
        ['Outcome date column', 'Decided'],
      ],
      rules,
      leads: { headers: ['Name', 'Last visit', 'Decided', 'Outcome'], rows, firstRow: 2 },
      today,
      outcomeColumn: 'Outcome',
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.rules.some((x) => x.field === 'Last visit' && x.operator === 'within last days')).toBe(true);
    // 90 % of the leads follow the pattern, so the holdout AUC is about 0.9.
    expect(r.comparison.suggested!.overall.auc!).toBeGreaterThan(0.85);
  });
});

describe('Suggest points (engine)', () => {
  it('a column that decides the outcome gets a large rule; an independent column is not chosen', () => {
    const r = run(leads());
    if (!r.ok) throw new Error(r.error);
    expect(r.rules.length).toBeGreaterThanOrEqual(1);
    const plan = r.rules.filter((x) => x.field === 'Plan');
    expect(plan.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...plan.map((x) => x.points))).toBeGreaterThanOrEqual(50);
    expect(r.rules.some((x) => x.field === 'Noise')).toBe(false);
    expect(r.leftOut).toContainEqual({ column: 'Name', reason: 'an id or a name' });
    // Every rule has a Note with its evidence; the grid is the Rules tab's format.
    for (const x of r.rules) expect(x.note).toMatch(/^converts \d+ % vs \d+ % overall, [\d,]+ training leads$/);
    expect(r.grid[0]).toEqual([...RULE_HEADERS]);
    expect(r.comparison.suggested!.overall.auc!).toBeGreaterThan(0.85);
  });
  it('is deterministic: the same sheet and seed give the same suggestion', () => {
    const a = run(leads());
    const b = run(leads());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
  it('too few decided leads, or a single class: a sentence, nothing suggested', () => {
    expect(run(leads(60))).toEqual({
      ok: false,
      error:
        'Only 60 decided leads (30 won, 30 lost): suggesting points needs at least 100, with 20 or more of each. Nothing is suggested.',
    });
    const allLost = leads().map((r) => [...r.slice(0, 3), 'lost']);
    const r = run(allLost);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^All 400 decided leads in 'Outcome' were lost/);
  });
  it("Settings 'Leave out of suggestions' keeps columns out; a name that is not a header is listed", () => {
    const withSetting = (value: string) =>
      suggestRules({
        settings: [
          ['Setting', 'Value'],
          ['Leave out of suggestions', value],
        ],
        rules,
        leads: { headers, rows: leads(), firstRow: 2 },
        today,
        outcomeColumn: 'Outcome',
      });
    const r = withSetting(' noise , Nope,');
    if (!r.ok) throw new Error(r.error);
    expect(r.rules.some((x) => x.field === 'Plan')).toBe(true);
    expect(r.leftOut).toContainEqual({ column: 'Noise', reason: 'left out as asked' });
    expect(r.leftOut).toContainEqual({ column: 'Nope', reason: "is in Settings 'Leave out of suggestions' but is not a Leads header" });
    // Plan is what decides the outcome: without it nothing tells won from lost.
    expect(withSetting('Plan')).toEqual({
      ok: false,
      error: 'No candidate rule tells won from lost leads clearly on the training leads: nothing is suggested.',
    });
  });

  it('a column that alone separates won from lost is left out as a leak', () => {
    const rows = leads().map((r) => [...r, r[3] === 'won' ? 'Closed' : 'Open']);
    const r = suggestRules({
      settings: null,
      rules,
      leads: { headers: [...headers, 'Stage'], rows, firstRow: 2 },
      today,
      outcomeColumn: 'Outcome',
    });
    if (!r.ok) throw new Error(r.error);
    expect(r.leftOut.find((x) => x.column === 'Stage')?.reason).toMatch(/^leaks the outcome/);
    expect(r.rules.some((x) => x.field === 'Stage')).toBe(false);
  });
  it('a count column the outcome rises with gets an `each` rule; a date whose recency decides gets a window or a half-life', () => {
    // 420 leads: visits = i mod 7 (0..6, 60 leads each); a lead is won when (i·37 mod 100) < 14·visits + 5,
    // so about 5 % win at 0 visits and 89 % at 6. Last visit: (i·13 mod 120) days ago, won when within 30
    // days except every 10th lead (the noise keeps the column below the leak line).
    const day = 86_400_000;
    const rows: Cell[][] = [];
    for (let i = 0; i < 420; i++) {
      const visits = i % 7;
      const age = (i * 13) % 120;
      const byVisits = (i * 37) % 100 < 14 * visits + 5;
      const byDate = age < 30 ? i % 10 !== 0 : i % 10 === 0;
      rows.push([`Lead ${i}`, visits, new Date(today.getTime() - age * day), byVisits ? 'won' : 'lost', byDate ? 'won' : 'lost']);
    }
    const h = ['Name', 'Pricing page visits', 'Last pricing visit', 'Outcome', 'Recent outcome'];
    const counted = suggestRules({
      settings: null,
      rules,
      leads: { headers: h, rows, firstRow: 2 },
      today,
      outcomeColumn: 'Outcome',
      exclude: ['Last pricing visit', 'Recent outcome'],
    });
    if (!counted.ok) throw new Error(counted.error);
    const each = counted.rules.filter((x) => x.field === 'Pricing page visits' && x.extra?.per === 'each');
    expect(each).toHaveLength(1);
    expect(each[0].operator).toBe('>');
    expect(each[0].category).toBe('Behaviour');
    // One rule per column: the `each` rule excludes thresholds and bands on visits.
    expect(counted.rules.filter((x) => x.field === 'Pricing page visits')).toHaveLength(1);
    // The grid carries Per and Repeat factor (Rules columns F and G).
    const row = counted.grid.find((r) => r[1] === 'Pricing page visits')!;
    expect(row[5]).toBe('each');
    expect([1, 0.5]).toContain(row[6]);

    const dated = suggestRules({
      settings: null,
      rules,
      leads: { headers: h, rows, firstRow: 2 },
      today,
      outcomeColumn: 'Recent outcome',
      exclude: ['Pricing page visits', 'Outcome'],
    });
    if (!dated.ok) throw new Error(dated.error);
    const recent = dated.rules.filter((x) => x.field === 'Last pricing visit');
    expect(recent).toHaveLength(1);
    expect(recent[0].operator === 'within last days' || recent[0].extra?.halfLifeDays === 30).toBe(true);
    expect(recent[0].points).toBeGreaterThanOrEqual(50);
  });
  it('the logistic fit: one binary feature, λ = 0, gives the log-odds by hand', () => {
    // x = 1: 8 won of 10 → logit 0.8 = ln 4; x = 0: 2 won of 10 → ln(1/4). β0 = −ln 4 = −1.3863, β = 2 ln 4 = 2.7726.
    const x = Float64Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0));
    const y = Float64Array.from({ length: 20 }, (_, i) => (i < 8 || (i >= 10 && i < 12) ? 1 : 0));
    const f = fitLogistic([x], y, 0);
    expect(f.beta0).toBeCloseTo(-1.3863, 4);
    expect(f.beta[0]).toBeCloseTo(2.7726, 4);
  });
});
