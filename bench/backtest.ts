/**
 * Backtest against outcomes (README "Does the score work?") in the local host on 41,188 leads: the
 * public bank marketing set with examples/bank-rules.csv when ../shared/data/bank-marketing.csv is
 * there, else the example generator's leads repeated with a seeded won/lost column and the starter
 * rules. Time of the bundle's backtestReport() (reads the tabs once, scores, every figure); target < 10 s.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHost, createSheet, createWorkbook, loadWorkbook, writeCell, REPO_ROOT, type Workbook } from '../local/index';
import { parseCsv } from '../local/io/csv';
import { mulberry32 } from '../examples/random';
import { AS_OF, EXAMPLE_LEAD_HEADERS, leadRows, median, timed } from './fixtures';

const LEADS = 41_188;
const BANK = path.join(REPO_ROOT, '..', 'shared', 'data', 'bank-marketing.csv');

function setting(wb: Workbook, name: string, value: Date | string): void {
  const settings = wb.sheets.find((s) => s.name === 'Settings')!;
  let row = settings.values.findIndex((r) => r[0] === name);
  if (row < 0) {
    row = settings.values.length;
    writeCell(settings, row + 1, 1, name);
  }
  writeCell(settings, row + 1, 2, value);
}

export async function benchBacktest(repeats = 3): Promise<object[]> {
  const bank = existsSync(BANK);
  let wb: Workbook;
  if (bank) {
    wb = await loadWorkbook(BANK, { timeZone: 'UTC' });
    const rulesFile = path.join(REPO_ROOT, 'examples', 'bank-rules.csv');
    wb.sheets.push(createSheet('Rules', parseCsv(readFileSync(rulesFile, 'utf8'), rulesFile)));
  } else {
    // Won more often the more buying signals a row has (a demo date, pricing visits), seeded.
    const next = mulberry32(41188);
    const demo = EXAMPLE_LEAD_HEADERS.indexOf('Demo requested');
    const pricing = EXAMPLE_LEAD_HEADERS.indexOf('Pricing page visits');
    const rows = leadRows(LEADS).map((r) => {
      const p = 0.05 + (r[demo] instanceof Date ? 0.4 : 0) + 0.05 * Math.min(4, Number(r[pricing]) || 0);
      return [...r, r[0] === '' ? '' : next() < p ? 'won' : 'lost'];
    });
    wb = createWorkbook([createSheet('Leads', [[...EXAMPLE_LEAD_HEADERS, 'Status'], ...rows])]);
  }
  const host = createHost(wb);
  host.run('setUpScoring');
  setting(wb, 'As-of date', AS_OF);
  setting(wb, 'Outcome column', bank ? 'y' : 'Status');
  let report = host.run('backtestReport') as { ok: boolean; error?: string; overall?: { decided: number; auc: number | null } };
  if (!report.ok) throw new Error(report.error);
  const ms = median(
    Array.from({ length: repeats }, () =>
      timed(() => {
        report = host.run('backtestReport') as typeof report;
      }),
    ),
  );
  return [
    {
      case: 'backtest',
      leads: LEADS,
      data: bank ? 'bank-marketing.csv + examples/bank-rules.csv' : 'generated (example leads, seeded outcomes)',
      ms: Math.round(ms),
      targetMs: 10_000,
      decided: report.overall?.decided,
      auc: report.overall?.auc === null || report.overall?.auc === undefined ? null : +report.overall.auc.toFixed(4),
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchBacktest()) console.log(JSON.stringify(line));
