import { describe, it, expect } from 'vitest';
import { holds, test } from './helpers';

describe("'is'", () => {
  it('compares text trimmed and case-insensitively', () => {
    expect(holds('is', 'Software', '  software ')).toBe(true);
    expect(holds('is', ' SaaS ', 'saas')).toBe(true);
    expect(holds('is', 'Software', 'Software house')).toBe(false);
  });
  it('takes a comma list: holds when any alternative matches, labelled with the one that did', () => {
    expect(test('is', 'Germany, France, Spain', 'france')).toBe('F is France');
    expect(holds('is', 'Germany, France, Spain', 'Italy')).toBe(false);
    expect(holds('is', 'Germany,,  ,France', 'france')).toBe(true); // empty alternatives ignored
  });
  it('compares numbers numerically: "10" = 10.0 = 10', () => {
    expect(holds('is', '10', 10.0)).toBe(true);
    expect(holds('is', '10.0', 10)).toBe(true);
    expect(holds('is', '10', '10.00')).toBe(true); // number stored as text
    expect(holds('is', '10', 10.5)).toBe(false);
    expect(holds('is', '$30', 30)).toBe(true);
  });
  it('matches checkboxes against yes/no and true/false text', () => {
    expect(holds('is', 'yes', true)).toBe(true);
    expect(holds('is', 'TRUE', true)).toBe(true);
    expect(holds('is', 'no', false)).toBe(true);
    expect(holds('is', 'yes', false)).toBe(false);
  });
  it('matches a Date cell against a date Value by calendar day', () => {
    expect(holds('is', '2026-03-05', new Date(Date.UTC(2026, 2, 5, 17)))).toBe(true);
    expect(holds('is', '2026-03-05', new Date(Date.UTC(2026, 2, 6, 1)))).toBe(false);
  });
  it('does not hold on a blank cell', () => {
    expect(holds('is', 'x', '')).toBe(false);
    expect(holds('is', 'x', '   ')).toBe(false);
    expect(holds('is', '0', null)).toBe(false);
  });
});

describe("'is not'", () => {
  it('holds when none of the alternatives matches', () => {
    expect(test('is not', 'Student, Intern', 'VP Sales')).toBe('F is not Student, Intern');
    expect(holds('is not', 'Student, Intern', ' intern ')).toBe(false);
  });
  it('compares numbers numerically', () => {
    expect(holds('is not', '10', '10.0')).toBe(false);
    expect(holds('is not', '10', 11)).toBe(true);
  });
  it('never holds on a blank cell (blank satisfies only is empty)', () => {
    expect(holds('is not', 'Student', '')).toBe(false);
    expect(holds('is not', 'Student', undefined)).toBe(false);
  });
});
