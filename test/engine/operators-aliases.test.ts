import { describe, it, expect } from 'vitest';
import { parseOperator, OPERATORS } from '../../src/engine';

describe('operator names and aliases', () => {
  it('every canonical operator parses to itself, in any case and spacing', () => {
    for (const op of OPERATORS) {
      expect(parseOperator(op)).toBe(op);
      expect(parseOperator(`  ${op.toUpperCase().replace(/ /g, '   ')} `)).toBe(op);
    }
  });
  it.each([
    ['=', 'is'],
    ['==', 'is'],
    ['equals', 'is'],
    ['is equal to', 'is'],
    ['!=', 'is not'],
    ['<>', 'is not'],
    ['≠', 'is not'],
    ['not', 'is not'],
    ['is not equal to', 'is not'],
    ["doesn't contain", 'does not contain'],
    ['not contains', 'does not contain'],
    ['greater than', '>'],
    ['more than', '>'],
    ['is greater than', '>'],
    ['≥', '>='],
    ['at least', '>='],
    ['greater than or equal to', '>='],
    ['less than', '<'],
    ['fewer than', '<'],
    ['is less than', '<'],
    ['≤', '<='],
    ['at most', '<='],
    ['less than or equal to', '<='],
    ['is between', 'between'],
    ['is blank', 'is empty'],
    ['is not blank', 'is not empty'],
    ['matches regex', 'matches'],
    ['within last', 'within last days'],
    ['in last days', 'within last days'],
    ['within the last days', 'within last days'],
    ['older than', 'older than days'],
    ['free email', 'is free email'],
    ['is checked', 'is true'],
    ['is yes', 'is true'],
    ['is unchecked', 'is false'],
    ['is no', 'is false'],
  ])('%s → %s', (alias, op) => {
    expect(parseOperator(alias)).toBe(op);
  });
  it('unknown operators are null', () => {
    expect(parseOperator('bigger than')).toBeNull();
    expect(parseOperator('')).toBeNull();
    expect(parseOperator(5)).toBeNull();
  });
});
