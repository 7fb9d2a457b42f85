import { describe, it, expect } from 'vitest';
import { holds, test } from './helpers';
import { compileTest } from '../../src/engine';

describe('matches', () => {
  it('is a case-insensitive regular expression found anywhere in the cell', () => {
    expect(holds('matches', '^(vp|head) ', 'VP Marketing')).toBe(true);
    expect(holds('matches', '^(vp|head) ', 'SVP Marketing')).toBe(false);
    expect(holds('matches', '\\.edu$', 'jo@Stanford.EDU')).toBe(true);
    expect(test('matches', 'c[eo]o', 'The CEO')).toBe('F matches c[eo]o');
  });
  it('tests numbers as their text and never holds on blank', () => {
    expect(holds('matches', '^\\d{5}$', 10115)).toBe(true);
    expect(holds('matches', '.*', '')).toBe(false);
  });
  it('is deterministic across calls (no lastIndex state)', () => {
    const r = [1, 2, 3].map(() => holds('matches', 'a', 'a'));
    expect(r).toEqual([true, true, true]);
  });
  it('refuses invalid, blank and back-referencing patterns at compile time; nested repeats run (RE2)', () => {
    expect(compileTest('matches', '(', 'F').ok).toBe(false);
    expect(compileTest('matches', '(a)\\1', 'F').ok).toBe(false);
    expect(compileTest('matches', '', 'F').ok).toBe(false);
    expect(holds('matches', '(a+)+$', `${'a'.repeat(30)}!`)).toBe(false);
    expect(holds('matches', '(a+)+$', 'baaa')).toBe(true);
  });
});
