/**
 * Engine benchmark: N generated leads × 20 rules (mixed operators, decay, repeats) through runModel
 * (prepareRun + bulk scoreRows, as Score leads does), the heap of bulk scoring 100,000 leads, and
 * prepareRun alone (Settings and Rules tabs read, rules compiled).
 * Prints one JSON line per case. Run on its own with `npx tsx bench/engine.ts`, or call benchEngine().
 * Deterministic input: a seeded PRNG (mulberry32), never Math.random.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { runModel, prepareRun, SETTING_ROWS, RULE_HEADERS, EXAMPLE_LEAD_HEADERS, type Cell } from '../src/engine';
import { mulberry32 } from '../examples/random';

/** A full GC between runs, so one run's garbage does not count in the next run's peak (works without --expose-gc). */
function getGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const RULE_HEADER = [...RULE_HEADERS];

/** 20 rules: 6 Fit, 8 Behaviour (decay, repeats, caps, expiry), 5 Negative, 1 Disqualify. */
export const BENCH_RULES: Cell[][] = [
  RULE_HEADER,
  ['Fit', 'Company size', 'between', '50..1000', 15, '', '', '', '', '', '', true, ''],
  ['Fit', 'Company size', 'between', '11..49', 8, '', '', '', '', '', '', true, ''],
  ['Fit', 'Title', 'contains', 'Founder, CEO, Owner, VP, Head, Director, Chief', 12, '', '', '', '', '', '', true, ''],
  ['Fit', 'Industry', 'is', 'Software, SaaS, E-commerce, Marketing, Financial services', 10, '', '', '', '', '', '', true, ''],
  ['Fit', 'Country', 'is', 'United States, Canada, United Kingdom, Germany, France', 5, '', '', '', '', '', '', true, ''],
  ['Fit', 'Title', 'matches', '^(vp|head|chief)\\b', 4, '', '', '', '', '', '', true, ''],
  ['Behaviour', 'Demo requested', 'is not empty', '', 30, '', '', '', 'Demo requested', 30, 120, true, ''],
  ['Behaviour', 'Pricing page visits', '>', 0, 8, 'each', 0.5, 20, 'Last pricing visit', 21, '', true, ''],
  ['Behaviour', 'Content downloads', '>', 0, 6, 'each', 0.6, 15, 'Last download', 45, '', true, ''],
  ['Behaviour', 'Email clicks', '>', 0, 3, 'each', 0.7, 10, 'Last email click', 30, '', true, ''],
  ['Behaviour', 'Webinar date', 'is not empty', '', 10, '', '', '', 'Webinar date', 60, 180, true, ''],
  ['Behaviour', 'Last activity', 'within last days', 7, 5, '', '', '', '', '', '', true, ''],
  ['Behaviour', 'Lead source', 'is', 'Referral, Partner', 6, '', '', '', '', '', '', true, ''],
  ['Behaviour', 'Email clicks', '>=', 5, 4, '', '', '', 'Last email click', 14, '', true, ''],
  ['Negative', 'Email', 'is free email', '', 10, '', '', '', '', '', '', true, ''],
  ['Negative', 'Unsubscribed', 'is true', '', 20, '', '', '', '', '', '', true, ''],
  ['Negative', 'Email bounced', 'is true', '', 25, '', '', '', '', '', '', true, ''],
  ['Negative', 'Last activity', 'older than days', 90, 15, '', '', '', '', '', '', true, ''],
  ['Negative', 'Title', 'does not contain', 'a, e, i, o, u', 2, '', '', '', '', '', '', true, ''],
  ['Disqualify', 'Title', 'contains', 'Student, Intern, Job seeker, Recruiter', '', '', '', '', '', '', '', true, ''],
];

export const BENCH_HEADERS = [...EXAMPLE_LEAD_HEADERS];

const AS_OF = Date.UTC(2026, 2, 31, 12);
const DAY = 86_400_000;

/** Generates `n` lead rows shaped like getValues(): strings, numbers, booleans, Dates and ''. */
export function generateLeads(n: number, seed = 42): Cell[][] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const dateAgo = (max: number): Date => new Date(AS_OF - Math.floor(rnd() * max) * DAY - Math.floor(rnd() * DAY));
  const titles = [
    'VP Sales',
    'Head of Growth',
    'Engineer',
    'Marketing Manager',
    'CEO',
    'Founder',
    'Student',
    'Director of Ops',
    'Analyst',
    'Chief Revenue Officer',
  ];
  const industries = ['Software', 'SaaS', 'Retail', 'Manufacturing', 'E-commerce', 'Education', 'Financial services', 'Healthcare'];
  const countries = ['United States', 'Germany', 'France', 'India', 'Brazil', 'Canada', 'Japan', 'United Kingdom'];
  const domains = ['gmail.com', 'acme.com', 'yahoo.co.uk', 'example.org', 'hotmail.fr', 'globex.io', 'outlook.com', 'initech.com'];
  const sources = ['Web', 'Referral', 'Partner', 'Ads', 'Event', ''];
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const visits = chance(0.6) ? Math.floor(rnd() * 8) : '';
    const downloads = chance(0.4) ? Math.floor(rnd() * 5) : '';
    const clicks = chance(0.5) ? Math.floor(rnd() * 12) : '';
    rows.push([
      `Lead ${i}`,
      `lead${i}@${pick(domains)}`,
      `Company ${i % 997}`,
      pick(titles),
      chance(0.1) ? pick(['1,200', '45', '']) : Math.floor(rnd() * 3000),
      pick(industries),
      pick(countries),
      pick(sources),
      chance(0.2) ? dateAgo(180) : '',
      visits,
      visits !== '' && visits > 0 ? (chance(0.9) ? dateAgo(120) : '') : '',
      downloads,
      downloads !== '' && downloads > 0 ? dateAgo(200) : '',
      clicks,
      clicks !== '' && clicks > 0 ? (chance(0.1) ? '2026-03-01' : dateAgo(90)) : '',
      chance(0.15) ? dateAgo(300) : '',
      chance(0.9) ? dateAgo(200) : '',
      chance(0.05),
      chance(0.03) ? 'yes' : '',
    ]);
  }
  return rows;
}

export interface EngineBenchResult {
  case: 'engine';
  leads: number;
  rules: number;
  ms: number;
  ruleEvaluationsPerSecond: number;
  peakHeapMB: number;
  liveHeapMB: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Times runModel over `n` leads, `runs` times (median). Heap: `peakHeapMB` is the largest heap (heapUsed + arrayBuffers)
 * sampled (before, right after each run, and on a 5 ms timer), garbage included; `liveHeapMB` is
 * heapUsed after a full GC with the input rows and one run's result alive.
 */
export async function benchCase(n: number, runs = 5, timeZone = 'Europe/Berlin'): Promise<EngineBenchResult> {
  const rows = generateLeads(n);
  const rules = BENCH_RULES.length - 1;
  const gc = getGc();
  let peak = 0;
  let live = 0;
  const sample = () => {
    peak = Math.max(peak, heapBytes());
  };
  // runModel is synchronous, so the timer only fires between runs; the sample right after each
  // run (before its result is dropped) is the one that matters.
  const timer = setInterval(sample, 5);
  const times: number[] = [];
  try {
    // Untimed warm-up runs so the JIT has compiled the engine before timing (one is not enough at 10,000).
    for (let w = 0; w < 2; w++) {
      runModel({
        settings: null,
        rules: BENCH_RULES,
        headers: BENCH_HEADERS,
        rows,
        firstRow: 2,
        today: new Date(AS_OF),
        spreadsheetTimeZone: timeZone,
        keepContributions: false,
      });
    }
    for (let i = 0; i < runs; i++) {
      gc();
      sample();
      const t0 = performance.now();
      let result: ReturnType<typeof runModel> | null = runModel({
        settings: null,
        rules: BENCH_RULES,
        headers: BENCH_HEADERS,
        rows,
        firstRow: 2,
        today: new Date(AS_OF),
        spreadsheetTimeZone: timeZone,
        keepContributions: false, // as Score leads does
      });
      times.push(performance.now() - t0);
      sample();
      if (result.problems.length) throw new Error(`bench rules have problems: ${result.problems.map((p) => p.message).join('; ')}`);
      gc();
      live = Math.max(live, heapBytes());
      result = null;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    clearInterval(timer);
  }
  const ms = median(times);
  return {
    case: 'engine',
    leads: n,
    rules,
    ms: Math.round(ms * 10) / 10,
    ruleEvaluationsPerSecond: Math.round((n * rules) / (ms / 1000)),
    peakHeapMB: mb(peak),
    liveHeapMB: mb(live),
  };
}

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
/** The JavaScript heap plus typed arrays' buffers (which live outside it and heapUsed does not count). */
const heapBytes = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

export interface EngineHeapResult {
  case: 'engineHeap';
  leads: number;
  rules: number;
  /** Heap (+ array buffers) after a full GC with only the input rows alive. */
  inputMB: number;
  /** The most the heap held right after a bulk scoring run (garbage included), over the input. */
  peakOverInputMB: number;
  /** What the result (100,000 scored leads with Why) keeps alive after a full GC, over the input. */
  resultMB: number;
}

/**
 * The heap of bulk scoring `n` leads: measured right after each run, before any collection, so
 * garbage still uncollected counts (scoring is synchronous: nothing can sample during it).
 */
export async function benchHeap(n = 100_000, runs = 3, timeZone = 'Europe/Berlin'): Promise<EngineHeapResult> {
  const gc = getGc();
  let rows: Cell[][] | null = generateLeads(n);
  const score = () =>
    runModel({
      settings: null,
      rules: BENCH_RULES,
      headers: BENCH_HEADERS,
      rows: rows!,
      firstRow: 2,
      today: new Date(AS_OF),
      spreadsheetTimeZone: timeZone,
      keepContributions: false,
    });
  score(); // warm-up
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const input = heapBytes();
  let peak = 0;
  let kept = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    let result: ReturnType<typeof runModel> | null = score();
    peak = Math.max(peak, heapBytes());
    gc();
    kept = Math.max(kept, heapBytes());
    result = null;
    void result;
  }
  rows = null;
  return {
    case: 'engineHeap',
    leads: n,
    rules: BENCH_RULES.length - 1,
    inputMB: mb(input),
    peakOverInputMB: mb(peak - input),
    resultMB: mb(kept - input),
  };
}

export interface PrepareBenchResult {
  case: 'prepareRun';
  rules: number;
  /** Median time of one prepareRun: Settings tab parsed, 20 rules parsed and compiled, zones and as-of resolved. */
  ms: number;
}

/** prepareRun on its own, from the Settings tab Set up writes and the 20 bench rules (median of `runs`). */
export function benchPrepare(runs = 200, timeZone = 'Europe/Berlin'): PrepareBenchResult {
  const settings: Cell[][] = [['Setting', 'Value'], ...SETTING_ROWS.map((s) => [s.name, s.value])];
  const prepare = () => prepareRun({ settings, rules: BENCH_RULES, today: new Date(AS_OF), spreadsheetTimeZone: timeZone });
  for (let i = 0; i < 20; i++) prepare();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const run = prepare();
    times.push(performance.now() - t0);
    if (run.problems.length) throw new Error(`bench tabs have problems: ${run.problems.map((p) => p.message).join('; ')}`);
  }
  return { case: 'prepareRun', rules: BENCH_RULES.length - 1, ms: Math.round(median(times) * 100) / 100 };
}

/** The engine cases: 10,000 then 100,000 leads (time), the heap at 100,000, and prepareRun alone. */
export async function benchEngine(): Promise<Array<EngineBenchResult | EngineHeapResult | PrepareBenchResult>> {
  return [await benchCase(10_000), await benchCase(100_000), await benchHeap(), benchPrepare()];
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly && !process.env.NO_BENCH_MAIN) {
  for (const r of await benchEngine()) console.log(JSON.stringify(r));
}
