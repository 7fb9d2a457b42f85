/**
 * `npm start -- simulate [workbook.xlsx | leads.csv] [--days 30] [--start YYYY-MM-DD] [--hour 7] [--json]`
 * (README "Running by itself"): decay at work, day by day. The file is loaded into memory and
 * never written (the simulation runs on that copy); Rescore every day is turned on through the
 * bundle, then the host clock moves one day at a time and fires the time-driven trigger, as Apps
 * Script would at the chosen hour. Each day prints the bucket counts and the changes the run found
 * (became Hot, left Hot, new Disqualified), and the first day lists the Hot leads going cold soon.
 *
 * The As-of date setting would pin every run to one day, so the copy's is cleared: runs score as of
 * "today", the simulated day. The start is --start, else that As-of date, else the example's anchor
 * for the example workbook, else today.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createHost, loadWorkbook, type Host, type Workbook } from './index.js';
import { isoDay, setSetting, settingValue } from './tabs.js';
import { EXAMPLE_AS_OF, EXAMPLE_PATH } from './example.js';
import { wallClockToInstantMs } from './model/dates.js';
import { CliError, parseOrUsage, progress } from './cliKit.js';

export const SIMULATE_USAGE =
  'Usage: npm start -- simulate [workbook.xlsx | leads.csv] [--days 30] [--start YYYY-MM-DD] [--hour 0-23] [--time-zone Area/City] [--json]\n' +
  '  Turns on Rescore every day in a copy of the workbook (the file is never written), moves the clock one day at a time\n' +
  '  and prints each day\'s bucket counts and changes: became Hot, left Hot ("back to nurture"), new Disqualified.';

type Bucket = 'Hot' | 'Warm' | 'Cold' | 'Disqualified';

interface Named {
  row: number;
  name: string;
  oldBucket?: Bucket | null;
  newBucket?: Bucket;
  newScore?: number;
  dropsOn?: string;
  dropsTo?: Bucket;
  score?: number;
}

export interface SimulatedDay {
  date: string;
  ok: boolean;
  error: string | null;
  counts: Record<Bucket, number>;
  firstRun: boolean;
  becameHot: Named[];
  leftHot: Named[];
  newDisqualified: Named[];
  /** Full counts of the lists (the names shown are the first few: src/history/compact.ts). */
  changeCounts: { becameHot: number; leftHot: number; newDisqualified: number; goingCold: number };
  goingCold: Named[];
}

export interface SimulateOptions {
  days: number;
  /** The first simulated day, yyyy-mm-dd. */
  start: string;
  hour: number;
}

/** The instant whose wall clock in `timeZone` is `iso` at `hour`:05 (the host's own wall-clock conversion). */
export function wallClockInstant(iso: string, hour: number, timeZone: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(wallClockToInstantMs(Date.UTC(y, m - 1, d, hour, 5), timeZone));
}

function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function lastRunOf(host: Host): { counts: Record<Bucket, number>; changes?: Record<string, unknown> } | null {
  const text = host.properties.document.get('leadScoring.lastRun');
  return text ? JSON.parse(text) : null;
}

/**
 * Runs the simulation on `wb` (changed in memory: it is the copy). Day 0 is the first run; each
 * later day is one firing of the daily trigger with the clock on that day.
 */
export function simulate(wb: Workbook, opts: SimulateOptions): SimulatedDay[] {
  const host = createHost(wb, { now: wallClockInstant(opts.start, opts.hour, wb.timeZone) });
  host.run('onOpen');
  host.run('setUpScoring');
  // Runs score as of the simulated day, not a pinned As-of date.
  setSetting(wb, ['asofdate', 'asof'], 'As-of date', '');
  host.run('setDailyRescore', true, opts.hour);
  const out: SimulatedDay[] = [];
  for (let d = 0; d <= opts.days; d++) {
    const date = addDays(opts.start, d);
    host.setClock(wallClockInstant(date, opts.hour, wb.timeZone));
    const fired = host.fireTimeTriggers().filter((t) => t.handlerFunction === 'dailyRescore');
    if (fired.length !== 1) throw new CliError(`Expected one daily trigger, found ${fired.length}.`);
    const automatic = JSON.parse(host.properties.document.get('leadScoring.lastAutomaticRun') ?? 'null');
    const last = lastRunOf(host);
    const c = (last?.changes ?? {}) as {
      firstRun?: boolean;
      becameHot?: Named[];
      leftHot?: Named[];
      newDisqualified?: Named[];
      goingCold?: Named[];
      counts?: SimulatedDay['changeCounts'];
    };
    const ok = automatic?.ok === true;
    out.push({
      date,
      ok,
      error: ok ? null : (automatic?.error ?? fired[0].error ?? 'the run did not finish'),
      counts: automatic?.counts ?? { Hot: 0, Warm: 0, Cold: 0, Disqualified: 0 },
      firstRun: c.firstRun === true,
      becameHot: c.becameHot ?? [],
      leftHot: c.leftHot ?? [],
      newDisqualified: c.newDisqualified ?? [],
      changeCounts: c.counts ?? { becameHot: 0, leftHot: 0, newDisqualified: 0, goingCold: 0 },
      goingCold: c.goingCold ?? [],
    });
  }
  return out;
}

/** Lead text printed to a terminal: control characters shown, never acted on. */
function safe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function names(list: Named[], total: number): string {
  const shown = list.slice(0, 5).map((x) => safe(x.name));
  const more = total - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

export function formatSimulation(days: SimulatedDay[]): string {
  const lines = ['Day         Hot  Warm  Cold  Disq  Changes'];
  const pad = (n: number, w: number) => String(n).padStart(w);
  for (const d of days) {
    const changes: string[] = [];
    if (!d.ok) changes.push(`run failed: ${safe(d.error ?? '')}`);
    else if (d.firstRun) changes.push('first run (nothing to compare)');
    else {
      const k = d.changeCounts;
      if (k.becameHot) changes.push(`became Hot: ${names(d.becameHot, k.becameHot)}`);
      if (k.leftHot) changes.push(`left Hot: ${names(d.leftHot, k.leftHot)}`);
      if (k.newDisqualified) changes.push(`new Disqualified: ${names(d.newDisqualified, k.newDisqualified)}`);
    }
    lines.push(
      `${d.date}  ${pad(d.counts.Hot, 4)}  ${pad(d.counts.Warm, 4)}  ${pad(d.counts.Cold, 4)}  ${pad(d.counts.Disqualified, 4)}  ${changes.join('; ') || '-'}`,
    );
  }
  const first = days[0];
  if (first && first.goingCold.length > 0) {
    lines.push('', `Going cold soon on ${first.date} (Hot leads dropping within 7 days unless they engage):`);
    for (const g of first.goingCold) lines.push(`  ${safe(g.name)} (${g.score}): drops to ${g.dropsTo} on ${g.dropsOn}`);
    if (first.changeCounts.goingCold > first.goingCold.length)
      lines.push(`  and ${first.changeCounts.goingCold - first.goingCold.length} more`);
  }
  return lines.join('\n');
}

export async function simulateMain(argv: string[]): Promise<number> {
  const parsed = parseOrUsage(
    () =>
      parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          days: { type: 'string', default: '30' },
          start: { type: 'string' },
          hour: { type: 'string', default: '7' },
          'time-zone': { type: 'string' },
          json: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    SIMULATE_USAGE,
  );
  if (!parsed) return 0;
  const { values: opts, positionals } = parsed;
  const fail = (message: string): never => {
    throw new CliError(message);
  };
  if (positionals.length > 1) fail(`Give one workbook or CSV file (got ${positionals.length}: ${positionals.join(', ')}).`);
  const days = Number(opts.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) fail(`--days '${opts.days}' is not a whole number of days from 1 to 366.`);
  const hour = Number(opts.hour);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) fail(`--hour '${opts.hour}' is not a whole hour from 0 to 23.`);
  if (opts.start !== undefined && !isoDay(opts.start)) fail(`--start '${opts.start}' is not a date; write it as YYYY-MM-DD.`);
  const input = positionals[0] ?? EXAMPLE_PATH;
  const ext = path.extname(input).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.csv') fail(`${input} is not an .xlsx or .csv file.`);
  const wb = await loadWorkbook(input, { timeZone: opts['time-zone'] ?? 'UTC' }).catch((e: Error) => fail(e.message));
  const asOf = settingValue(wb, ['asofdate', 'asof']);
  const start =
    opts.start ??
    (asOf instanceof Date ? asOf.toISOString().slice(0, 10) : typeof asOf === 'string' && isoDay(asOf.trim()) ? asOf.trim() : null) ??
    (positionals.length === 0 ? EXAMPLE_AS_OF : new Date().toISOString().slice(0, 10));
  progress(
    `Simulating ${days} days of Rescore every day from ${start} at ${String(hour).padStart(2, '0')}:00 on a copy of ${path.basename(input)} (the file is not written) …`,
  );
  const result = simulate(wb, { days, start, hour });
  console.log(opts.json ? JSON.stringify(result, null, 2) : formatSimulation(result));
  return 0;
}
