import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHost, createSheet, createWorkbook, writeCell, REPO_ROOT, type CellValue, type Host, type Workbook } from '../local/index';
import { EXAMPLE_LEAD_HEADERS } from '../src/engine';
import { makeLeadRows, AS_OF } from '../examples/make-examples';

/** `n` realistic leads: the example generator's rows, repeated (blank rows included, as real sheets have). */
export function leadRows(n: number): CellValue[][] {
  const base = makeLeadRows();
  return Array.from({ length: n }, (_, i) => base[i % base.length] as CellValue[]);
}

/** A bare read-all + write-all of the Leads block, the floor any batch scorer pays. */
const PROBE = `
function benchBareReadWrite() {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Leads');
  var values = sheet.getDataRange().getValues();
  sheet.getRange(1, 1, values.length, values[0].length).setValues(values);
}`;

export function bundleWithProbe(): string {
  return readFileSync(path.join(REPO_ROOT, 'dist', 'Code.js'), 'utf8') + PROBE;
}

/** A workbook of `n` leads set up by the add-on, As-of date set to the example's anchor. */
export function setUpLeads(n: number, code = bundleWithProbe()): { wb: Workbook; host: Host } {
  const wb = createWorkbook([createSheet('Leads', [[...EXAMPLE_LEAD_HEADERS], ...leadRows(n)])]);
  const host = createHost(wb, { code });
  host.run('setUpScoring');
  const settings = wb.sheets.find((s) => s.name === 'Settings')!;
  const row = settings.values.findIndex((r) => r[0] === 'As-of date');
  writeCell(settings, row + 1, 2, AS_OF);
  return { wb, host };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export { AS_OF, EXAMPLE_LEAD_HEADERS };
