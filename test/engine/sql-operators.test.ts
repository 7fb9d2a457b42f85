/**
 * Each operator's translation (README "Operators"), one rule of 10 points over a column of cells:
 * which leads it holds on, worked out by hand, in DuckDB (typed and all-text tables), equal to the
 * engine; and the BigQuery translation of the same rule parses and uses BigQuery's function.
 */
import { Parser } from 'node-sql-parser';
import { describe, expect, it } from 'vitest';
import { prepareRun, RULE_HEADERS, type Cell } from '../../src/engine';
import { compileModelSql } from '../../src/engine/sql';
import { differences, scoreBoth } from './sql-harness';

const D = (iso: string) => new Date(`${iso}T00:00:00Z`);
const AS_OF = D('2026-03-31');

interface Case {
  operator: string;
  value: string;
  cells: Cell[];
  /** 10 where the rule holds, by hand. */
  fit: number[];
  /** A function the BigQuery translation uses. */
  bigquery?: string;
}

const CASES: Case[] = [
  // 'VP' = 'vp' trimmed, case-insensitive; '12' = 12 (numbers compare as numbers); 'x' no.
  { operator: 'is', value: 'vp, 12', cells: [' VP ', 12, '12.0', 'x'], fit: [10, 10, 10, 0] },
  // blank never holds (not even for 'is not').
  { operator: 'is not', value: 'vp', cells: ['VP', 'CEO', '', 'vpx'], fit: [0, 10, 0, 10] },
  { operator: 'contains', value: 'head, vp', cells: ['Head of Sales', 'SVP', 'CEO'], fit: [10, 10, 0], bigquery: 'STRPOS' },
  { operator: 'does not contain', value: 'intern', cells: ['Intern', 'CEO'], fit: [0, 10] },
  { operator: 'starts with', value: 'chief', cells: ['Chief of staff', 'Mischief'], fit: [10, 0] },
  { operator: 'ends with', value: 'officer', cells: ['Chief Officer', 'Officers'], fit: [10, 0] },
  // '1,200' and '$1,500' are numbers as text; 'abc' is not a number (a lead issue).
  { operator: '>', value: '1000', cells: [1200, '1,200', '$1,500', 999, 'abc'], fit: [10, 10, 10, 0, 0] },
  { operator: '>=', value: '50', cells: [50, 49.5], fit: [10, 0] },
  { operator: '<', value: '10', cells: [9, 10], fit: [10, 0] },
  { operator: '<=', value: '10', cells: [10, 11], fit: [10, 0] },
  { operator: 'between', value: '10..50', cells: [10, 50, 51, '30'], fit: [10, 10, 0, 10] },
  // Dates as cells and as text ('3/1/2026' is 1 March, en-US).
  { operator: '>', value: '2026-03-01', cells: [D('2026-03-02'), '2026-03-01', '3/2/2026'], fit: [10, 0, 10] },
  { operator: 'is empty', value: '', cells: ['', '  ', 'x', 0], fit: [10, 10, 0, 0] },
  { operator: 'is not empty', value: '', cells: ['', 'x', 0], fit: [0, 10, 10] },
  { operator: 'matches', value: '^(vp|head)\\b', cells: ['VP Sales', 'Head', 'SVP'], fit: [10, 10, 0], bigquery: 'REGEXP_CONTAINS' },
  // As of 2026-03-31: 30 days ago holds, 31 does not; a future date is age 0.
  {
    operator: 'within last days',
    value: '30',
    cells: [D('2026-03-01'), D('2026-02-28'), D('2026-04-10')],
    fit: [10, 0, 10],
    bigquery: 'UNIX_DATE',
  },
  { operator: 'older than days', value: '30', cells: [D('2026-03-01'), D('2026-02-28')], fit: [0, 10] },
  {
    operator: 'is free email',
    value: '',
    cells: ['tom@gmail.com', 'Tom <t@Yahoo.co.uk>', 'mailto:x@hotmail.fr?subject=hi', 'x@acme.com', 'x@gmail.com.'],
    fit: [10, 10, 10, 0, 10],
  },
  { operator: 'is true', value: '', cells: [true, 'yes', 'x', 1, false, 'no'], fit: [10, 10, 10, 10, 0, 0] },
  { operator: 'is false', value: '', cells: [false, 'no', 0, true], fit: [10, 10, 10, 0] },
];

describe('each operator as SQL', () => {
  for (const c of CASES) {
    it(`${c.operator} ${c.value}`.trim(), async () => {
      const rules: Cell[][] = [[...RULE_HEADERS], ['Fit', 'Field', c.operator, c.value, 10, '', '', '', '', '', '', true, '']];
      const settings: Cell[][] = [
        ['Setting', 'Value'],
        ['As-of date', AS_OF],
      ];
      // A second column keeps every row non-blank (a blank row gets no score).
      const rows = c.cells.map((v, i) => [v, `lead ${i}`]);
      for (const mode of ['typed', 'text'] as const) {
        const both = await scoreBoth({ settings, rules, headers: ['Field', 'Name'], rows, mode });
        expect(differences(both)).toEqual([]);
        if (mode === 'typed' || c.cells.every((v) => typeof v === 'string')) expect(both.sql.map((r) => r.Fit)).toEqual(c.fit);
      }
      const run = prepareRun({ settings, rules, today: AS_OF, spreadsheetTimeZone: 'UTC' });
      const bq = compileModelSql(run, { dialect: 'bigquery', headers: ['Field', 'Name'], rows });
      expect(bq.rules).toBe(1);
      expect(() => new Parser().astify(bq.sql, { database: 'bigquery' })).not.toThrow();
      if (c.bigquery) expect(bq.sql).toContain(c.bigquery);
    });
  }
});
