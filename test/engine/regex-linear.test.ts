import { describe, it, expect } from 'vitest';
import { holds } from './helpers';
import { compileSafeRegex, compileTest } from '../../src/engine';
import { MAX_INSTRUCTIONS } from '../../src/engine/regex';

const A2000 = 'a'.repeat(2000);
const A1999_BANG = `${'a'.repeat(1999)}!`;

/**
 * Patterns that backtrack catastrophically in JavaScript's RegExp, each with a 2,000-character
 * cell built to make it fail (the slow case) and the answer worked out by hand: every one of
 * them needs a character the cell lacks (x, y, b, a comma, an end right after the a's).
 */
function corpus(): Array<{ pattern: string; cell: string; expected: boolean }> {
  const out: Array<{ pattern: string; cell: string; expected: boolean }> = [];
  const add = (pattern: string, cell: string, expected: boolean) => out.push({ pattern, cell, expected });
  // Classic ReDoS shapes.
  for (const p of ['(a+)+$', '(a|aa)+$', '(a|a)*b', '(a*)*b', '(a?){30}a{30}$', '^(\\w+\\s?)*$', '(\\w|\\d)+$', '^(a+)+b'])
    add(p, A1999_BANG, false);
  add('(x+x+)+y', 'x'.repeat(2000), false);
  add('^([a-z0-9])(([\\-.]|[_]+)?([a-z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$', A1999_BANG, false);
  // The five from issue 9, which passed the old shape check.
  add('\\w*\\w*\\w*\\w*x', A2000, false);
  add('[\\s\\S]*[\\s\\S]*[\\s\\S]*x', A2000, false);
  add('(?:\\w*){9}x', A2000, false);
  add('(a+){10}$', A1999_BANG, false);
  add('\\d*\\d*\\d*x', '1'.repeat(2000), false);
  // Generated families around them.
  for (let k = 2; k <= 12; k++) {
    add(`${'\\w*'.repeat(k)}x`, A2000, false);
    add(`${'.*'.repeat(k)}x`, A2000, false);
    add(`(?:\\w*){${k}}x`, A2000, false);
    add(`(a+){${k}}$`, A1999_BANG, false);
    add(`(.*a){${k}}x`, A2000, false);
    add(`(.*,){${k}}x`, ','.repeat(2000), false);
  }
  // And the same patterns where they hold.
  add('\\w*\\w*\\w*\\w*x', `${'a'.repeat(1999)}x`, true);
  add('(a+){10}$', A2000, true);
  add('\\d*\\d*\\d*x', `${'1'.repeat(1999)}x`, true);
  return out;
}

describe('matches runs in linear time (RE2)', () => {
  it('finishes every known catastrophic pattern on a 2,000-character cell with the right answer', () => {
    compileSafeRegex('\\p{L}é').ok; // warm-up: first use decodes RE2's tables
    const slow: string[] = [];
    for (const { pattern, cell, expected } of corpus()) {
      const started = performance.now();
      const compiled = compileTest('matches', pattern, 'F');
      expect(compiled.ok, pattern).toBe(true);
      if (!compiled.ok) continue;
      const label = compiled.test(cell, { asOfDay: 0, dayOf: () => null, issue: () => {} });
      expect(label !== null, `${pattern} on ${cell.slice(-3)}`).toBe(expected);
      const ms = performance.now() - started;
      // Generous: each takes a few ms; JavaScript's RegExp takes from seconds to hours on these.
      if (ms > 100) slow.push(`${pattern}: ${ms.toFixed(0)} ms`);
    }
    expect(slow).toEqual([]);
  });

  it('agrees with JavaScript RegExp on short cells, where backtracking is cheap', () => {
    const cells = ['aaaaaaaa', 'aaaaaaa!', 'aaaaaaax', '1111x', 'x,x,x,x', 'ab c', 'foo@bar.io', ''];
    for (const { pattern } of corpus()) {
      const js = new RegExp(pattern, 'i');
      for (const cell of cells) {
        if (cell === '') continue; // a blank cell satisfies only 'is empty'
        expect(holds('matches', pattern, cell), `${pattern} on '${cell}'`).toBe(js.test(cell));
      }
    }
  });

  it('tests the whole cell: a match after 2,000 characters holds', () => {
    expect(holds('matches', '\\bvp\\b', `${'x'.repeat(3000)} VP`)).toBe(true);
    expect(holds('matches', 'sales$', `${'y'.repeat(10000)} Sales`)).toBe(true);
  });

  it('keeps case-insensitivity and common syntax: classes, anchors, \\b, named groups, \\u escapes, lookbehinds', () => {
    expect(holds('matches', '^VP\\b', 'vp sales')).toBe(true);
    expect(holds('matches', '^VP\\b', 'vpn admin')).toBe(false);
    expect(holds('matches', 'é', 'RÉSUMÉ')).toBe(true);
    expect(holds('matches', '\\u00e9t\\u00e9', 'Été')).toBe(true);
    expect(holds('matches', '(?<role>vp|head) of', 'Head of Growth')).toBe(true);
    expect(holds('matches', '(?<=@)gmail\\.com$', 'jo@gmail.com')).toBe(true);
    expect(holds('matches', '(?<=@)gmail\\.com$', 'jo.gmail.com')).toBe(false);
    expect(holds('matches', '(?<!no )demo', 'no demo')).toBe(false);
    expect(holds('matches', '(?<!no )demo', 'booked a demo')).toBe(true);
    expect(holds('matches', '^\\d{5}$', 10115)).toBe(true);
  });

  it('\\s and \\S mean what they mean in JavaScript: no-break and other Unicode spaces are spaces (RE2 alone: ASCII only)', () => {
    expect(holds('matches', 'vp\\s+sales', 'VP\u00a0Sales')).toBe(true);
    expect(holds('matches', '^\\S+$', 'VP\u00a0Sales')).toBe(false);
    expect(holds('matches', 'a[\\s,]b', 'a\u3000b')).toBe(true);
    const cells = ['VP\u00a0Sales', 'a\vb', 'x\\sy', 'qa]b', 'VPSales'];
    for (const p of ['vp\\ssales', '^\\S+$', '[\\s]', '[^\\s]{7}', '\\\\s', '[\\]\\s]b', '[]a]', '[^]a]b', 'a\\s*b']) {
      for (const cell of cells) expect(holds('matches', p, cell), `${p} on ${JSON.stringify(cell)}`).toBe(new RegExp(p, 'i').test(cell));
    }
  });
});

describe('lookaheads after a leading ^ run as separate tests', () => {
  it('^(?=.*a)(?=.*b)(?=.*c): all three, in any order (refused by the old check)', () => {
    const p = '^(?=.*a)(?=.*b)(?=.*c)';
    expect(compileSafeRegex(p).ok).toBe(true);
    expect(holds('matches', p, 'cab')).toBe(true);
    expect(holds('matches', p, 'xbxcxa')).toBe(true);
    expect(holds('matches', p, 'ab')).toBe(false);
  });

  it('negative lookaheads and a pattern after them', () => {
    expect(holds('matches', '^(?!.*student)(?=.*vp)', 'VP Sales')).toBe(true);
    expect(holds('matches', '^(?!.*student)(?=.*vp)', 'VP of student affairs')).toBe(false);
    // ^(?=.*vp)sales: starts with "sales" and contains "vp" somewhere.
    expect(holds('matches', '^(?=.*vp)sales', 'Sales VP')).toBe(true);
    expect(holds('matches', '^(?=.*vp)sales', 'VP Sales')).toBe(false);
    expect(holds('matches', '^(?!)', 'anything')).toBe(false);
    // Brackets and escaped parentheses inside a lookahead.
    expect(holds('matches', '^(?=.*[)(])(?=.*\\))', 'f(x)')).toBe(true);
  });

  it('agree with JavaScript RegExp', () => {
    const patterns = [
      '^(?=.*a)(?=.*b)(?=.*c)',
      '^(?!.*student)(?=.*vp)',
      '^(?=.*vp)sales',
      '^(?=[a-z]+$)(?!.*x)',
      '^(?=.*\\d)(?=.*[a-z]).{6,}$',
    ];
    for (const p of patterns) {
      for (const cell of ['cab', 'ab', 'VP Sales', 'Sales VP', 'vp student', 'abcdef', 'abc12345', 'xyz', '123456']) {
        expect(holds('matches', p, cell), `${p} on '${cell}'`).toBe(new RegExp(p, 'i').test(cell));
      }
    }
  });
});

describe('patterns RE2 cannot run are rule problems that say what to write instead', () => {
  const reason = (p: string) => {
    const r = compileSafeRegex(p);
    return r.ok ? 'accepted' : r.reason;
  };

  it('back-references', () => {
    expect(reason('(a)\\1')).toBe(
      "'(a)\\1' uses a back-reference (\\1), which can't run in bounded time. Spell the repeated text out instead, e.g. (ab|cd)\\1 as abab|cdcd.",
    );
    expect(reason('(?<q>[\'"]).*\\k<q>')).toMatch(/^'\(\?<q>\['"\]\)\.\*\\k<q>' uses a back-reference \(\\k<…>\)/);
    expect(reason('[\\1]')).not.toMatch(/back-reference/); // inside a class it is not one
  });

  it('lookaheads away from the start, and alternatives after leading lookaheads', () => {
    expect(reason('vp(?=.*sales)')).toBe(
      "'vp(?=.*sales)' uses a lookahead, (?=…, that is not at the start. Lookaheads work only right after a leading ^, as in ^(?=.*vp)(?=.*sales); otherwise write one rule per condition, or use 'contains'.",
    );
    expect(reason('^(?=.*(?!x)a)')).toMatch(/uses a lookahead, \(\?!…, that is not at the start/);
    expect(reason('^(?=.*a)b|c')).toBe(
      "'^(?=.*a)b|c' has alternatives (|) after its lookaheads, so they would apply to the first alternative only. Group them: ^(?=.*a)(?:b|c).",
    );
    expect(reason('^(?=.*a)(?:b|c)')).toBe('accepted');
  });

  it("invalid patterns, in RE2's words", () => {
    expect(reason('([a-z')).toBe("'([a-z' is not a valid regular expression (missing closing ]: `[a-z`).");
    expect(reason('a{2,1}')).toBe("'a{2,1}' is not a valid regular expression (invalid repeat count: `{2,1}`).");
    expect(reason('(?<=(a))b')).toBe("'(?<=(a))b' is not a valid regular expression (invalid capture in lookbehind: `(?<=(a))b`).");
  });

  it(`programs over ${MAX_INSTRUCTIONS} steps (long counted repeats), so no pattern is slow per character`, () => {
    expect(reason('\\w{400}x')).toBe('accepted');
    expect(reason('\\w{600}')).toBe(
      "'\\w{600}' is too large to run quickly on every lead (602 steps, at most 500). Use shorter counted repeats, e.g. \\w+ instead of \\w{1000}.",
    );
    expect(reason('(\\w{100}){10}x')).toMatch(/is too large to run quickly/);
  });

  it('blank and over-long patterns', () => {
    expect(reason('  ')).toBe('the pattern is blank.');
    expect(reason('a'.repeat(501))).toBe('the pattern is longer than 500 characters.');
  });
});
