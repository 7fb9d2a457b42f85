/**
 * Issue 11: google.script.run's rule "plain JSON only" is checked on both sides of the call: by the
 * page on what it sends (sidebar/rpc.ts) and by the preview's host bridge on what the bundle
 * returns (local/preview/server.ts). They cannot share code (see illegalIn's comment); here they
 * give the same answer for every kind of value.
 */
import { describe, expect, it } from 'vitest';
import vm from 'node:vm';
import { illegalValuePath } from '../../sidebar/rpc';
import { illegalIn } from '../../local/preview/server.js';

const CASES: Array<[string, unknown, string | null]> = [
  ['null', null, null],
  ['a string', 'Hot', null],
  ['a number', 74, null],
  ['a boolean', false, null],
  ['nested plain data', { counts: { Hot: 1 }, rows: [[1, 'a', null]] }, null],
  ['NaN', Number.NaN, 'x'],
  ['Infinity inside an array', [1, Number.POSITIVE_INFINITY], 'x[1]'],
  ['a Date', new Date(0), 'x'],
  ['a Date inside an object', { at: new Date(0) }, 'x.at'],
  ['a function', () => 1, 'x'],
  ['a function inside an array', [{ f: () => 1 }], 'x[0].f'],
];

describe('the JSON rule of google.script.run, page and host', () => {
  for (const [what, value, where] of CASES) {
    it(`${what}: ${where ?? 'carried'}`, () => {
      expect(illegalValuePath(value, 'x')).toBe(where);
      expect(illegalIn(value, 'x')).toBe(where);
    });
  }

  it("the host accepts plain objects made in the bundle's realm, whose Object.prototype is another", () => {
    const fromBundle = vm.runInNewContext('({ ok: true, counts: { Hot: 2 }, rows: [1, 2] })');
    expect(illegalIn(fromBundle, 'result')).toBeNull();
    expect(illegalIn(vm.runInNewContext('new Date(0)'), 'result')).toBe('result');
  });
});
