import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { run, rulesGrid, settingsGrid, type R } from './helpers';
import { MAX_COUNT, MAX_POINTS } from '../../src/engine/rules';
import type { Cell, LeadScore } from '../../src/engine';

const HEADERS = ['Name', 'Size', 'Visits'];
const GOOD: R = { category: 'Fit', field: 'Size', operator: '>=', value: '50', points: 20 };

describe('Points, Max points and counts are bounded, so no score overflows', () => {
  it(`Points beyond ±${MAX_POINTS.toLocaleString('en-US')} are a rule problem; the bound itself is fine`, () => {
    for (const points of [1e308, '1e308', -1e7, 1_000_001]) {
      const r = run(rulesGrid(GOOD, { category: 'Fit', field: 'Size', operator: '>', value: '0', points }), HEADERS, [['Ada', 120, '']]);
      expect(r.problems.map((p) => p.message)).toEqual([
        `Rules row 3, Points: '${String(points)}' is too large. Points must be between −1,000,000 and 1,000,000.`,
      ]);
      expect(r.leads[0]).toMatchObject({ fit: 20, score: 20, grade: 'B' });
    }
    const r = run(rulesGrid({ category: 'Fit', field: 'Size', operator: '>', value: '0', points: 1_000_000 }), HEADERS, [['Ada', 120, '']]);
    expect(r.problems).toEqual([]);
    expect(r.leads[0]).toMatchObject({ fit: 1_000_000, score: 100, bucket: 'Hot', grade: 'A' });
  });

  it('Max points beyond 1,000,000 is a rule problem', () => {
    const r = run(
      rulesGrid(GOOD, { category: 'Behaviour', field: 'Visits', operator: '>', value: '0', points: 5, per: 'each', max: 1e308 }),
      HEADERS,
      [['Ada', 120, 3]],
    );
    expect(r.problems.map((p) => p.message)).toEqual([
      "Rules row 3, Max points: '1e+308' is not a cap: use a number above 0 and at most 1,000,000.",
    ]);
  });

  it('a count of 1e308 with Per each and no Max points: named in Why, not scored (was Fit Infinity, Score NaN)', () => {
    const rules = rulesGrid(GOOD, { category: 'Fit', field: 'Visits', operator: '>', value: '0', points: 10, per: 'each' });
    const r = run(rules, HEADERS, [
      ['Ada', 120, 1e308],
      ['Bo', 120, '1e308'],
      ['Cy', 120, MAX_COUNT],
    ]);
    expect(r.problems).toEqual([]);
    const [ada, bo, cy] = r.leads as LeadScore[];
    expect(ada).toMatchObject({ fit: 20, score: 20, bucket: 'Cold', grade: 'B' });
    expect(ada.why).toBe("+20 Size ≥ 50 · ⚠ Visits '1e+308' is too large for a count (at most 1,000,000)");
    expect(bo.why).toBe("+20 Size ≥ 50 · ⚠ Visits '1e308' is too large for a count (at most 1,000,000)");
    // 1,000,000 visits × 10 points (repeat factor 1) + 20 = 10,000,020: finite, clamped to 100.
    expect(cy).toMatchObject({ fit: 10_000_020, score: 100, bucket: 'Hot', grade: 'A' });
  });
});

/** Any cell a sheet (or a careless caller) could hand the engine. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.double(), // includes ±Infinity, NaN, −0, 5e-324 and ±1.8e308
  fc.integer(),
  fc.constantFrom('1e308', '-1e308', '1e309', '1e-320', 'Infinity', 'NaN', '1,000,000,000,000', '$9e307', '', ' ', '#N/A', 'TRUE'),
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.double().map((t) => new Date(t * 1e6)), // valid and invalid dates, far past and future
  fc.constantFrom(null, undefined),
);
/** Mostly values that make a rule valid and hold (so extremes reach the sums), sometimes anything. */
const often = (...likely: Cell[]): fc.Arbitrary<Cell> =>
  fc.oneof({ arbitrary: fc.constantFrom(...likely), weight: 4 }, { arbitrary: anyCell, weight: 1 });
const ruleArb: fc.Arbitrary<R> = fc.record({
  category: fc.constantFrom('Fit', 'Behaviour', 'Negative', 'Disqualify'),
  field: fc.constantFrom('A', 'B', 'C'),
  operator: fc.constantFrom('>', 'is not empty', 'between', 'is', 'matches', 'within last days', 'older than days', 'is true'),
  value: often('0', '-1e308', '-1e308..1e308', '0..1e300', '.', '1e-300', '2026-01-01', '30'),
  points: often(10, 1e308, -1e308, 9e307, 1e6, -1e6, 5e-324),
  per: fc.constantFrom('', 'each', 'once'),
  repeat: often('', 1, 0.5, 1e-300, 0.9999999999999999),
  max: often('', '', 1e6, 1e308, 5e-324),
  dateField: fc.constantFrom('', '', 'C'),
  halfLife: often('', 30, 5e-324, 1e308),
  expires: often('', '', 0, 1e308),
});
const settingsArb = fc
  .array(
    fc.tuple(
      fc.constantFrom('Max score', 'Hot at', 'Warm at', 'Max fit', 'Max behaviour', 'Grade A at', 'Grade B at', 'Grade C at'),
      anyCell,
    ),
    { maxLength: 6 },
  )
  .map((pairs) => settingsGrid(...pairs));

describe('the engine never returns a non-finite number', () => {
  it('for arbitrary rules, lead cells and settings', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(often(1e308, 1e6, 5, 'x'), often(1e308, -1e308, 3, '1e308'), anyCell), { minLength: 1, maxLength: 4 }),
        settingsArb,
        (rules, leads, settings) => {
          const r = run(rulesGrid(...rules), ['A', 'B', 'C'], leads, { settings });
          for (const l of r.leads) {
            if (!l) continue;
            for (const n of [l.fit, l.behaviour, l.negative, l.score, l.fitUncapped, l.behaviourUncapped])
              expect(Number.isFinite(n), JSON.stringify(l)).toBe(true);
            for (const c of l.contributions) {
              for (const n of [c.uncapped, c.base, c.points]) expect(Number.isFinite(n), JSON.stringify(c)).toBe(true);
            }
            // Numbers in Why (points, counts, caps, decay) are finite; a lead's own text may say 'Infinity'.
            expect(l.why).not.toMatch(/[+−](-?Infinity|NaN)|×(-?Infinity|NaN)|(from|at) (-?Infinity|NaN)/);
            expect(['Hot', 'Warm', 'Cold', 'Disqualified']).toContain(l.bucket);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
