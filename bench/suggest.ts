/**
 * Suggest rules from outcomes (README "Tune the model from outcomes") in the local host: 10,000
 * generated leads with a seeded won/lost Status, nine text columns of 8–12 values, eight numeric
 * columns and two date columns, so the engine generates at least 200 candidate rules (the count is
 * the report's own `candidates`). Time of the bundle's suggestReport() (reads the tabs once, splits,
 * generates candidates, selects, fits, compares on the holdout); target ≤ 10 s.
 */
import { createHost, createSheet, createWorkbook, writeCell, type CellValue, type Workbook } from '../local/index';
import { mulberry32 } from '../examples/random';
import { AS_OF, median, timed } from './fixtures';

const LEADS = 10_000;

const TEXT: Array<[string, string[]]> = [
  ['Industry', ['Software', 'Retail', 'Finance', 'Health', 'Education', 'Logistics', 'Media', 'Energy', 'Travel', 'Legal']],
  ['Country', ['US', 'UK', 'DE', 'FR', 'ES', 'IT', 'NL', 'SE', 'IN', 'BR', 'CA', 'AU']],
  ['Source', ['Organic', 'Paid search', 'Referral', 'Event', 'Partner', 'Social', 'Outbound', 'Webinar']],
  ['Job title', ['CEO', 'CTO', 'Founder', 'Manager', 'Engineer', 'Analyst', 'Intern', 'Director', 'VP Sales', 'Consultant']],
  ['Plan interest', ['Free', 'Starter', 'Team', 'Business', 'Enterprise', 'Unknown', 'Trial', 'Nonprofit']],
  ['Company size', ['1', '2-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5000+']],
  ['Region', ['North', 'South', 'East', 'West', 'Central', 'Islands', 'Metro', 'Rural']],
  ['Campaign', ['Spring', 'Summer', 'Autumn', 'Winter', 'Launch', 'Retarget', 'Newsletter', 'Partner week', 'Trade show']],
  ['Preferred contact', ['Email', 'Phone', 'Chat', 'SMS', 'Video call', 'In person', 'None', 'LinkedIn']],
];
const NUMERIC = [
  'Pricing page visits',
  'Emails opened',
  'Webinars attended',
  'Employees',
  'Pages viewed',
  'Trial days used',
  'Downloads',
  'Support tickets',
];
const DATES = ['Demo requested', 'Last activity'];

function setting(wb: Workbook, name: string, value: Date | string): void {
  const settings = wb.sheets.find((s) => s.name === 'Settings')!;
  let row = settings.values.findIndex((r) => r[0] === name);
  if (row < 0) {
    row = settings.values.length;
    writeCell(settings, row + 1, 1, name);
  }
  writeCell(settings, row + 1, 2, value);
}

/** The leads: won more often with a demo, pricing visits, a senior title, a large plan (seeded). */
export function suggestWorkbook(n = LEADS): Workbook {
  const next = mulberry32(200);
  const asOf = AS_OF.getTime();
  const headers = ['Lead ID', ...TEXT.map(([h]) => h), ...NUMERIC, ...DATES, 'Status'];
  const rows: CellValue[][] = [];
  for (let i = 0; i < n; i++) {
    const text = TEXT.map(([, values]) => values[Math.floor(next() * values.length)]);
    const nums = NUMERIC.map((_, j) => Math.floor(next() * next() * (j === 3 ? 5000 : 30)));
    const dates = DATES.map(() => (next() < 0.4 ? new Date(asOf - Math.floor(next() * 120) * 86_400_000) : ''));
    let logit = -2;
    if (dates[0] !== '') logit += 1.5;
    logit += 0.08 * Math.min(20, nums[0]);
    if (['CEO', 'CTO', 'Founder', 'VP Sales'].includes(text[3])) logit += 0.8;
    if (['Business', 'Enterprise'].includes(text[4])) logit += 0.7;
    if (text[0] === 'Software') logit += 0.5;
    if (text[3] === 'Intern') logit -= 1;
    const won = next() < 1 / (1 + Math.exp(-logit));
    rows.push([`L${i + 1}`, ...text, ...nums, ...dates, won ? 'won' : 'lost']);
  }
  return createWorkbook([createSheet('Leads', [headers, ...rows])]);
}

type Report = { ok: boolean; error?: string; candidates?: number; rules?: unknown[]; comparison?: { sentence: string } };

export async function benchSuggest(repeats = 3): Promise<object[]> {
  const wb = suggestWorkbook();
  const host = createHost(wb);
  host.run('setUpScoring');
  setting(wb, 'As-of date', AS_OF);
  setting(wb, 'Outcome column', 'Status');
  let report = host.run('suggestReport') as Report;
  if (!report.ok) throw new Error(report.error);
  const ms = median(
    Array.from({ length: repeats }, () =>
      timed(() => {
        report = host.run('suggestReport') as Report;
      }),
    ),
  );
  return [
    {
      case: 'suggest',
      leads: LEADS,
      data: 'generated (9 text, 8 numeric, 2 date columns; seeded outcomes)',
      ms: Math.round(ms),
      targetMs: 10_000,
      candidates: report.candidates,
      rules: report.rules?.length,
      holdout: report.comparison?.sentence,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchSuggest()) console.log(JSON.stringify(line));
