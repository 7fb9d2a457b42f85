/**
 * What if with Activity rules (README "Activity", README "The sidebar" → What if): loadWhatIf sends
 * the Activity tab when a rule uses it, the page scores those rules through the engine as Score
 * leads does, and its fast re-valuation of an edited `Per each` Activity rule is the engine's
 * per-event sum (Σ Points × rⁱ × 0.5^(ageᵢ/h), then Max points), not valueHit's repeat sum.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHost, loadWorkbook, writeCell, REPO_ROOT, type CellValue } from '../../local/index';
import { setSetting, sheetOf, columnValues } from '../helpers/workbook';
import { ACTIVITY_HEADERS, RULE_HEADERS, prepareRun, scoreRows } from '../../src/engine';
import {
  createWhatIf,
  editedRulesGrid,
  editedRun,
  forEachHitValue,
  fromWire,
  loadedEdits,
  rescore,
  type WhatIfEdits,
  type WhatIfModel,
} from '../../sidebar/whatif-model';
import type { WhatIfData, WireCell } from '../../src/shared/types';

const ruleRow = (cells: Partial<Record<(typeof RULE_HEADERS)[number], CellValue>>): CellValue[] =>
  RULE_HEADERS.map((h) => cells[h] ?? (h === 'Enabled' ? true : ''));
const ms = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** One lead, one `Per each` pricing rule, three pricing visits 2, 9 and 30 days before 2026-11-20 — as loadWhatIf sends them. */
function payload(maxPoints: CellValue): WhatIfData {
  const rules = [
    [...RULE_HEADERS],
    ruleRow({
      Category: 'Behaviour',
      Field: 'Activity: Pricing page',
      Operator: 'happened',
      Points: 10,
      Per: 'each',
      'Repeat factor': 0.5,
      'Max points': maxPoints,
      'Half-life days': 14,
    }),
  ] as WireCell[][];
  return {
    ok: true,
    timeZone: 'UTC',
    now: '2026-11-20T12:00:00.000Z',
    leads: {
      cells: [
        ['Name', 'Email'],
        ['Ada', 'ada@northwind.io'],
      ],
      dates: [],
    },
    firstRow: 2,
    rules: { cells: rules, dates: [] },
    settings: null,
    hasBaseScore: false,
    activity: {
      cells: [
        [...ACTIVITY_HEADERS],
        ['ada@northwind.io', 'Pricing page', ms('2026-11-18'), '', ''],
        [' ADA@northwind.io', 'pricing page', ms('2026-10-21'), '', ''],
        ['ada@northwind.io', 'Pricing Page', ms('2026-11-11'), 1, ''],
      ],
      dates: [1, 2, 2, 2, 3, 2],
    },
  };
}

/** What if's value of the rule's one hit, and the engine's (a full scoreRows of the edited tabs) — they must be equal. */
function both(model: WhatIfModel, data: WhatIfData, points: Map<number, number>) {
  const run = editedRun(model, points);
  const rule = run.rules[0];
  const values: number[] = [];
  forEachHitValue(model, rule, (_lead, p) => values.push(p));
  const engine = scoreRows(
    run,
    { headers: model.headers, rows: model.rows, firstRow: model.firstRow, activity: fromWire(data.activity!) },
    { keepContributions: true },
  );
  const c = engine.leads[0]!.contributions;
  expect(c).toHaveLength(1);
  return { whatIf: values, engine: c[0].points, score: engine.leads[0]!.score };
}

describe('What if values Activity rules as the engine does', () => {
  it('Per each: the decayed per-event sum, with edited Points, capped at Max points after decay', () => {
    const data = payload('');
    const model = createWhatIf(data);
    const row = model.run.rules[0].row;
    // 10 × 0.5^(2/14) + 5 × 0.5^(9/14) + 2.5 × 0.5^(30/14) = 9.0572 + 3.2022 + 0.5661 = 12.8255.
    // (valueHit's repeat sum decayed by the latest age would give 17.5 × 0.5^(2/14) = 15.85.)
    const loaded = both(model, data, new Map());
    expect(loaded.whatIf).toEqual([loaded.engine]);
    expect(loaded.engine).toBeCloseTo(12.8255, 4);
    expect(Array.from(model.baseline.scores)).toEqual([13]);
    // Points 10 → 20: every term doubles, 25.651.
    const twenty = both(model, data, new Map([[row, 20]]));
    expect(twenty.whatIf).toEqual([twenty.engine]);
    expect(twenty.engine).toBeCloseTo(25.651, 3);
    const edits: WhatIfEdits = { ...loadedEdits(model), points: new Map([[row, 20]]) };
    expect(Array.from(rescore(model, edits).scores)).toEqual([26]);

    // Max points 12: the decayed sums 12.8255 and 25.651 are both above 12, so 12 (not 12 × 0.5^(2/14) = 10.87).
    const capData = payload(12);
    const capped = createWhatIf(capData);
    const c10 = both(capped, capData, new Map());
    const c20 = both(capped, capData, new Map([[row, 20]]));
    expect([c10.whatIf, c20.whatIf]).toEqual([[12], [12]]);
    expect([c10.engine, c20.engine]).toEqual([12, 12]);
    expect(Array.from(rescore(capped, { ...loadedEdits(capped), points: new Map([[row, 20]]) }).scores)).toEqual([12]);
    // Points 5 under the cap: 12.8255 / 2 = 6.4128.
    const c5 = both(capped, capData, new Map([[row, 5]]));
    expect(c5.whatIf).toEqual([c5.engine]);
    expect(c5.engine).toBeCloseTo(6.4128, 4);
  });

  it('Per once and a Negative Activity rule: Points decayed by the newest event, always subtracting', () => {
    const data = payload('');
    data.rules.cells.push(
      ruleRow({
        Category: 'Behaviour',
        Field: 'Activity: Pricing page',
        Operator: '>=',
        Value: '3',
        Points: 8,
        'Half-life days': 14,
      }) as WireCell[],
      ruleRow({ Category: 'Negative', Field: 'Activity: Pricing page', Operator: 'within last days', Value: '7', Points: 4 }) as WireCell[],
    );
    const model = createWhatIf(data);
    const points = new Map([
      [3, 16],
      [4, 6],
    ]);
    const run = editedRun(model, points);
    const engine = scoreRows(
      run,
      { headers: model.headers, rows: model.rows, firstRow: model.firstRow, activity: fromWire(data.activity!) },
      { keepContributions: true },
    ).leads[0]!;
    const whatIf = run.rules.map((r) => {
      const v: number[] = [];
      forEachHitValue(model, r, (_l, p) => v.push(p));
      return v[0];
    });
    // Row 3: 16 × 0.5^(2/14) = 14.4916; row 4: −6 (no half-life).
    expect(whatIf).toEqual(run.rules.map((r) => engine.contributions.find((c) => c.ruleRow === r.row)!.points));
    expect(whatIf[1]).toBeCloseTo(14.4916, 4);
    expect(whatIf[2]).toBe(-6);
  });
});

/** The example workbook with its Activity tab and the two Activity rules of README "Activity", as of 2026-11-20. */
async function exampleWithActivity() {
  const wb = await loadWorkbook(join(REPO_ROOT, 'examples/leads.xlsx'));
  wb.sheets = wb.sheets.filter((s) => s.name === 'Leads' || s.name === 'Activity');
  expect(wb.sheets.map((s) => s.name).sort()).toEqual(['Activity', 'Leads']);
  const host = createHost(wb, { now: new Date('2026-11-29T12:00:00Z') });
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', new Date('2026-11-20T00:00:00Z'));
  const rules = sheetOf(wb, 'Rules');
  const headers = rules.values[0].map(String);
  const add = (cells: Record<string, CellValue>) => {
    const row = rules.values.length + 1;
    for (const [h, v] of Object.entries(cells)) writeCell(rules, row, headers.indexOf(h) + 1, v);
  };
  add({
    Category: 'Behaviour',
    Field: 'Activity: Pricing page',
    Operator: 'happened',
    Points: 6,
    Per: 'each',
    'Repeat factor': 0.5,
    'Max points': 12,
    'Half-life days': 14,
    Enabled: true,
  });
  add({ Category: 'Behaviour', Field: 'Activity: Demo request', Operator: 'within last days', Value: 30, Points: 10, Enabled: true });
  return { wb, host };
}

const load = (host: { run(name: string, ...a: unknown[]): unknown }): WhatIfData => JSON.parse(JSON.stringify(host.run('loadWhatIf')));

describe('What if with Activity rules through the bundle (the example workbook)', () => {
  it('loadWhatIf carries the Activity grid (one more read, dates as instants); the counts equal Score leads', async () => {
    const { wb, host } = await exampleWithActivity();
    const data = load(host);
    expect(data.ok).toBe(true);
    const activity = sheetOf(wb, 'Activity');
    expect(data.activity!.cells.length).toBe(activity.values.length);
    expect(data.activity!.cells[0]).toEqual([...ACTIVITY_HEADERS]);
    expect(data.activity!.dates.length).toBe(2 * (activity.values.length - 1)); // every event's Date crossed as an instant
    const model = createWhatIf(data);
    host.run('scoreLeads');
    const leads = sheetOf(wb, 'Leads');
    const score = columnValues(leads, 'Score').filter((v) => v !== '');
    const bucket = columnValues(leads, 'Bucket').filter((v) => v !== '');
    // README "Activity" (measured on branch i15): 41 Hot · 58 Warm · 128 Cold · 13 Disqualified as of 2026-11-20.
    expect(model.baseline.counts).toEqual({ Hot: 41, Warm: 58, Cold: 128, Disqualified: 13 });
    expect(Array.from(model.baseline.scores)).toEqual(score);
    expect(model.baseline.buckets).toEqual(bucket);
    const toast = host.ui.toasts.at(-1)!.message;
    expect(toast).toContain('41 Hot · 58 Warm · 128 Cold · 13 Disqualified');
    // The two orphan events and the duplicate lead key, said in the page as Score leads says them.
    expect(model.notices).toHaveLength(2);
    expect(model.notices[0]).toMatch(/^2 Activity rows \(2 lead keys, e\.g\. .*match no lead by Email; their events were not counted\.$/);
    expect(model.notices[1]).toMatch(/^1 lead key is on more than one Leads row: /);
    for (const notice of model.notices) expect(toast).toContain(notice);
    // The Activity rules fire (they are scored, not reported as problems).
    const fires = model.rules.filter((r) => r.label.includes('Activity:')).map((r) => r.fires);
    expect(fires).toHaveLength(2);
    for (const f of fires) expect(f).toBeGreaterThan(20);
  });

  it('the Activity tab is one more read, and only when a rule uses it (else not sent)', async () => {
    const withRules = (await exampleWithActivity()).host;
    withRules.resetCalls();
    expect(load(withRules).activity).toBeTruthy();
    const wb = await loadWorkbook(join(REPO_ROOT, 'examples/leads.xlsx'));
    wb.sheets = wb.sheets.filter((s) => s.name === 'Leads' || s.name === 'Activity');
    const starter = createHost(wb, { now: new Date('2026-11-29T12:00:00Z') });
    starter.run('setUpScoring');
    starter.resetCalls();
    const data = load(starter);
    expect(data.ok).toBe(true);
    expect('activity' in data).toBe(false);
    expect(withRules.calls.byMethod['Range.getValues']).toBe(starter.calls.byMethod['Range.getValues'] + 1);
  });

  it('edited points, thresholds and base score with Activity rules give what a full engine run of the edited tabs gives', async () => {
    const { host } = await exampleWithActivity();
    const data = load(host);
    const model = createWhatIf(data);
    const activity = fromWire(data.activity!);
    const activityRows = model.rules.filter((r) => r.label.includes('Activity:')).map((r) => r.row);
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 10; trial++) {
      const edits = loadedEdits(model);
      for (const r of model.rules) if (next() < 0.3) edits.points.set(r.row, Math.round((next() * 60 - 15) * 2) / 2);
      // The Activity rules are edited in every trial (one of them to a negative number of points).
      edits.points.set(activityRows[0], Math.round(next() * 400) / 10);
      edits.points.set(activityRows[1], Math.round((next() * 60 - 20) * 2) / 2);
      edits.hotAt = 50 + Math.floor(next() * 40);
      edits.warmAt = 10 + Math.floor(next() * 30);
      if (edits.baseScore !== null) edits.baseScore = Math.floor(next() * 40) - 20;
      const fast = rescore(model, edits);
      expect(fast.ok).toBe(true);
      const run = prepareRun({
        settings: data.settings ? fromWire(data.settings) : null,
        rules: editedRulesGrid(model, edits.points),
        today: new Date(data.now),
        spreadsheetTimeZone: data.timeZone,
      });
      run.settings = {
        ...run.settings,
        hotAt: edits.hotAt,
        warmAt: edits.warmAt,
        ...(edits.baseScore !== null ? { baseScore: edits.baseScore } : {}),
      };
      const full = scoreRows(run, { headers: model.headers, rows: model.rows, firstRow: model.firstRow, activity });
      const leads = full.leads.filter((l) => l !== null);
      expect(Array.from(fast.scores)).toEqual(leads.map((l) => l!.score));
      expect(fast.buckets).toEqual(leads.map((l) => l!.bucket));
      expect(fast.counts).toEqual(full.counts);
    }
  });
});
