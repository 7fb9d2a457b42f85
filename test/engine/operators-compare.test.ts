import { describe, it, expect } from 'vitest';
import { holds, test, day } from './helpers';

describe('comparisons', () => {
  it('> >= < <= compare numerically', () => {
    expect(holds('>', '50', 51)).toBe(true);
    expect(holds('>', '50', 50)).toBe(false);
    expect(holds('>=', '50', 50)).toBe(true);
    expect(holds('<', '50', 49.9)).toBe(true);
    expect(holds('<', '50', 50)).toBe(false);
    expect(holds('<=', '50', 50)).toBe(true);
    expect(holds('<=', '50', 50.01)).toBe(false);
  });
  it('numbers stored as text, with thousands separators and currency, are numbers', () => {
    expect(holds('>', '1000', '1,200')).toBe(true); // 1200 > 1000
    expect(holds('>', '1,000', 1200)).toBe(true);
    expect(holds('>', '9', '10')).toBe(true); // numerically 10 > 9, although "10" < "9" as text
    expect(holds('>=', '10', ' 10.0 ')).toBe(true);
    expect(holds('>', '100', '$250')).toBe(true);
  });
  it('labels show the operator symbol and bound', () => {
    expect(test('>=', '50', 60)).toBe('F ≥ 50');
    expect(test('>', '0.5', 1)).toBe('F > 0.5');
    expect(test('<=', '1,000', 3)).toBe('F ≤ 1000');
  });
  it('do not hold on blank, non-numeric text or booleans, and report the bad cell', () => {
    const issues: string[] = [];
    expect(holds('>', '0', '', { issues })).toBe(false);
    expect(holds('<', '100', '', { issues })).toBe(false);
    expect(issues).toEqual([]); // blank is not an issue
    expect(holds('<', '100', 'lots', { issues })).toBe(false);
    expect(issues).toEqual(["F 'lots' is not a number"]);
    expect(holds('<', '100', true)).toBe(false);
  });
  it('compare dates as calendar days when the Value is a date', () => {
    expect(holds('>=', '2026-03-01', new Date(Date.UTC(2026, 2, 1, 8)))).toBe(true);
    expect(holds('<', '2026-03-01', '2026-02-28')).toBe(true);
    expect(holds('<', '2026-03-01', new Date(Date.UTC(2026, 2, 1)))).toBe(false);
    expect(day(2026, 3, 1)).toBeGreaterThan(day(2026, 2, 28));
  });
});

describe('between', () => {
  it('is inclusive at both ends', () => {
    expect(holds('between', '50..1000', 50)).toBe(true);
    expect(holds('between', '50..1000', 1000)).toBe(true);
    expect(holds('between', '50..1000', 49)).toBe(false);
    expect(holds('between', '50..1000', 1000.5)).toBe(false);
    expect(holds('between', '50..1000', '1,000')).toBe(true);
  });
  it('accepts spaces, decimals and negative numbers', () => {
    expect(holds('between', ' 0.5 .. 2.5 ', 2.5)).toBe(true);
    expect(holds('between', '-10..-5', -7)).toBe(true);
  });
  it('labels as low–high', () => {
    expect(test('between', '50..1000', 200)).toBe('F 50–1000');
  });
  it('does not hold on blank or text', () => {
    expect(holds('between', '0..10', '')).toBe(false);
    expect(holds('between', '0..10', 'five')).toBe(false);
  });
  it('works with date ranges', () => {
    expect(holds('between', '2026-01-01..2026-01-31', '2026-01-31')).toBe(true);
    expect(holds('between', '2026-01-01..2026-01-31', new Date(Date.UTC(2026, 1, 1)))).toBe(false);
  });
});
