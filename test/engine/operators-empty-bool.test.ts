import { describe, it, expect } from 'vitest';
import { holds, test } from './helpers';

describe('is empty / is not empty', () => {
  it("is empty holds on '', whitespace, null and undefined only", () => {
    for (const v of ['', '   ', null, undefined]) expect(holds('is empty', '', v)).toBe(true);
    for (const v of ['x', 0, false, new Date(0)]) expect(holds('is empty', '', v)).toBe(false);
  });
  it('is not empty is the opposite and is labelled with the field alone', () => {
    expect(test('is not empty', '', 0)).toBe('F');
    expect(holds('is not empty', '', false)).toBe(true);
    expect(holds('is not empty', '', ' ')).toBe(false);
  });
});

describe('is true / is false', () => {
  it('read checkboxes', () => {
    expect(holds('is true', '', true)).toBe(true);
    expect(holds('is true', '', false)).toBe(false);
    expect(holds('is false', '', false)).toBe(true);
    expect(test('is false', '', false)).toBe('not F');
  });
  it('read yes/no text, case-insensitive and trimmed', () => {
    for (const v of ['yes', 'YES', ' Yes ', 'y', 'TRUE', 'x', '1']) expect(holds('is true', '', v)).toBe(true);
    for (const v of ['no', 'No', 'n', 'FALSE', '0']) expect(holds('is false', '', v)).toBe(true);
    expect(holds('is true', '', 1)).toBe(true);
    expect(holds('is false', '', 0)).toBe(true);
  });
  it('neither holds on blank or other text', () => {
    for (const v of ['', 'maybe', 2]) {
      expect(holds('is true', '', v)).toBe(false);
      expect(holds('is false', '', v)).toBe(false);
    }
  });
});
