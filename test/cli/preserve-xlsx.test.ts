/**
 * Issue 10: `npm start -- book.xlsx` gives back the user's workbook with every feature intact.
 * A workbook with each feature is made here, scored through the CLI, and compared with the output
 * cell by cell (value, style, note, hyperlink) and feature by feature.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/index.js';
import { EXAMPLE_LEAD_HEADERS } from '../../src/engine/index.js';
import { makeLeadRows } from '../../examples/make-examples.js';

const dir = mkdtempSync(join(tmpdir(), 'cli-xlsx-'));
const HEADERS = [...EXAMPLE_LEAD_HEADERS];
const N = HEADERS.length; // 19 input columns; the output columns start at T

async function featureWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Leads', {
    properties: { tabColor: { argb: 'FFFF0000' } },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }],
  });
  ws.addRow(HEADERS);
  for (const r of makeLeadRows()
    .filter((r) => r.some((v) => v !== ''))
    .slice(0, 6))
    ws.addRow(r);
  ws.getRow(1).font = { name: 'Arial', size: 12, bold: true, italic: true, color: { argb: 'FF1F4E79' } };
  ws.getCell('A2').border = { top: { style: 'thin' }, bottom: { style: 'double', color: { argb: 'FF00FF00' } } };
  ws.getCell('B2').alignment = { horizontal: 'center', vertical: 'top', wrapText: true };
  ws.getCell('C2').note = 'Key account';
  ws.getCell('C3').value = { text: 'Acme site', hyperlink: 'https://example.com/acme' };
  ws.getCell('C4').value = {
    richText: [
      { text: 'Big ', font: { bold: true } },
      { text: 'Co', font: { italic: true } },
    ],
  };
  ws.getCell('A5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getCell('E6').numFmt = '#,##0';
  ws.getCell('Q7').numFmt = 'dd/mm/yyyy';
  ws.mergeCells('A9:C9');
  ws.getCell('A9').value = 'Merged note row';
  ws.getCell('A10').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  ws.getCell('B10').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
  HEADERS.forEach((_, i) => {
    ws.getColumn(i + 1).width = 10 + i;
  });
  ws.getColumn(8).hidden = true;
  ws.addConditionalFormatting({
    ref: 'E2:E7',
    rules: [{ type: 'cellIs', operator: 'greaterThan', priority: 1, formulae: ['100'], style: { font: { color: { argb: 'FF9C0006' } } } }],
  });
  ws.addConditionalFormatting({
    ref: 'J2:J7',
    rules: [
      {
        type: 'colorScale',
        priority: 2,
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: [{ argb: 'FFFFFFFF' }, { argb: 'FF63BE7B' }],
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
  ws.addConditionalFormatting({
    ref: 'A2:A7',
    rules: [{ type: 'expression', priority: 3, formulae: ['LEN($A2)>20'], style: { font: { bold: true } } }],
  });
  ws.getCell('E2').dataValidation = { type: 'whole', operator: 'between', allowBlank: true, formulae: [0, 100000], showErrorMessage: true };
  ws.getCell('F2').dataValidation = { type: 'list', allowBlank: true, formulae: ['Lists!$A$1:$A$3'] };
  const lists = wb.addWorksheet('Lists', { state: 'hidden' });
  lists.addRows([['Software'], ['SaaS'], ['Retail']]);
  wb.definedNames.add('Lists!$A$1:$A$3', 'Industries');
  await wb.xlsx.writeFile(path);
}

/** Everything exceljs knows about a cell, as comparable JSON. */
function cellState(cell: ExcelJS.Cell): unknown {
  return { value: cell.value, style: cell.style, note: cell.note ?? null, type: cell.type };
}

function sheetFeatures(ws: ExcelJS.Worksheet) {
  const model = ws as unknown as {
    conditionalFormattings: unknown[];
    dataValidations: { model: Record<string, unknown> };
    _merges: Record<string, { range: string }>;
  };
  return {
    state: ws.state,
    tabColor: ws.properties.tabColor ?? null,
    views: (ws.views ?? []).map((v) => ({
      state: v.state,
      xSplit: (v as { xSplit?: number }).xSplit,
      ySplit: (v as { ySplit?: number }).ySplit,
    })),
    merges: Object.values(model._merges)
      .map((m) => m.range)
      .sort(),
    validations: model.dataValidations.model,
  };
}

describe('xlsx in, xlsx out: the user workbook survives (issue 10)', () => {
  it("every feature is unchanged except the output columns, the add-on's own rules and the tabs it adds", async () => {
    const input = join(dir, 'features.xlsx');
    const output = join(dir, 'features-scored.xlsx');
    await featureWorkbook(input);
    execFileSync(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'local', 'cli.ts'), input, '--as-of', '2026-11-20', '--out', output],
      { cwd: REPO_ROOT, stdio: 'pipe' },
    );

    const a = new ExcelJS.Workbook();
    await a.xlsx.readFile(input);
    const b = new ExcelJS.Workbook();
    await b.xlsx.readFile(output);
    expect(b.worksheets.map((w) => w.name)).toEqual(['Leads', 'Lists', 'Rules', 'Settings', 'Activity']);
    expect(b.definedNames.model).toEqual(a.definedNames.model);

    for (const name of ['Leads', 'Lists']) {
      const wa = a.getWorksheet(name)!;
      const wb = b.getWorksheet(name)!;
      expect(sheetFeatures(wb)).toEqual(sheetFeatures(wa));
      // Cell by cell over the input's area: values, styles, notes, hyperlinks, rich text, errors.
      for (let r = 1; r <= wa.rowCount; r++) {
        for (let c = 1; c <= Math.min(wa.columnCount, N); c++) {
          expect(cellState(wb.getCell(r, c)), `${name}!${wa.getCell(r, c).address}`).toEqual(cellState(wa.getCell(r, c)));
        }
      }
      for (let c = 1; c <= N && name === 'Leads'; c++) {
        expect([wb.getColumn(c).width, wb.getColumn(c).hidden], `column ${c}`).toEqual([wa.getColumn(c).width, wa.getColumn(c).hidden]);
      }
    }
    const leads = b.getWorksheet('Leads')!;
    // Spot checks of what the comparison above covers, by hand.
    expect(leads.getCell('A10').value).toEqual({ formula: '1/0', result: { error: '#DIV/0!' } });
    expect(leads.getCell('B10').value).toEqual({ error: '#N/A' });
    expect(leads.getCell('C3').value).toEqual({ text: 'Acme site', hyperlink: 'https://example.com/acme' });
    expect(leads.getCell('C2').note).toBe('Key account');
    expect(leads.getColumn(1).width).toBe(10);
    expect(leads.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    expect(leads.getRow(1).font).toMatchObject({ name: 'Arial', bold: true, italic: true });
    // The output columns: headers after the last input column, a score on every lead row.
    const header = (leads.getRow(1).values as unknown[]).slice(N + 1);
    expect(header).toEqual(['Fit', 'Behaviour', 'Negative', 'Score', 'Bucket', 'Grade', 'Why', 'Scored at']);
    for (let r = 2; r <= 7; r++) expect(typeof leads.getCell(r, N + 4).value).toBe('number');
    // The user's conditional formats stay; the add-on's come after them.
    const cf = (leads as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] })
      .conditionalFormattings;
    const user = cf.filter((x) => !x.rules.some((r) => String(r.formulae?.[0]).includes('Lead scoring')));
    const original = (a.getWorksheet('Leads') as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
    expect(user).toEqual(original);
    expect(cf.length).toBeGreaterThan(user.length);
  }, 30_000);
});
