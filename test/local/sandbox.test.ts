import { describe, expect, it } from 'vitest';
import { hostWith } from './helpers.js';

describe('the bundle runs without Node or browser globals', () => {
  const names = [
    'require',
    'process',
    'Buffer',
    'setTimeout',
    'setInterval',
    'setImmediate',
    'clearTimeout',
    'URL',
    'URLSearchParams',
    'TextEncoder',
    'TextDecoder',
    'structuredClone',
    'fetch',
    'queueMicrotask',
    'global',
    'module',
    'exports',
    'window',
    'document',
    'atob',
    'btoa',
    'performance',
    'crypto',
  ];

  it.each(names)('%s is undefined inside', (name) => {
    const { host } = hostWith(`function probe() { return typeof ${name}; }`);
    expect(host.run('probe')).toBe('undefined');
  });

  it('the Apps Script globals and ECMAScript built-ins are there', () => {
    const { host } =
      hostWith(`function probe() { return [typeof SpreadsheetApp, typeof HtmlService, typeof PropertiesService, typeof CacheService,
      typeof LockService, typeof Session, typeof Utilities, typeof Logger, typeof console, typeof JSON, typeof Intl, typeof Map].join(','); }`);
    expect(host.run('probe')).toBe('object,object,object,object,object,object,object,object,object,object,object,function');
  });

  it('console output is captured, not printed', () => {
    const { host } = hostWith(`function f() { console.log('a', 1); console.warn('w'); Logger.log('n=%s', 3); }`);
    host.run('f');
    expect(host.logs).toEqual([
      { level: 'log', message: 'a 1' },
      { level: 'warn', message: 'w' },
      { level: 'Logger', message: 'n=3' },
    ]);
  });

  it('module state does not survive between executions', () => {
    const { host } = hostWith(`var n = 0; function inc() { n++; return n; }`);
    expect([host.run('inc'), host.run('inc')]).toEqual([1, 1]);
  });

  it('values crossing the boundary keep instanceof both ways', () => {
    const { host, wb } = hostWith(
      `function f() { var s = SpreadsheetApp.getActiveSheet(); var v = s.getRange(1, 1, 1, 2).getValues();
        s.getRange(2, 1, 1, 2).setValues([[new Date(Date.UTC(2026, 1, 3)), 'x']]);
        return [v instanceof Array, v[0] instanceof Array, v[0][0] instanceof Date].join(','); }`,
      [[new Date(Date.UTC(2026, 0, 1)), 'a']],
    );
    expect(host.run('f')).toBe('true,true,true');
    expect(wb.sheets[0].values[1]).toEqual([new Date(Date.UTC(2026, 1, 3)), 'x']);
  });

  it('the now option pins new Date() and Date.now() inside', () => {
    const { host } = hostWith(
      `function f() { return [new Date().toISOString(), Date.now(), new Date(0).getTime(), new Date() instanceof Date].join(','); }`,
      [],
      {
        now: new Date('2026-05-01T10:00:00Z'),
      },
    );
    expect(host.run('f')).toBe(`2026-05-01T10:00:00.000Z,${Date.UTC(2026, 4, 1, 10)},0,true`);
  });

  it('service internals are hidden from the script', () => {
    const { host } = hostWith(
      `function f() { var r = SpreadsheetApp.getActiveSheet().getRange('A1'); return [typeof r._sheet, typeof r.getBandings, String(r)].join(','); }`,
    );
    expect(host.run('f')).toBe('undefined,undefined,Range');
  });

  it('a missing bundle file is a clear error', async () => {
    const { createHost, createWorkbook } = await import('../../local/index.js');
    expect(() => createHost(createWorkbook(), { bundleDir: '/nonexistent-dir' })).toThrow(
      'No bundle at /nonexistent-dir/Code.js: build the add-on first (or pass { code }).',
    );
  });
});
