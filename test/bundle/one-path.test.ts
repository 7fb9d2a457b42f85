import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  createHost,
  createSheet,
  evaluateAddonFormulas,
  loadWorkbook,
  columnToLetters,
  REPO_ROOT,
  type CellValue,
} from '../../local/index';
import { setSetting, sheetOf, columnValues } from '../helpers/workbook';
import { RESULT_COLUMNS } from '../../src/sheets/outputColumns';

// README "Scoring": the same tabs and as-of date give the same output in the menu, the custom
// functions and the sidebar. One workbook (the example, 240 leads), one as-of date, every lead.

const AS_OF = new Date('2026-11-20T00:00:00Z');

async function setUp() {
  const wb = await loadWorkbook(join(REPO_ROOT, 'examples/leads.xlsx'));
  wb.sheets = wb.sheets.filter((s) => s.name === 'Leads');
  const host = createHost(wb, { now: new Date('2026-11-29T12:00:00Z') });
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', AS_OF);
  return { wb, host };
}

describe('one path through the engine: Score leads = custom functions = sidebar Explain', () => {
  it('gives the same Fit, Behaviour, Negative, Score, Bucket, Grade and Why for every lead', async () => {
    const { wb, host } = await setUp();
    const leads = sheetOf(wb, 'Leads');
    const width = leads.values[0].filter((h) => h !== '').length;
    const last = leads.values.length;
    // Custom functions, evaluated as Sheets does (ranges, Date arguments), before Score leads adds columns.
    const f = createSheet('Formulas');
    wb.sheets.push(f);
    const L = columnToLetters(width);
    const args = `Leads!A1:${L}1, Leads!A2:${L}${last}`;
    f.formulas.set('1,1', `=LEADSCORE_DETAILS(${args})`);
    f.formulas.set('1,9', `=LEADSCORE(${args})`);
    f.formulas.set('1,10', `=LEADSCORE_WHY(${args})`);
    f.formulas.set('1,11', `=LEADSCORE_BUCKET(I1:I${last - 1})`);
    expect(evaluateAddonFormulas(wb, host).errors).toBe(0);

    host.run('scoreLeads');
    const written = (name: string) => columnValues(leads, name);
    const names = RESULT_COLUMNS.map((c) => c.name);
    const fromMenu = leads.values.slice(1).map((_, i) => names.map((n) => written(n)[i]));
    const details = f.values.slice(0, last - 1).map((r) => r.slice(0, 7));
    expect(details).toEqual(fromMenu);
    expect(f.values.slice(0, last - 1).map((r) => r[8])).toEqual(written('Score'));
    expect(f.values.slice(0, last - 1).map((r) => r[9])).toEqual(written('Why'));
    // LEADSCORE_BUCKET of the scores: the bucket, except Disqualified (a score of 0 alone is Cold).
    expect(f.values.slice(0, last - 1).map((r) => r[10])).toEqual(written('Bucket').map((b) => (b === 'Disqualified' ? 'Cold' : b)));

    // The sidebar's Explain, lead by lead (every lead row; blank rows are no lead).
    const scored: CellValue[] = written('Score');
    let explained = 0;
    for (let i = 0; i < scored.length; i++) {
      const e = host.run('explainLead', i + 2) as { ok: boolean } & Record<string, unknown>;
      if (scored[i] === '') {
        expect(e.ok).toBe(false);
        continue;
      }
      expect(e.ok).toBe(true);
      expect([e.fit, e.behaviour, e.negative, e.score, e.bucket, e.grade, e.why]).toEqual(fromMenu[i]);
      expect(e.asOf).toBe('2026-11-20');
      explained++;
    }
    expect(explained).toBeGreaterThan(200);
  }, 60_000);
});
