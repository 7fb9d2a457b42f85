/**
 * The challenger beside Rules in the backtest (README "Challenger"), on 40 decided
 * leads whose every figure is computed by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { backtest, challengerTabProblem, prepareRun, type BacktestReport, type Cell } from '../../src/engine';
import { AS_OF, rulesGrid, settingsGrid } from './helpers';

const TODAY = new Date(Date.UTC(2030, 0, 1, 12));
const settings = settingsGrid(['Outcome column', 'Status'], ['Challenger rules', 'Rules (suggested)']);

// Rules: Pro +80. Challenger: Pro +30, Visits ≥ 3 +50, and a row with a bad operator (row 4).
const RULES = rulesGrid({ category: 'Fit', field: 'Plan', operator: 'is', value: 'Pro', points: 80 });
const CHALLENGER = rulesGrid(
  { category: 'Fit', field: 'Plan', operator: 'is', value: 'Pro', points: 30 },
  { category: 'Behaviour', field: 'Visits', operator: '>=', value: 3, points: 50 },
  { category: 'Fit', field: 'Plan', operator: 'bigger than', value: 'x', points: 5 },
);
// Four groups of ten: A Pro, 5 visits (8 won); B Pro, 0 visits (2 won); C Basic, 5 visits (6 won); D Basic, 0 visits (0 won).
const rows: Cell[][] = [];
const groupOf = (plan: string, visits: number, won: number) => {
  for (let i = 0; i < 10; i++) rows.push([plan, visits, i < won ? 'won' : 'lost']);
};
groupOf('Pro', 5, 8);
groupOf('Pro', 0, 2);
groupOf('Basic', 5, 6);
groupOf('Basic', 0, 0);

function report(): BacktestReport {
  const run = prepareRun({ settings, rules: RULES, today: TODAY, asOf: AS_OF });
  const challenger = prepareRun({ settings, rules: CHALLENGER, today: TODAY, asOf: AS_OF });
  const r = backtest(
    run,
    { headers: ['Plan', 'Visits', 'Status'], rows, firstRow: 2 },
    { challenger: { name: 'Rules (suggested)', run: challenger } },
  );
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('the challenger beside Rules', () => {
  it('AUC of each, on the same 40 decided leads (16 won, 24 lost: 384 pairs)', () => {
    const r = report();
    // Rules: won at 80 (10) beat lost at 0 (14): 140; ties at 80: 10 × 10 / 2 = 50; ties at 0: 6 × 14 / 2 = 42. 232 / 384.
    expect(r.overall.auc).toBeCloseTo(232 / 384, 10);
    // Challenger: A 80, C 50, B 30, D 0. Won 80 (8): beat 22 lost = 176, ties 8 × 2 / 2 = 8 → 184;
    // won 50 (6): beat 18 = 108, ties 6 × 4 / 2 = 12 → 120; won 30 (2): beat 10 = 20, ties 2 × 8 / 2 = 8 → 28. 332 / 384.
    expect(r.challenger!.auc).toBeCloseTo(332 / 384, 10);
    expect(r.challenger!.aucSentence).toMatch(/^A lead that was won outscored a lead that was lost 86 % of the time/);
    expect(r.challenger!.rulesTab).toBe('Rules (suggested)');
    expect(r.challenger!.rulesApplied).toBe(2);
  });

  it('conversion by bucket of each (Hot at 70, Warm at 40; base rate 16/40 = 0.4)', () => {
    const r = report();
    const pick = (gs: BacktestReport['buckets']) => gs.map((g) => [g.label, g.leads, g.won]);
    // Rules: A and B score 80 (Hot, 10 of 20 won); C and D score 0 (Cold, 6 of 20).
    expect(pick(r.buckets)).toEqual([
      ['Hot', 20, 10],
      ['Warm', 0, 0],
      ['Cold', 20, 6],
      ['Disqualified', 0, 0],
    ]);
    // Challenger: A 80 Hot (8 of 10), C 50 Warm (6 of 10), B 30 and D 0 Cold (2 of 20).
    expect(pick(r.challenger!.buckets)).toEqual([
      ['Hot', 10, 8],
      ['Warm', 10, 6],
      ['Cold', 20, 2],
      ['Disqualified', 0, 0],
    ]);
    expect(r.challenger!.buckets[2].conversion).toBe(0.1);
    expect(r.challenger!.buckets[2].lift).toBeCloseTo(0.25, 10);
    expect(r.challenger!.buckets[0].tooFew).toBe(true);
  });

  it('how many decided leads would move bucket, and which way', () => {
    const m = report().challenger!.moves;
    // B: Hot → Cold (down, 2 won); C: Cold → Warm (up, 6 won); A and D stay.
    expect(m).toEqual({
      same: 20,
      up: 10,
      down: 10,
      changes: [
        { from: 'Hot', to: 'Cold', leads: 10, won: 2 },
        { from: 'Cold', to: 'Warm', leads: 10, won: 6 },
      ],
    });
  });

  it("reports the challenger's rule problems prefixed with its tab name, apart from Rules'", () => {
    const r = report();
    expect(r.problems).toEqual([]);
    expect(r.challenger!.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Rules \(suggested\) row 4, Operator: 'bigger than' is not an operator/),
    ]);
  });

  it('without a challenger the report has no challenger section', () => {
    const run = prepareRun({ settings, rules: RULES, today: TODAY, asOf: AS_OF });
    const r = backtest(run, { headers: ['Plan', 'Visits', 'Status'], rows, firstRow: 2 });
    expect(r.ok && 'challenger' in r).toBe(false);
  });

  it('a bad Challenger rules name is a settings problem in words', () => {
    expect(challengerTabProblem('Rules (new)', 'Rules', false, 20, 2)?.message).toBe(
      "Settings row 20, Value: Challenger rules: there is no tab named 'Rules (new)'. Write the name of a second rules tab as its tab shows it (e.g. Rules (suggested)), or leave it blank; no challenger is scored.",
    );
    expect(challengerTabProblem('rules', 'Rules', false, 20, 2)?.message).toBe(
      "Settings row 20, Value: Challenger rules: 'rules' is the Rules tab itself. Name a second rules tab (e.g. Rules (suggested)) to score beside it, or leave it blank; no challenger is scored.",
    );
    expect(challengerTabProblem('Rules (suggested)', 'Rules', true, 20, 2)).toBeNull();
  });
});
