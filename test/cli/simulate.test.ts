/**
 * `npm start -- simulate` (README "Running by itself"): the daily trigger fired over simulated days
 * on a copy of the example workbook, the host clock moved a day at a time.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, loadWorkbook } from '../../local/index.js';
import { EXAMPLE_PATH } from '../../local/example.js';
import { simulate, wallClockInstant } from '../../local/simulate.js';

/*
 * Tom Martinez (examples/leads.xlsx), d days after 2026-11-20, starter rules:
 *   fit 15 (135 people) + 5 (Ireland) = 20;
 *   demo (2026-11-04) 30·0.5^((16+d)/30); pricing ×4 = 15 at 0.5^((6+d)/21) (last visit 2026-11-14);
 *   downloads ×3 = 6·(1−0.6³)/0.4 = 11.76 at 0.5^((13+d)/45); email clicks ×5 = 3·(1−0.7⁵)/0.3 = 8.319 at
 *   0.5^((12+d)/30); active this week +5 while 6 + d ≤ 7.
 *   d = 0: 20 + 20.727 + 12.305 + 9.627 + 6.305 + 5 = 73.96 → 74, Hot.
 *   d = 1: 20 + 20.251 + 11.906 + 9.480 + 6.161 + 5 = 72.80 → 73, Hot.
 *   d = 2: 20 + 19.793 + 11.519 + 9.334 + 6.020     = 66.67 → 67, Warm: he drops on 2026-11-22, as forecast.
 */
describe('simulate: Rescore every day over simulated days', () => {
  it('a lead whose demo request decays drops from Hot on the day the forecast gave', async () => {
    const wb = await loadWorkbook(EXAMPLE_PATH);
    const days = simulate(wb, { days: 3, start: '2026-11-20', hour: 7 });
    expect(days.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(days.every((d) => d.ok)).toBe(true);
    expect(days[0].firstRun).toBe(true);
    expect(days[0].goingCold).toContainEqual(
      expect.objectContaining({ name: 'Tom Martinez', score: 74, dropsOn: '2026-11-22', dropsTo: 'Warm' }),
    );
    expect(days[1].leftHot.map((c) => c.name)).not.toContain('Tom Martinez');
    expect(days[2].leftHot).toContainEqual(
      expect.objectContaining({ name: 'Tom Martinez', oldBucket: 'Hot', newBucket: 'Warm', newScore: 67 }),
    );
    // Every lead is counted every day; only buckets move.
    const total = (c: Record<string, number>) => c.Hot + c.Warm + c.Cold + c.Disqualified;
    expect(new Set(days.map((d) => total(d.counts))).size).toBe(1);
    // What left Hot on days 1–3 is what day 0 said would (the forecast and the runs agree).
    const forecast = days[0].goingCold
      .filter((g) => g.dropsOn! <= '2026-11-23')
      .map((g) => g.name)
      .sort();
    const left = days
      .slice(1)
      .flatMap((d) => d.leftHot.map((c) => c.name))
      .sort();
    expect(left).toEqual(forecast);
  });

  it("the wall clock of the run is the hour in the workbook's zone", () => {
    expect(wallClockInstant('2026-11-20', 7, 'UTC').toISOString()).toBe('2026-11-20T07:05:00.000Z');
    expect(wallClockInstant('2026-07-01', 7, 'Europe/Berlin').toISOString()).toBe('2026-07-01T05:05:00.000Z');
  });

  it('the CLI prints counts per day and the changes, and never writes the input file', () => {
    const hash = () => createHash('sha256').update(readFileSync(EXAMPLE_PATH)).digest('hex');
    const before = hash();
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'local', 'cli.ts'), 'simulate', '--days', '2'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Day {9}Hot {2}Warm {2}Cold {2}Disq {2}Changes$/m);
    expect(r.stdout).toMatch(/^2026-11-20 .* first run \(nothing to compare\)$/m);
    expect(r.stdout).toMatch(/^2026-11-22 .*left Hot: .*Tom Martinez/m);
    expect(r.stdout).toMatch(/^ {2}Tom Martinez \(74\): drops to Warm on 2026-11-22$/m);
    expect(hash()).toBe(before);
  });
});
