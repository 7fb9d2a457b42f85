import { describe, expect, it } from 'vitest';
import { hostWith, thrown } from './helpers.js';

describe('call counting', () => {
  it('counts each service method by Class.method', () => {
    const { host } = hostWith(
      `function f() { var s = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
      var v = s.getRange(1, 1, 3, 2).getValues(); s.getRange(1, 3, 3, 1).setValues(v.map(function (r) { return [r[0]]; })); }`,
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    );
    host.run('f');
    expect(host.calls.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.setValues': 1,
    });
    expect(host.calls.total).toBe(6);
    host.resetCalls();
    expect(host.calls).toEqual({ total: 0, byMethod: {} });
  });

  it('no-op services are still counted', () => {
    const { host } = hostWith(
      `function f() { var s = SpreadsheetApp.getActiveSheet(); s.setColumnWidth(1, 120); s.autoResizeColumns(1, 3); Utilities.sleep(5); SpreadsheetApp.flush(); }`,
    );
    host.run('f');
    expect(host.calls.byMethod['Sheet.setColumnWidth']).toBe(1);
    expect(host.calls.byMethod['Sheet.autoResizeColumns']).toBe(1);
    expect(host.calls.byMethod['Utilities.sleep']).toBe(1);
    expect(host.calls.byMethod['SpreadsheetApp.flush']).toBe(1);
    expect(host.workbook.sheets[0].columnWidths.get(1)).toBe(120);
  });
});

describe('LockService', () => {
  const code = `function tryIt() { var l = LockService.getDocumentLock(); var ok = l.tryLock(1000); return [ok, l.hasLock()].join(','); }
    function waitIt() { LockService.getScriptLock().waitLock(1000); return 'got it'; }
    function release() { var l = LockService.getDocumentLock(); l.waitLock(10); l.releaseLock(); return l.hasLock(); }`;

  it('acquires a free lock', () => {
    expect(hostWith(code).host.run('tryIt')).toBe('true,true');
  });

  it('tryLock fails and waitLock throws while another run holds the lock', () => {
    const { host } = hostWith(code);
    host.holdLock('document');
    host.holdLock('script');
    expect(host.run('tryIt')).toBe('false,false');
    expect(thrown(() => host.run('waitIt'))).toBe('Exception: Lock timeout: another process was holding the lock for too long.');
    host.releaseHeldLock('script');
    expect(host.run('waitIt')).toBe('got it');
  });

  it('releaseLock releases; locks end with the execution', () => {
    const { host } = hostWith(code);
    expect(host.run('release')).toBe(false);
    expect(host.run('tryIt')).toBe('true,true');
    expect(host.run('tryIt')).toBe('true,true'); // the previous run's lock was released at its end
  });
});

describe('PropertiesService limits', () => {
  it('9 KB a value', () => {
    const { host } = hostWith(`function f(n) { PropertiesService.getScriptProperties().setProperty('k', new Array(n + 1).join('x')); }`);
    host.run('f', 9 * 1024);
    expect(host.properties.script.get('k')!.length).toBe(9216);
    expect(thrown(() => host.run('f', 9 * 1024 + 1))).toBe('Exception: Argument too large: value');
  });

  it('500 KB a store', () => {
    const { host } = hostWith(
      `function f(i) { PropertiesService.getDocumentProperties().setProperty('k' + i, new Array(9001).join('x')); }`,
    );
    // each entry: 3 key bytes + 9000 value bytes = 9003; 56 make 504168 ≤ 512000, a 57th would make 513171.
    for (let i = 10; i < 66; i++) host.run('f', i);
    expect(thrown(() => host.run('f', 66))).toBe(
      'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
    );
    expect(host.properties.document.size).toBe(56);
  });

  it('get/set/delete/getProperties round trip', () => {
    const { host } =
      hostWith(`function f() { var p = PropertiesService.getUserProperties(); p.setProperties({ a: 1, b: 'two' }); p.deleteProperty('a');
      return JSON.stringify([p.getProperty('a'), p.getProperty('b'), p.getProperties()]); }`);
    expect(host.run('f')).toBe(JSON.stringify([null, 'two', { b: 'two' }]));
  });
});

describe('CacheService', () => {
  it('100 KB a value, 250-character keys, expiry', () => {
    const { host } = hostWith(
      `function put(n) { CacheService.getScriptCache().put('k', new Array(n + 1).join('x'), 60); }
      function key() { CacheService.getScriptCache().put(new Array(252).join('k'), 'v'); }
      function get() { return CacheService.getScriptCache().get('k'); }
      function wait() { Utilities.sleep(61000); }`,
      [],
      { now: new Date('2026-01-01T00:00:00Z') },
    );
    host.run('put', 100 * 1024);
    expect(host.run('get')).toHaveLength(102400);
    expect(thrown(() => host.run('put', 100 * 1024 + 1))).toBe('Exception: Argument too large: value');
    expect(thrown(() => host.run('key'))).toBe('Exception: Argument too large: key');
    host.run('wait');
    expect(host.run('get')).toBe(null);
  });
});
