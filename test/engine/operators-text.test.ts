import { describe, it, expect } from 'vitest';
import { holds, test } from './helpers';

describe('contains / starts with / ends with', () => {
  it('contains: case-insensitive substring, any of a comma list', () => {
    expect(test('contains', 'VP, Head, Director', 'Senior vp of Sales')).toBe('F contains VP');
    expect(test('contains', 'VP, Head, Director', 'Head of Growth')).toBe('F contains Head');
    expect(holds('contains', 'VP, Head', 'Engineer')).toBe(false);
  });
  it('contains looks at numbers as their text', () => {
    expect(holds('contains', '20', 2026)).toBe(true);
  });
  it('starts with / ends with: trimmed, case-insensitive, comma list', () => {
    expect(holds('starts with', 'Chief, Head', '  chief revenue officer')).toBe(true);
    expect(holds('starts with', 'Chief', 'Deputy Chief')).toBe(false);
    expect(test('ends with', '.io, .ai', 'hello@acme.AI ')).toBe('F ends with .ai');
    expect(holds('ends with', '.io', 'acme.com')).toBe(false);
  });
  it('none of them holds on a blank cell', () => {
    for (const op of ['contains', 'starts with', 'ends with'] as const) expect(holds(op, 'a', '')).toBe(false);
  });
});

describe('does not contain', () => {
  it('holds when no alternative is a substring', () => {
    expect(test('does not contain', 'student, intern', 'VP Sales')).toBe('F does not contain student, intern');
    expect(holds('does not contain', 'student, intern', 'Summer INTERN')).toBe(false);
  });
  it('does not hold on a blank cell', () => {
    expect(holds('does not contain', 'student', '')).toBe(false);
    expect(holds('does not contain', 'student', ' ')).toBe(false);
  });
});
