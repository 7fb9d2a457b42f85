/**
 * What-if (issue 13): the page's rescoring (sidebar/whatif-model.ts) against the server. The
 * example workbook goes through the real bundle in the local host: loadWhatIf's payload (sent as
 * JSON, as google.script.run sends it) rescored in the page gives the scores Score leads wrote, lead
 * by lead; edited points, thresholds and base score give what a full engine run of the edited tabs
 * gives; Save to Rules writes only the edited cells.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createHost, loadWorkbook, REPO_ROOT, type CellValue } from '../../local/index';
import { setSetting, sheetOf, columnValues, setUpWorkbook, day } from '../helpers/workbook';
import { SAMPLE_LEADS, ASOF } from '../helpers/sample';
import { prepareRun, scoreRows } from '../../src/engine';
import {
  createWhatIf,
  createWhatIfInSteps,
  SCORE_CHUNK,
  editedRulesGrid,
  loadedEdits,
  rescore,
  saveRequest,
  fromWire,
  type WhatIfEdits,
} from '../../sidebar/whatif-model';
import type { WhatIfData, WhatIfSaveResult } from '../../src/shared/types';

const AS_OF = new Date('2026-11-20T00:00:00Z');

async function example(timeZone?: string) {
  const wb = await loadWorkbook(join(REPO_ROOT, 'examples/leads.xlsx'), timeZone ? { timeZone } : {});
  wb.sheets = wb.sheets.filter((s) => s.name === 'Leads');
  const host = createHost(wb, { now: new Date('2026-11-29T12:00:00Z') });
  host.run('setUpScoring');
  setSetting(wb, 'As-of date', AS_OF);
  return { wb, host };
}

/** The payload as the page receives it: through JSON, as google.script.run carries it. */
const load = (host: { run(name: string, ...a: unknown[]): unknown }): WhatIfData => JSON.parse(JSON.stringify(host.run('loadWhatIf')));

/** A full engine run of the edited tabs: what the fast rescoring must equal. */
function fullRun(data: WhatIfData, model: ReturnType<typeof createWhatIf>, edits: WhatIfEdits) {
  const grid = data.settings ? fromWire(data.settings) : null;
  const run = prepareRun({
    settings: grid,
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
  const scored = scoreRows(run, { headers: model.headers, rows: model.rows, firstRow: model.firstRow });
  const leads = scored.leads.filter((l) => l !== null);
  return { scores: leads.map((l) => l!.score), buckets: leads.map((l) => l!.bucket), counts: scored.counts };
}

describe('what-if: the page rescores as the server scores', () => {
  for (const zone of [undefined, 'America/Los_Angeles']) {
    it(`gives every lead of the example the score and bucket Score leads wrote (${zone ?? "the workbook's zone"})`, async () => {
      const { wb, host } = await example(zone);
      const data = load(host);
      expect(data.ok).toBe(true);
      expect(data.leads.dates.length).toBeGreaterThan(0); // date cells crossed as instants
      const model = createWhatIf(data);
      host.run('scoreLeads');
      const leads = sheetOf(wb, 'Leads');
      const score = columnValues(leads, 'Score').filter((v) => v !== '');
      const bucket = columnValues(leads, 'Bucket').filter((v) => v !== '');
      expect(score.length).toBeGreaterThan(200);
      expect(Array.from(model.baseline.scores)).toEqual(score);
      expect(model.baseline.buckets).toEqual(bucket);
    });
  }

  it('loading in chunks of 1,000 leads (the page paints between them) gives what one scoring pass gives', async () => {
    const { host } = await example();
    const data = load(host);
    // The example's leads ten times over (its date cells listed again for each copy): past two chunks.
    const [head, ...body] = data.leads.cells;
    const copies = 10;
    const cells = [head, ...Array.from({ length: copies }, () => body).flat()];
    const dates: number[] = [];
    for (let k = 0; k < copies; k++)
      for (let i = 0; i + 1 < data.leads.dates.length; i += 2)
        if (data.leads.dates[i] > 0) dates.push(data.leads.dates[i] + k * body.length, data.leads.dates[i + 1]);
    const big: WhatIfData = { ...data, leads: { cells, dates } };
    expect(SCORE_CHUNK).toBe(1000);
    const steps: string[] = [];
    const model = await createWhatIfInSteps(big, async (done, total) => {
      steps.push(`${done} of ${total}`);
    });
    const total = body.length * copies;
    expect(total).toBeGreaterThan(2000);
    expect(steps).toEqual(Array.from({ length: Math.ceil(total / 1000) - 1 }, (_, i) => `${(i + 1) * 1000} of ${total}`));
    const full = fullRun(big, model, loadedEdits(model));
    expect(Array.from(model.baseline.scores)).toEqual(full.scores);
    expect(model.baseline.buckets).toEqual(full.buckets);
    // The same model createWhatIf builds, lead rows and hits included.
    const sync = createWhatIf(big);
    expect(Array.from(model.leadRows)).toEqual(Array.from(sync.leadRows));
    expect(model.leadRows[model.leadRows.length - 1]).toBe(big.firstRow + total - 1);
    expect(model.hits).toEqual(sync.hits);
  });

  it('edited points, thresholds and base score give what a full engine run of the edited tabs gives, lead by lead', async () => {
    const { host } = await example();
    const data = load(host);
    const model = createWhatIf(data);
    expect(model.rules.length).toBeGreaterThan(5);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 12; trial++) {
      const edits = loadedEdits(model);
      for (const r of model.rules) if (next() < 0.4) edits.points.set(r.row, Math.round((next() * 60 - 15) * 2) / 2);
      edits.hotAt = 50 + Math.floor(next() * 40);
      edits.warmAt = 10 + Math.floor(next() * 30);
      if (edits.baseScore !== null) edits.baseScore = Math.floor(next() * 40) - 20;
      const fast = rescore(model, edits);
      expect(fast.ok).toBe(true);
      const full = fullRun(data, model, edits);
      expect(Array.from(fast.scores)).toEqual(full.scores);
      expect(fast.buckets).toEqual(full.buckets);
      expect(fast.counts).toEqual(full.counts);
    }
  });

  it('hand-checkable: two leads, one rule edited from 30 to 50 moves one lead from Warm to Hot', () => {
    // SAMPLE_LEADS with the starter rules as of 2026-11-20: Ada 74 (Hot), Bo 11 (Cold), … (test/helpers/sample.ts).
    const { host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    const data = load(host);
    const model = createWhatIf(data);
    const before = model.baseline.counts;
    const title = model.rules.find((r) => r.label.startsWith('Fit: Title'))!;
    const edits = loadedEdits(model);
    edits.points.set(title.row, title.points + 100);
    const after = rescore(model, edits);
    // +100 on a title rule: every lead it fires on (not disqualified) reaches Max score, so Hot.
    expect(after.counts.Hot).toBeGreaterThan(before.Hot);
    expect(after.counts.Hot + after.counts.Warm + after.counts.Cold + after.counts.Disqualified).toBe(
      before.Hot + before.Warm + before.Cold + before.Disqualified,
    );
    expect(title.fires).toBeGreaterThan(0);
    void day;
  });

  it('bad input is a sentence, not numbers: Warm at above Hot at, or points the engine refuses', async () => {
    const { host } = await example();
    const model = createWhatIf(load(host));
    const edits = loadedEdits(model);
    edits.warmAt = edits.hotAt + 1;
    const r = rescore(model, edits);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/Warm at/);
  });
});

describe('what-if: Save to Rules', () => {
  it('writes only the edited Points cell and the changed thresholds, then re-scores', async () => {
    const { wb, host } = await example();
    const model = createWhatIf(load(host));
    const rules = sheetOf(wb, 'Rules');
    const before = rules.values.map((r) => r.slice());
    const rule = model.rules[0];
    const edits = loadedEdits(model);
    edits.points.set(rule.row, rule.points + 5);
    edits.hotAt = 65;
    const request = saveRequest(model, edits);
    expect(request).toEqual({ points: [{ row: rule.row, from: rule.points, to: rule.points + 5 }], hotAt: 65 });
    const result = host.run('saveWhatIf', request) as WhatIfSaveResult;
    expect(result.ok).toBe(true);
    expect(result.written).toEqual([`Rules row ${rule.row} Points: ${rule.points} → ${rule.points + 5}`, 'Settings Hot at: 65']);
    const pointsCol = model.pointsColumn;
    for (let r = 0; r < rules.values.length; r++) {
      for (let c = 0; c < rules.values[r].length; c++) {
        const expected: CellValue = r === rule.row - 1 && c === pointsCol ? rule.points + 5 : before[r][c];
        expect(rules.values[r][c]).toEqual(expected);
      }
    }
    expect(result.report?.ok).toBe(true);
    // The re-score used the saved rule: the server's counts are the page's what-if counts.
    expect(result.report?.counts).toEqual(rescore(model, edits).counts);
    // Saving the same edit again: the cell no longer holds what the page loaded, so nothing is written.
    const again = host.run('saveWhatIf', request) as WhatIfSaveResult;
    expect(again.ok).toBe(false);
    expect(again.error).toMatch(/changed since the what-if loaded/);
  });
});
