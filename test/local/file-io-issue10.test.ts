/**
 * Issue 10, in process: encodings, delimiters, OWASP neutralising, CSV input text kept, the
 * streaming .xlsx reader, the patch writer's own cells, and no row-sized spreads in the host.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createSheet, createWorkbook, loadWorkbook, saveWorkbook, writeCell, type CellValue } from '../../local/index.js';
import { decodeCsv, detectDelimiter, neutralise, sheetToCsv, readCsvBytes, rememberCsvSource } from '../../local/io/csv.js';
import { readXlsx } from '../../local/io/xlsx.js';
import { runBody } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'io10-'));

describe('decodeCsv', () => {
  it('UTF-8 with and without BOM, UTF-16 LE/BE by BOM, else Windows-1252', () => {
    const s = 'Name\nZoë Müller, Société Générale\n';
    expect(decodeCsv(Buffer.from(s, 'utf8'))).toEqual({ text: s, encoding: 'utf-8', bom: false });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)]))).toEqual({ text: s, encoding: 'utf-8', bom: true });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf-16le')]))).toEqual({
      text: s,
      encoding: 'utf-16le',
      bom: true,
    });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(s, 'utf-16be')]))).toEqual({
      text: s,
      encoding: 'utf-16be',
      bom: true,
    });
    // ë is 0xEB in Windows-1252: not valid UTF-8, so never decoded as U+FFFD.
    expect(decodeCsv(iconv.encode(s, 'windows-1252'))).toEqual({ text: s, encoding: 'windows-1252', bom: false });
    expect(decodeCsv(Buffer.from([0x80, 0x20, 0x93, 0x94])).text).toBe('€ “”');
  });

  it('an explicit encoding wins; an unknown one is one sentence', () => {
    expect(decodeCsv(Buffer.from([0x5a, 0x6f, 0xeb]), 'latin1').text).toBe('Zoë');
    expect(() => decodeCsv(Buffer.from('a'), 'klingon')).toThrow(
      '--encoding klingon is not an encoding this tool knows (try utf-8, utf-16le, windows-1252, latin1).',
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1,5;2;3\n4;5,25;6\n'], // decimal commas do not fool it
    ['\t', 'a\tb\tc\n1\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
    [';', '"age";"job, title";"y"\n56;"housemaid, senior";"no"\n'],
    [',', 'Name,Note\n"Ada","x;y;z"\n"Bob","p;q;r"\n'],
  ])('%j in %j', (d, text) => {
    expect(detectDelimiter(text)).toBe(d);
  });
});

describe('neutralise (OWASP CSV injection)', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+15 Title', "'+15 Title"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['−10 free email', '−10 free email'],
    ['-12', '-12'],
    ['+4420', '+4420'],
    ['1.5e3', '1.5e3'],
    ['Ada', 'Ada'],
    ['', ''],
    ["'=x", "'=x"],
  ])('%j → %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });
});

describe('CSV input text', () => {
  it('cells left alone are written as read; cells written by the run as their new value; blank input columns and rows stay', () => {
    const text = 'Zip;Price;Empty;When\n02139;1.50;;0999-01-01\n007;+4420;;2026-03-05\n;;;\n';
    const csv = readCsvBytes(Buffer.from(text), 'x.csv');
    expect(csv.delimiter).toBe(';');
    expect(csv.rows[1]).toEqual([2139, 1.5, '', new Date(Date.UTC(999, 0, 1))]);
    const sheet = createSheet('Leads', csv.rows);
    rememberCsvSource(sheet, { raw: csv.raw, loaded: csv.rows, delimiter: ';', encoding: 'utf-8', bom: false }); // as loadWorkbook does
    writeCell(sheet, 1, 5, 'Why');
    writeCell(sheet, 2, 5, '+15 size');
    writeCell(sheet, 3, 2, 99); // a changed input cell is written as its value
    expect(sheetToCsv(sheet, 3, 5).toString('utf8')).toBe(
      "Zip;Price;Empty;When;Why\r\n02139;1.50;;0999-01-01;'+15 size\r\n007;99;;2026-03-05;\r\n;;;;\r\n",
    );
  });
});

describe('the streaming .xlsx reader (files over 8 MB)', () => {
  it('reads the same values, formulas and number formats as the full reader', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Leads');
    ws.addRow(['Name', 'Size', 'Signed up', 'Double', 'Note']);
    ws.addRow([
      'Ada',
      120,
      new Date(Date.UTC(2026, 2, 5)),
      { formula: 'B2*2', result: 240 },
      { richText: [{ text: 'Big ' }, { text: 'Co' }] },
    ]);
    ws.addRow(['Bob', { error: '#DIV/0!' }, '', true, { text: 'site', hyperlink: 'https://example.com' }]);
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    wb.addWorksheet('Other').addRow(['x']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const full = await readXlsx(buffer, { streaming: false });
    const streamed = await readXlsx(buffer, { streaming: true });
    expect(streamed.map((s) => [s.name, s.values, [...s.formulas], [...s.numberFormats]])).toEqual(
      full.map((s) => [s.name, s.values, [...s.formulas], [...s.numberFormats]]),
    );
    expect(streamed[0].values[1]).toEqual(['Ada', 120, new Date(Date.UTC(2026, 2, 5)), 240, 'Big Co']);
    expect(streamed[0].values[2]).toEqual(['Bob', '#DIV/0!', '', true, 'site']);
  });
});

describe('the streaming reader and the order of the package', () => {
  it('a package listing its worksheets before xl/workbook.xml reads the same as the full reader', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Leads').addRow(['Name', 'Size']);
    wb.getWorksheet('Leads')!.addRow(['Ada', 120]);
    wb.addWorksheet('Other').addRow(['x']);
    const written = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    // Rebuild with xl/workbook.xml last (shared strings and relationships before the worksheets).
    const names = Object.keys(written.files).filter((n) => !written.files[n].dir);
    const order = [
      ...names.filter((n) => n !== 'xl/workbook.xml' && !n.startsWith('xl/worksheets/')),
      ...names.filter((n) => n.startsWith('xl/worksheets/')),
      'xl/workbook.xml',
    ];
    const zip = new JSZip();
    for (const n of order) zip.file(n, await written.files[n].async('nodebuffer'));
    const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const streamed = await readXlsx(buffer, { streaming: true });
    expect(streamed.map((s) => [s.name, s.values])).toEqual([
      [
        'Leads',
        [
          ['Name', 'Size'],
          ['Ada', 120],
        ],
      ],
      ['Other', [['x']]],
    ]);
  });
});

describe('the patch writer', () => {
  it('a loaded workbook saved unchanged gives the same cells; written cells get their value, format, colour and weight', async () => {
    const x = new ExcelJS.Workbook();
    const ws = x.addWorksheet('Leads');
    ws.addRow(['Name', 'Size']);
    ws.addRow(['Ada', 5]);
    ws.getCell('A1').font = { italic: true, name: 'Georgia' };
    const p = join(dir, 'patch.xlsx');
    await x.xlsx.writeFile(p);
    const wb = await loadWorkbook(p);
    const s = wb.sheets[0];
    writeCell(s, 1, 3, 'Why');
    writeCell(s, 2, 3, '+15 size');
    writeCell(s, 3, 1, new Date(Date.UTC(2026, 2, 5, 9, 30)));
    s.numberFormats.set('2,3', '@');
    s.backgrounds.set('1,1', '#ffeeaa');
    s.fontWeights.set('1,1', 'bold');
    const out = join(dir, 'patch-out.xlsx');
    await saveWorkbook(wb, out);
    const y = new ExcelJS.Workbook();
    await y.xlsx.readFile(out);
    const w = y.getWorksheet('Leads')!;
    expect([w.getCell('C1').value, w.getCell('C2').value, w.getCell('C2').numFmt, w.getCell('A3').value, w.getCell('A3').numFmt]).toEqual([
      'Why',
      '+15 size',
      '@',
      new Date(Date.UTC(2026, 2, 5, 9, 30)),
      'yyyy-mm-dd hh:mm:ss',
    ]);
    // A1 keeps its own font (italic Georgia) and gains bold and the fill.
    expect(w.getCell('A1').font).toMatchObject({ italic: true, name: 'Georgia', bold: true });
    expect(w.getCell('A1').fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEEAA' } });
    expect([w.getCell('B2').value, w.getCell('A2').value]).toEqual([5, 'Ada']);
  });

  it('a workbook made in code (or from CSV) is written whole', async () => {
    const wb = createWorkbook([
      createSheet('Leads', [
        ['Name', 'When'],
        ['Ada', new Date(Date.UTC(2026, 2, 5))],
      ]),
      createSheet('Rules', [['Category']]),
    ]);
    const out = join(dir, 'fresh.xlsx');
    await saveWorkbook(wb, out);
    const again = await loadWorkbook(out);
    expect(again.sheets.map((s) => [s.name, s.values])).toEqual([
      [
        'Leads',
        [
          ['Name', 'When'],
          ['Ada', new Date(Date.UTC(2026, 2, 5))],
        ],
      ],
      ['Rules', [['Category']]],
    ]);
  });
});

describe('no row-sized spreads in the host', () => {
  it('insertColumnsAfter and insertRowsAfter on 200,000 rows', () => {
    const rows: CellValue[][] = Array.from({ length: 200_000 }, (_, i) => [i, 'x']);
    const { wb } = runBody(
      `var s = SpreadsheetApp.getActiveSheet(); s.insertColumnsAfter(1, 30); s.insertRowsAfter(1, 150000); return s.getMaxColumns();`,
      rows,
    );
    const s = wb.sheets[0];
    expect(s.values).toHaveLength(350_000);
    expect(s.values[1]).toEqual(Array(32).fill(''));
    expect(s.values[150_001]).toEqual([1, ...Array(30).fill(''), 'x']);
  });
});
