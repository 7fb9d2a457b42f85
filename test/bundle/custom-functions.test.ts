import { describe, expect, it } from 'vitest';
import { H, day, setUpWorkbook, sheetOf } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample';
import type { CellValue } from '../../local/index';

const headers = [[...H]];
const asOf = day(ASOF);

function setUp() {
  const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
  const call = (fn: string, ...args: unknown[]) => host.runCustomFunction(fn, ...args).value;
  const error = (fn: string, ...args: unknown[]) => {
    try {
      host.runCustomFunction(fn, ...args);
    } catch (e) {
      return String((e as Error).message);
    }
    throw new Error(`${fn} did not fail`);
  };
  return { wb, host, call, error };
}

describe('custom functions through the bundle, in custom-function mode', () => {
  it('LEADSCORE: one call for a block returns a column; blank rows stay blank', () => {
    const { call } = setUp();
    // Hand-computed in test/helpers/sample.ts.
    expect(call('LEADSCORE', headers, SAMPLE_LEADS, asOf)).toEqual([[74], [11], [''], [0], [97]]);
  });

  it('LEADSCORE: a single row, and single cells (which Sheets passes as plain values)', () => {
    const { call } = setUp();
    expect(call('LEADSCORE', headers, [SAMPLE_LEADS[0]], asOf)).toEqual([[74]]);
    // Only the two Company size rules find their column: 120 is in 50..1000 → 15.
    expect(call('LEADSCORE', 'Company size', 120, asOf)).toEqual([[15]]);
  });

  it('DETAILS and WHY equal what Score leads writes for the same rows and date', () => {
    const { wb, host, call } = setUp();
    const details = call('LEADSCORE_DETAILS', headers, SAMPLE_LEADS, asOf) as CellValue[][];
    const why = call('LEADSCORE_WHY', headers, SAMPLE_LEADS, asOf) as CellValue[][];
    host.run('scoreLeads');
    const written = sheetOf(wb, 'Leads')
      .values.slice(1)
      .map((r) => r.slice(H.length, H.length + 7));
    expect(details).toEqual(written);
    expect(why.map((r) => r[0])).toEqual(written.map((r) => r[6]));
    expect(details[0]).toEqual([42, 32, 0, 74, 'Hot', 'A', expect.stringMatching(/^\+15 Company size 50–1000 · /)]);
  });

  it('a rules range argument is used instead of the Rules tab (so results follow edits)', () => {
    const { wb, call } = setUp();
    const rules = sheetOf(wb, 'Rules')
      .values.slice(0, 17)
      .map((r) => r.slice(0, 13));
    rules[3][4] = 20; // Title rule: 12 → 20 points
    expect(call('LEADSCORE', headers, [SAMPLE_LEADS[0]], asOf, rules)).toEqual([[82]]);
    // A settings range too: Hot at 90 makes 82 Warm.
    const settings = sheetOf(wb, 'Settings')
      .values.slice(0, 17)
      .map((r) => r.slice(0, 3));
    settings[3][1] = 90;
    expect((call('LEADSCORE_DETAILS', headers, [SAMPLE_LEADS[0]], asOf, rules, settings) as CellValue[][])[0][4]).toBe('Warm');
  });

  it('decay moves with as_of, and a blank as_of means the As-of setting / today', () => {
    const { call } = setUp();
    // Ada 30 days later: demo 30 at 60 d → 7.5; pricing 12 at 30 d, half-life 21 → 12 × 0.5^(30/21) = 4.46; not active this week.
    // 42 + 7.5 + 4.46 = 53.96 → 54.
    expect(call('LEADSCORE', headers, [SAMPLE_LEADS[0]], day('2026-12-20'))).toEqual([[54]]);
    expect(call('LEADSCORE', headers, [SAMPLE_LEADS[0]], '')).toEqual([[74]]); // the Settings As-of date
    expect(call('LEADSCORE', headers, [SAMPLE_LEADS[0]], '2026-12-20')).toEqual([[54]]);
  });

  it('rule problems do not make the cell an error: good rules score and Why says so', () => {
    const { wb, call } = setUp();
    sheetOf(wb, 'Rules').values[3][2] = 'bigger than';
    expect(call('LEADSCORE', headers, [SAMPLE_LEADS[0]], asOf)).toEqual([[62]]);
    expect(String((call('LEADSCORE_WHY', headers, [SAMPLE_LEADS[0]], asOf) as CellValue[][])[0][0])).toMatch(/⚠ Rules row 4 skipped/);
  });

  it('errors read like native ones: NAME: problem', () => {
    const { error } = setUp();
    expect(error('LEADSCORE')).toBe('LEADSCORE: the header row is missing; pass it first, e.g. Leads!A1:T1.');
    expect(error('LEADSCORE', [H, H], SAMPLE_LEADS)).toBe('LEADSCORE: headers must be one row (e.g. Leads!A1:T1), not 2 rows.');
    expect(error('LEADSCORE', headers)).toBe('LEADSCORE: the leads range is missing; pass it second, e.g. Leads!A2:T500.');
    expect(error('LEADSCORE', headers, [SAMPLE_LEADS[0].slice(1)])).toBe(
      'LEADSCORE: the leads range is 18 columns wide but the header row has 19. Use the same columns, e.g. A1:T1 and A2:T500.',
    );
    expect(error('LEADSCORE_DETAILS', [['a', 'b']], [[1, 2]])).toBe(
      "LEADSCORE_DETAILS: no column 'Company size' in the header row. Pass the Leads header row first, e.g. Leads!A1:T1.",
    );
    expect(error('LEADSCORE', [['', '']], [[1, 2]])).toBe('LEADSCORE: the header row is blank.');
    expect(error('LEADSCORE_WHY', headers, SAMPLE_LEADS, 'tomorrow')).toBe(
      "LEADSCORE_WHY: as_of 'tomorrow' is not a date. Use TODAY(), DATE(2026,3,31) or a date cell.",
    );
    expect(error('LEADSCORE', headers, SAMPLE_LEADS, 45000)).toBe(
      "LEADSCORE: as_of '45000' is not a date. Use TODAY(), DATE(2026,3,31) or a date cell.",
    );
    expect(error('LEADSCORE', headers, SAMPLE_LEADS, [[asOf, asOf]])).toBe('LEADSCORE: as_of must be one date, not a range.');
    expect(error('LEADSCORE', headers, SAMPLE_LEADS, asOf, [['Category']])).toBe(
      'LEADSCORE: the rules range must include its header row and at least one row, e.g. Rules!A1:M40.',
    );
  });

  it('LEADSCORE_BUCKET: by the Settings thresholds, for one score or a column', () => {
    const { call, error } = setUp();
    expect(call('LEADSCORE_BUCKET', 70)).toBe('Hot');
    expect(call('LEADSCORE_BUCKET', 69.9)).toBe('Warm');
    expect(call('LEADSCORE_BUCKET', 40)).toBe('Warm');
    expect(call('LEADSCORE_BUCKET', 39)).toBe('Cold');
    expect(call('LEADSCORE_BUCKET', '')).toBe('');
    expect(call('LEADSCORE_BUCKET', [[74], [''], ['12']])).toEqual([['Hot'], [''], ['Cold']]);
    expect(error('LEADSCORE_BUCKET', [[74], ['high']])).toBe("LEADSCORE_BUCKET: 'high' (row 2, column 1 of the range) is not a score.");
  });

  it('LEADSCORE_DECAY: points × 0.5^(age / half-life)', () => {
    const { call, error } = setUp();
    expect(call('LEADSCORE_DECAY', 30, day('2026-10-21'), 30, asOf)).toBe(15); // one half-life
    expect(call('LEADSCORE_DECAY', 30, day('2026-09-21'), 30, asOf)).toBe(7.5); // two
    expect(call('LEADSCORE_DECAY', 30, day('2026-12-01'), 30, asOf)).toBe(30); // future: age 0
    expect(call('LEADSCORE_DECAY', 30, '', 30, asOf)).toBe(30); // no date: no decay
    expect(call('LEADSCORE_DECAY', 8, [[day('2026-11-20')], [day('2026-11-06')], ['']], 14, asOf)).toEqual([[8], [4], [8]]);
    // A blank as_of means the As-of setting (2026-11-20 here), as for LEADSCORE: 8 × 0.5^(14/14) = 4.
    expect(call('LEADSCORE_DECAY', 8, day('2026-11-06'), 14)).toBe(4);
    expect(call('LEADSCORE_DECAY', 8, day('2026-11-06'), 14, '')).toBe(4);
    expect(error('LEADSCORE_DECAY', 30, asOf, 0)).toBe("LEADSCORE_DECAY: half_life_days must be a number of days above 0 (got '0').");
    expect(error('LEADSCORE_DECAY', 'lots', asOf, 10)).toBe("LEADSCORE_DECAY: points 'lots' is not a number.");
    expect(error('LEADSCORE_DECAY', 30, 'soon', 10)).toBe("LEADSCORE_DECAY: event_date 'soon' is not a date.");
  });

  it('runs read-only: the functions write nothing and a 10,000-row block is one call well inside 30 s', () => {
    const { host } = setUp();
    const rows = Array.from({ length: 10_000 }, (_, i) => SAMPLE_LEADS[i % SAMPLE_LEADS.length]);
    host.resetCalls();
    const { value, ms } = host.runCustomFunction('LEADSCORE', headers, rows, asOf);
    expect((value as CellValue[][]).length).toBe(10_000);
    expect((value as CellValue[][])[5]).toEqual([74]);
    expect(ms).toBeLessThan(30_000);
    expect(Object.keys(host.calls.byMethod).filter((k) => /\.(set|insert|clear|delete)/.test(k))).toEqual([]);
  });
});
