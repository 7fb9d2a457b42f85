import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  createHost,
  createSheet,
  evaluateAddonFormulas,
  loadWorkbook,
  columnToLetters,
  REPO_ROOT,
  writeCell,
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

  it('with Activity rules: Score leads = custom functions with the activity argument = without it = Explain (README "Activity")', async () => {
    const wb = await loadWorkbook(join(REPO_ROOT, 'examples/leads.xlsx'));
    wb.sheets = wb.sheets.filter((s) => s.name === 'Leads' || s.name === 'Activity');
    const host = createHost(wb, { now: new Date('2026-11-29T12:00:00Z') });
    host.run('setUpScoring');
    setSetting(wb, 'As-of date', AS_OF);
    // Two Activity rules appended to the starter Rules.
    const rules = sheetOf(wb, 'Rules');
    const headers = rules.values[0] as string[];
    const add = (cells: Record<string, CellValue>) => {
      const row = rules.values.findIndex((r, i) => i > 0 && r.every((v) => v === '' || v === true)) + 1 || rules.values.length + 1;
      for (const [h, v] of Object.entries({ Enabled: true, ...cells })) writeCell(rules, row, headers.indexOf(h) + 1, v);
    };
    add({
      Category: 'Behaviour',
      Field: 'Activity: Pricing page',
      Operator: 'happened',
      Points: 6,
      Per: 'each',
      'Repeat factor': 0.5,
      'Max points': 12,
      'Half-life days': 14,
    });
    add({ Category: 'Behaviour', Field: 'Activity: Demo request', Operator: 'within last days', Value: 30, Points: 10 });
    const leads = sheetOf(wb, 'Leads');
    const width = leads.values[0].filter((h) => h !== '').length;
    const last = leads.values.length;
    const activityRows = sheetOf(wb, 'Activity').values.length;
    const f = createSheet('Formulas');
    wb.sheets.push(f);
    const L = columnToLetters(width);
    const args = `Leads!A1:${L}1, Leads!A2:${L}${last}, DATE(2026,11,20), Rules!A1:M60, Settings!A1:C60`;
    f.formulas.set('1,1', `=LEADSCORE_DETAILS(${args}, Activity!A1:E${activityRows})`);
    f.formulas.set('1,9', `=LEADSCORE_DETAILS(${args})`);
    expect(evaluateAddonFormulas(wb, host).errors).toBe(0);

    host.run('scoreLeads');
    const written = (name: string) => columnValues(leads, name);
    const names = RESULT_COLUMNS.map((c) => c.name);
    const fromMenu = leads.values.slice(1).map((_, i) => names.map((n) => written(n)[i]));
    expect(f.values.slice(0, last - 1).map((r) => r.slice(0, 7))).toEqual(fromMenu);
    expect(f.values.slice(0, last - 1).map((r) => r.slice(8, 15))).toEqual(fromMenu);
    const why = written('Why') as string[];
    expect(why.filter((w) => / Pricing page ×\d/.test(w)).length).toBeGreaterThan(50);
    expect(why.filter((w) => /Demo request within 30 d/.test(w)).length).toBeGreaterThan(5);
    // The two orphan events of the example are reported in the summary.
    expect(host.ui.toasts.at(-1)!.message).toContain('2 Activity rows (2 lead keys, e.g.');
    const scored: CellValue[] = written('Score');
    for (let i = 0; i < scored.length; i++) {
      if (scored[i] === '') continue;
      const e = host.run('explainLead', i + 2) as Record<string, unknown>;
      expect([e.fit, e.behaviour, e.negative, e.score, e.bucket, e.grade, e.why]).toEqual(fromMenu[i]);
    }
  }, 60_000);
});
