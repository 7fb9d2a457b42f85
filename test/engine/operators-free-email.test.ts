import { describe, it, expect } from 'vitest';
import { holds, test } from './helpers';
import { isFreeEmail } from '../../src/engine';

describe('is free email', () => {
  it('recognises free providers, including country variants', () => {
    for (const e of [
      'jo@gmail.com',
      'jo@yahoo.co.uk',
      'jo@hotmail.fr',
      'jo@outlook.com',
      'jo@icloud.com',
      ' Jo@GMAIL.com ',
      'jo@yahoo.com',
      'jo@gmx.de',
    ]) {
      expect(isFreeEmail(e.trim())).toBe(true);
      expect(holds('is free email', '', e)).toBe(true);
    }
  });
  it('does not flag company domains, including big companies', () => {
    for (const e of ['jo@acme.com', 'jo@facebook.com', 'jo@google.com', 'jo@mail.acme.com', 'jo@livenation.com', 'jo@stanford.edu']) {
      expect(holds('is free email', '', e)).toBe(false);
    }
  });
  it('is labelled "free email" and does not hold on blank or non-addresses', () => {
    expect(test('is free email', '', 'a@gmail.com')).toBe('free email');
    expect(holds('is free email', '', '')).toBe(false);
    expect(holds('is free email', '', 'gmail.com')).toBe(false);
    expect(holds('is free email', '', 42)).toBe(false);
  });
});
