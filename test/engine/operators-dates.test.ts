import { describe, it, expect } from 'vitest';
import { holds, test, daysAgo, AS_OF, day } from './helpers';

// As-of day is 2026-03-31 throughout.
describe('within last days / older than days', () => {
  it('within last N days holds for ages 0..N inclusive (Date cells)', () => {
    expect(holds('within last days', '7', daysAgo(0))).toBe(true);
    expect(holds('within last days', '7', daysAgo(7))).toBe(true); // age 7 ≤ 7
    expect(holds('within last days', '7', daysAgo(8))).toBe(false);
    expect(test('within last days', '7', daysAgo(1))).toBe('F within 7 d');
  });
  it('older than N days holds for ages above N only', () => {
    expect(holds('older than days', '90', daysAgo(90))).toBe(false); // 90 is not > 90
    expect(holds('older than days', '90', daysAgo(91))).toBe(true);
    expect(test('older than days', '90', daysAgo(100))).toBe('F older than 90 d');
  });
  it('reads date text', () => {
    // 2026-03-31 − 2026-03-21 = 10 days
    expect(holds('within last days', '10', '2026-03-21')).toBe(true);
    expect(holds('within last days', '9', '2026-03-21')).toBe(false);
    expect(holds('older than days', '9', '21 Mar 2026')).toBe(true);
    expect(holds('older than days', '9', '3/21/2026')).toBe(true);
  });
  it('gives a future date age 0: within last 0 days holds, older than 0 does not', () => {
    const future = day(2026, 4, 15);
    expect(future).toBeGreaterThan(AS_OF);
    expect(holds('within last days', '0', '2026-04-15')).toBe(true);
    expect(holds('older than days', '0', '2026-04-15')).toBe(false);
  });
  it('does not hold on blank; text that is not a date is reported', () => {
    const issues: string[] = [];
    expect(holds('within last days', '30', '', { issues })).toBe(false);
    expect(holds('older than days', '30', '', { issues })).toBe(false);
    expect(issues).toEqual([]);
    expect(holds('older than days', '30', 'last week', { issues })).toBe(false);
    expect(issues).toEqual(["F 'last week' is not a date"]);
  });
});
