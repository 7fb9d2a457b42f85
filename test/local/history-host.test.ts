/** Host services the Score history tab uses: Sheet.deleteRows and the host clock (README "The local host"). */
import { describe, expect, it } from 'vitest';
import { hostWith, runBody, thrown } from './helpers.js';

describe('Sheet.deleteRows', () => {
  it('removes rows; the cells, formats and formulas below move up; the sheet has fewer rows', () => {
    const { wb } = runBody(
      "var s = SpreadsheetApp.getActiveSheet(); s.getRange('A4').setNumberFormat('@'); s.getRange('B5').setFormula('=1+1'); s.deleteRows(2, 2);",
      [['h'], ['a'], ['b'], ['c'], ['d']],
    );
    const s = wb.sheets[0];
    expect(s.values.map((r) => r[0])).toEqual(['h', 'c', 'd']);
    expect(s.numberFormats.get('2,1')).toBe('@');
    expect(s.formulas.get('3,2')).toBe('=1+1');
    expect(s.maxRows).toBe(998);
  });

  it('fails as Sheets does out of bounds and when every non-frozen row would go', () => {
    const { host } = hostWith(
      'function outOf() { SpreadsheetApp.getActiveSheet().deleteRows(999, 5); }\n' +
        'function all() { var s = SpreadsheetApp.getActiveSheet(); s.setFrozenRows(1); s.deleteRows(2, 999); }',
    );
    expect(thrown(() => host.run('outOf'))).toMatch(/Those rows are out of bounds\./);
    expect(thrown(() => host.run('all'))).toMatch(/Sorry, it is not possible to delete all non-frozen rows\./);
  });
});

describe('the host clock', () => {
  it('setClock and advanceClock move new Date() inside the bundle', () => {
    const { host } = hostWith('function now() { return new Date().toISOString(); }', [], { now: new Date('2026-11-20T07:00:00Z') });
    expect(host.run('now')).toBe('2026-11-20T07:00:00.000Z');
    host.advanceClock(86_400_000);
    expect(host.run('now')).toBe('2026-11-21T07:00:00.000Z');
    host.setClock(new Date('2027-01-01T00:00:00Z'));
    expect(host.run('now')).toBe('2027-01-01T00:00:00.000Z');
    expect(host.clock()).toBe(Date.parse('2027-01-01T00:00:00Z'));
  });
});
