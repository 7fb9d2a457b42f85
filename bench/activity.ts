/**
 * README "Activity" and "Accounts": Score leads in the local host with an Activity tab of
 * 100,000 events for 10,000 leads (two Activity rules added to the starter rules), its reads
 * (the Activity tab is one more getValues, whatever its length), and Score accounts on the same
 * workbook. Apps Script's limit for a run is 6 minutes.
 */
import { createSheet, writeCell, type CellValue } from '../local/index';
import { ACTIVITY_HEADERS } from '../src/engine';
import { setUpLeads, median, timed, AS_OF, EXAMPLE_LEAD_HEADERS } from './fixtures';

const DAY_MS = 86_400_000;

export function benchActivity(leads = 10_000, events = 100_000, repeats = 3): object[] {
  const { wb, host } = setUpLeads(leads);
  const email = EXAMPLE_LEAD_HEADERS.indexOf('Email');
  const leadsTab = wb.sheets.find((s) => s.name === 'Leads')!;
  // The example's emails repeat every 240 rows: give each row its own key so 10,000 leads are 10,000 keys.
  for (let r = 1; r <= leads; r++) leadsTab.values[r][email] = `lead${r}@company${r % 900}.example`;
  const names = ['Pricing page', 'Demo request', 'Webinar', 'Email click'];
  const rows: CellValue[][] = [[...ACTIVITY_HEADERS]];
  for (let k = 0; k < events; k++) {
    const r = 1 + ((k * 7919) % leads);
    rows.push([
      `lead${r}@company${r % 900}.example`,
      names[k % 4],
      new Date(AS_OF.getTime() - ((k * 13) % 180) * DAY_MS),
      k % 10 === 0 ? 2 : '',
      '',
    ]);
  }
  wb.sheets.push(createSheet('Activity', rows));
  const rules = wb.sheets.find((s) => s.name === 'Rules')!;
  const headers = rules.values[0] as string[];
  const add = (cells: Record<string, CellValue>) => {
    const row = rules.values.findIndex((r, i) => i > 0 && r.every((v) => v === '' || v === true)) + 1;
    for (const [h, v] of Object.entries({ Enabled: true, ...cells })) writeCell(rules, row, headers.indexOf(h) + 1, v);
  };
  add({
    Category: 'Behaviour',
    Field: 'Activity: Pricing page',
    Operator: 'happened',
    Points: 8,
    Per: 'each',
    'Repeat factor': 0.5,
    'Max points': 20,
    'Half-life days': 21,
  });
  add({
    Category: 'Behaviour',
    Field: 'Activity: Demo request',
    Operator: 'within last days',
    Value: 30,
    Points: 25,
    'Half-life days': 30,
  });
  const accounts = wb.sheets.find((s) => s.name === 'Settings')!;
  const row = accounts.values.findIndex((r) => r[0] === 'Account from email domain');
  writeCell(accounts, row + 1, 2, 'yes');

  host.run('scoreLeads');
  host.resetCalls();
  const scoreMs = median(Array.from({ length: repeats }, () => timed(() => host.run('scoreLeads'))));
  const reads = (host.calls.byMethod['Range.getValues'] ?? 0) / repeats;
  const accountsMs = median(Array.from({ length: repeats }, () => timed(() => host.run('scoreAccounts'))));
  const accountRows = wb.sheets.find((s) => s.name === 'Accounts')!.values.filter((r) => r[0] !== '').length - 1;
  return [
    { case: 'scoreLeads+activity', leads, events, ms: Math.round(scoreMs), getValuesPerRun: reads, limitMs: 360_000 },
    { case: 'scoreAccounts', leads, events, accounts: accountRows, ms: Math.round(accountsMs), limitMs: 360_000 },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchActivity()) console.log(JSON.stringify(line));
