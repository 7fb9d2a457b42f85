import {
  createHost,
  createSheet,
  createWorkbook,
  writeCell,
  type CellValue,
  type Host,
  type SheetModel,
  type Workbook,
} from '../../local/index';
import { EXAMPLE_LEAD_HEADERS } from '../../src/engine';

/** A naive wall-clock date as the local host's model stores date cells (UTC fields = wall clock). */
export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export const H = EXAMPLE_LEAD_HEADERS;

/** A lead row in EXAMPLE_LEAD_HEADERS order from a partial record. */
export function lead(fields: Partial<Record<(typeof H)[number], CellValue>>): CellValue[] {
  return H.map((h) => (fields as Record<string, CellValue>)[h] ?? '');
}

export function sheetOf(wb: Workbook, name: string): SheetModel {
  const s = wb.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Sets a setting's value in the Settings tab Set up wrote (Setting in A, Value in B). */
export function setSetting(wb: Workbook, name: string, value: CellValue): void {
  const s = sheetOf(wb, 'Settings');
  const row = s.values.findIndex((r) => r[0] === name);
  if (row < 0) throw new Error(`no setting ${name}`);
  writeCell(s, row + 1, 2, value);
}

/** A workbook with a Leads tab, set up by the add-on itself (Rules and Settings created by Set up). */
export function setUpWorkbook(
  leads: CellValue[][],
  opts: { timeZone?: string; asOf?: string; headers?: CellValue[] } = {},
): { wb: Workbook; host: Host } {
  const wb = createWorkbook([createSheet('Leads', [opts.headers ?? [...H], ...leads])], { timeZone: opts.timeZone ?? 'UTC' });
  const host = createHost(wb);
  host.run('setUpScoring');
  if (opts.asOf) setSetting(wb, 'As-of date', day(opts.asOf));
  return { wb, host };
}

/** Values of a sheet's column by header name (data rows only). */
export function columnValues(sheet: SheetModel, header: string, headerRow = 1): CellValue[] {
  const c = sheet.values[headerRow - 1].indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return sheet.values.slice(headerRow).map((r) => r[c]);
}

/** A deep copy of a sheet's cells, formulas and formats, for "unchanged" assertions. */
export function snapshot(sheet: SheetModel, columns?: number): string {
  const cut = (r: CellValue[]) => (columns === undefined ? r : r.slice(0, columns));
  const keep = (k: string) => columns === undefined || Number(k.split(',')[1]) <= columns;
  return JSON.stringify({
    values: sheet.values.map((r) => cut(r).map((v) => (v instanceof Date ? `D:${v.toISOString()}` : v))),
    formulas: [...sheet.formulas].filter(([k]) => keep(k)),
    formats: [...sheet.numberFormats].filter(([k]) => keep(k)),
    backgrounds: [...sheet.backgrounds].filter(([k]) => keep(k)),
  });
}

/** A small Leads workbook made in code (eight leads dated back from 2026-11-20), for the preview's tests. */
export function smallWorkbook(): Workbook {
  const rows: CellValue[][] = [
    [...H],
    [
      'Maya Chen',
      'maya@northwind.io',
      'Northwind Analytics',
      'VP Sales',
      180,
      'SaaS',
      'United States',
      'Demo form',
      day('2026-11-18'),
      3,
      day('2026-11-17'),
      2,
      day('2026-11-10'),
      4,
      day('2026-11-15'),
      '',
      day('2026-11-18'),
      false,
      false,
    ],
    [
      'Tom Berger',
      'tom.berger@gmail.com',
      'Berger Consulting',
      'Owner',
      4,
      'Consulting',
      'Germany',
      'Newsletter',
      '',
      1,
      day('2026-10-02'),
      1,
      day('2026-09-20'),
      6,
      day('2026-11-01'),
      '',
      day('2026-11-01'),
      false,
      false,
    ],
    [
      'Aisha Okafor',
      'aisha@brightlane.co.uk',
      'Brightlane',
      'Head of Marketing',
      65,
      'Marketing',
      'United Kingdom',
      'Webinar',
      '',
      2,
      day('2026-11-12'),
      3,
      day('2026-11-05'),
      5,
      day('2026-11-14'),
      day('2026-10-28'),
      day('2026-11-14'),
      false,
      false,
    ],
    [
      'Luis Romero',
      'luis@tallyfin.com',
      'Tallyfin',
      'Finance Manager',
      320,
      'Financial services',
      'Spain',
      'Paid search',
      day('2026-08-01'),
      0,
      '',
      0,
      '',
      1,
      day('2026-08-03'),
      '',
      day('2026-08-03'),
      false,
      false,
    ],
    [
      'Priya Nair',
      'priya@campus.edu',
      'State University',
      'Student',
      20000,
      'Education',
      'India',
      'Content',
      '',
      4,
      day('2026-11-19'),
      5,
      day('2026-11-19'),
      2,
      day('2026-11-19'),
      '',
      day('2026-11-19'),
      false,
      false,
    ],
    [
      'Jonas Weber',
      'jonas@quietpine.de',
      'Quiet Pine GmbH',
      'CTO',
      45,
      'Software',
      'Germany',
      'Referral',
      '',
      0,
      '',
      1,
      day('2026-06-01'),
      0,
      '',
      '',
      day('2026-06-01'),
      true,
      false,
    ],
    [
      'Emma Dubois',
      'emma@lumiere.fr',
      'Lumière Shop',
      'Founder',
      25,
      'E-commerce',
      'France',
      'Demo form',
      day('2026-11-06'),
      2,
      day('2026-11-06'),
      0,
      '',
      3,
      day('2026-11-09'),
      '',
      day('2026-11-09'),
      false,
      false,
    ],
    [
      'Sam Carter',
      'sam@bounce.example',
      'Carter & Co',
      'Director',
      90,
      'Retail',
      'Canada',
      'Trade show',
      '',
      0,
      '',
      0,
      '',
      0,
      '',
      day('2026-09-15'),
      day('2026-09-15'),
      false,
      true,
    ],
  ];
  return createWorkbook([createSheet('Leads', rows)], { name: 'Preview leads', timeZone: 'UTC' });
}

/** The Lead scoring menu, in order (README "What the add-on does"). */
export const MENU_CAPTIONS = [
  'Set up scoring',
  'Score leads',
  'Score accounts',
  'Backtest against outcomes',
  'Suggest rules from outcomes',
  'Use these rules',
  'Open sidebar',
  'Export model as SQL',
  'Rescore every day (on/off)',
  'Rescore new form responses (on/off)',
  'Remove colours',
];
