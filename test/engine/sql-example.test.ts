import { describe, expect, it } from 'vitest';
import { EXAMPLE_LEAD_HEADERS, starterRulesGrid, type Cell } from '../../src/engine';
import { makeLeadRows, AS_OF } from '../../examples/make-examples';
import { differences, scoreBoth } from './sql-harness';

const SETTINGS: Cell[][] = [
  ['Setting', 'Value'],
  ['As-of date', AS_OF],
];

describe('the example workbook as DuckDB SQL', () => {
  for (const mode of ['typed', 'text'] as const) {
    it(`gives the engine's results on every lead (${mode} table)`, async () => {
      const c = await scoreBoth({
        settings: SETTINGS,
        rules: starterRulesGrid(),
        headers: [...EXAMPLE_LEAD_HEADERS],
        rows: makeLeadRows(),
        mode,
      });
      expect(differences(c)).toEqual([]);
      expect(c.engine.length).toBeGreaterThan(200);
    });
  }
});
