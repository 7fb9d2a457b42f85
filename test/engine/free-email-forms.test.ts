import { describe, it, expect } from 'vitest';
import { holds, scoreOne } from './helpers';
import { isFreeEmail } from '../../src/engine';
import { emailAddress } from '../../src/engine/freeEmail';

describe('is free email reads the address out of the forms mail programs and CRMs write', () => {
  it('display name with <address>, quoted names with commas, mailto:, trailing spaces', () => {
    for (const cell of [
      'Tom Berger <tom.berger@gmail.com>',
      '"Berger, Tom" <x@yahoo.co.uk>',
      'mailto:jo@hotmail.fr',
      'MAILTO:jo@gmx.de?subject=Demo',
      'jo@outlook.com   ',
      '  <jo@icloud.com>  ',
      'Jo <mailto:jo@proton.me>',
      'Jo <jo@GMAIL.com.>',
    ]) {
      expect(isFreeEmail(cell), cell).toBe(true);
      expect(holds('is free email', '', cell), cell).toBe(true);
    }
  });

  it('the address inside <…> decides, not the display name', () => {
    expect(holds('is free email', '', '"tom@gmail.com" <tom@acme.com>')).toBe(false);
    expect(holds('is free email', '', 'Tom Berger <tom@acme.com>')).toBe(false);
    expect(holds('is free email', '', 'Tom Berger (gmail.com)')).toBe(false);
  });

  it('emailAddress gives the bare address', () => {
    expect(emailAddress('Tom Berger <tom.berger@gmail.com>')).toBe('tom.berger@gmail.com');
    expect(emailAddress('"Berger, Tom" <x@yahoo.co.uk>')).toBe('x@yahoo.co.uk');
    expect(emailAddress(' mailto:jo@acme.io?cc=a@b.c ')).toBe('jo@acme.io');
    expect(emailAddress('jo@acme.io')).toBe('jo@acme.io');
  });

  it('scores −10 free email for a display-name address (the starter rule)', () => {
    const lead = scoreOne([{ category: 'Negative', field: 'Email', operator: 'is free email', points: 10 }], {
      Email: 'Tom Berger <tom.berger@gmail.com>',
    });
    expect(lead).toMatchObject({ negative: -10, score: 0, why: '−10 free email' });
  });
});
