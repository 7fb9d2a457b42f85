/**
 * Export model as SQL through the built bundle (README "When your leads outgrow Sheets"): the
 * server function the CLI and the dialog use gives SQL that, run in DuckDB over the same leads,
 * writes what Score leads writes; the menu opens a dialog holding both dialects; bad input is a sentence.
 */
import { describe, expect, it } from 'vitest';
import { columnValues, H, setUpWorkbook, sheetOf } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample';
import { duck, loadTable, tableOf } from '../engine/sql-harness';

type Export =
  | { ok: true; sql: string; rules: number; leftOut: Array<{ row: number; reason: string }>; table: string; dialect: string }
  | { ok: false; error: string };

describe('Export model as SQL (bundle)', () => {
  it('the DuckDB SQL scores the sample leads as Score leads does', async () => {
    const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    const r = host.run('exportModelAsSql', 'duckdb', 'leads') as Export;
    if (!r.ok) throw new Error(r.error);
    expect(r.table).toBe('leads');
    host.run('scoreLeads');
    const leads = sheetOf(wb, 'Leads');
    const headers = leads.values[0].slice(0, H.length).map(String);
    const rows = leads.values.slice(1).map((row) => row.slice(0, H.length));
    const { types, rows: cells } = tableOf(rows, headers.length, 'typed');
    const con = await duck();
    await loadTable(con, 'leads', headers, types, cells);
    const out = (await con.runAndReadAll(r.sql)).getRowObjectsJS();
    // The sample's hand-worked scores (test/helpers/sample.ts): Ada 74 Hot, Bo 11 Cold, a blank row
    // (no score; the SQL leaves blank rows out), a Disqualified 0, Dee 97 Hot.
    const scored = (h: string) => columnValues(leads, h).filter((_, i) => columnValues(leads, 'Score')[i] !== '');
    expect(out.map((o) => Number(o.Score))).toEqual([74, 11, 0, 97]);
    expect(out.map((o) => Number(o.Score))).toEqual(scored('Score'));
    expect(out.map((o) => o.Bucket)).toEqual(scored('Bucket'));
    expect(out.map((o) => o.Why)).toEqual(scored('Why'));
  });

  it('BigQuery by default, over my_project.crm.leads; reads each tab once whatever the leads', () => {
    const calls = (n: number) => {
      const { host } = setUpWorkbook(
        Array.from({ length: n }, (_, i) => SAMPLE_LEADS[i % SAMPLE_LEADS.length]),
        { asOf: ASOF },
      );
      host.resetCalls();
      const r = host.run('exportModelAsSql') as Export;
      expect(r.ok && r.dialect).toBe('bigquery');
      expect(r.ok && r.sql).toContain('FROM `my_project.crm.leads` AS __ls_lead');
      return host.calls.total;
    };
    expect(calls(200)).toBe(calls(5));
  });

  it('bad input is one sentence', () => {
    const { host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    expect(host.run('exportModelAsSql', 'oracle')).toEqual({ ok: false, error: "'oracle' is not a dialect: use bigquery or duckdb." });
    expect(host.run('exportModelAsSql', 'duckdb', 'leads; DROP TABLE x')).toEqual({
      ok: false,
      error: "'leads; DROP TABLE x' is not a table name: use letters, digits, _, - and dots (project.dataset.table).",
    });
    expect(host.run('exportModelAsSql', 'duckdb', '', '31/02/2026')).toEqual({
      ok: false,
      error: "'31/02/2026' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31, or 'today'.",
    });
  });

  it('the menu opens a dialog with both dialects as data (never as HTML)', () => {
    const { wb, host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    // A header with markup: it must reach the page as JSON text only.
    sheetOf(wb, 'Rules').values.push(['Fit', 'Title', 'contains', '</script><b>x', 1, '', '', '', '', '', '', true, '']);
    host.run('showExportSql');
    expect(host.ui.dialogs).toHaveLength(1);
    const d = host.ui.dialogs[0];
    expect(d.title).toBe('Export model as SQL');
    expect(d.html).toContain('window.EXPORT_SQL = {"bigquery":{"ok":true');
    expect(d.html).toContain('"duckdb":{"ok":true');
    expect(d.html).not.toContain('</script><b>x');
    expect(d.html).toContain('\\u003c/script\\u003e\\u003cb\\u003ex');
  });
});
