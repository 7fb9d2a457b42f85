/**
 * The daily run on 10,000 leads including the Score history writes (README "Running by itself"):
 * its document calls beside Score leads' (target: at most Score leads + 3 on a day with changes),
 * counted as bench/host.ts counts them.
 */
import { writeCell, type Host, type Workbook } from '../local/index';
import { setUpLeads, timed } from './fixtures';

const DOCUMENT = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DeveloperMetadataFinder)\./;
const LOCAL = /newConditionalFormatRule|toast|createDeveloperMetadataFinder|withKey|Range\.getColumn$/;

function documentCalls(host: Host): { n: number; byMethod: Record<string, number> } {
  const byMethod = Object.fromEntries(Object.entries(host.calls.byMethod).filter(([k]) => DOCUMENT.test(k) && !LOCAL.test(k)));
  return { n: Object.values(byMethod).reduce((a, x) => a + x, 0), byMethod };
}

function setSetting(wb: Workbook, name: string, value: unknown): void {
  const settings = wb.sheets.find((s) => s.name === 'Settings')!;
  writeCell(settings, settings.values.findIndex((r) => r[0] === name) + 1, 2, value as never);
}

function historyRows(wb: Workbook): number {
  const tab = wb.sheets.find((s) => s.name === 'Score history');
  return tab ? tab.values.slice(1).filter((r) => r[0] !== '').length : 0;
}

export function benchDaily(leads = 10_000): object[] {
  const { wb, host } = setUpLeads(leads);
  const asOf = setSettingDay(wb);
  host.run('scoreLeads'); // the first run: output columns appended, nothing to compare
  host.resetCalls();
  const scoreMs = timed(() => host.run('scoreLeads')); // the same day again: no bucket changes
  const score = documentCalls(host);
  host.run('setDailyRescore', true, 7);

  const day = (n: number) => new Date(asOf.getTime() + n * 86_400_000);
  const runDay = (n: number) => {
    setSetting(wb, 'As-of date', day(n));
    host.resetCalls();
    const before = historyRows(wb);
    const ms = timed(() => host.fireTimeTriggers());
    return { ms: Math.round(ms), calls: documentCalls(host), written: historyRows(wb) - before };
  };
  const first = runDay(1); // creates the Score history tab
  const steady = runDay(2); // appends to it
  setSetting(wb, 'Keep history days', 1);
  const trim = runDay(4); // rows of days 1 and 2 are past Keep history days
  return [
    {
      case: 'daily run incl. history writes',
      leads,
      scoreLeadsDocumentCalls: score.n,
      scoreLeadsMs: Math.round(scoreMs),
      dailyDocumentCalls: steady.calls.n,
      extraOverScoreLeads: steady.calls.n - score.n,
      historyRowsWritten: steady.written,
      dailyMs: steady.ms,
      firstDayDocumentCalls: first.calls.n,
      trimDayDocumentCalls: trim.calls.n,
      byMethodExtra: Object.fromEntries(
        Object.entries(steady.calls.byMethod)
          .map(([k, v]) => [k, v - (score.byMethod[k] ?? 0)] as const)
          .filter(([, v]) => v !== 0),
      ),
    },
  ];
}

function setSettingDay(wb: Workbook): Date {
  const settings = wb.sheets.find((s) => s.name === 'Settings')!;
  return settings.values.find((r) => r[0] === 'As-of date')![1] as Date;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchDaily()) console.log(JSON.stringify(line));
