/**
 * Custom functions: one LEADSCORE call over a 10,000-row block (target < 3 s in the host; Apps
 * Script allows 30 s) against calling it once per row, as a sheet with one formula per row would.
 */
import { setUpLeads, leadRows, median, AS_OF, EXAMPLE_LEAD_HEADERS } from './fixtures';

export function benchFunctions(rows = 10_000, sampleRows = 200): object[] {
  const { host } = setUpLeads(10);
  const headers = [[...EXAMPLE_LEAD_HEADERS]];
  const block = leadRows(rows);
  const blockMs = median([0, 1, 2].map(() => host.runCustomFunction('LEADSCORE', headers, block, AS_OF).ms));
  const perRowMs = median(
    [0, 1, 2].map(() => {
      let total = 0;
      for (let i = 0; i < sampleRows; i++) total += host.runCustomFunction('LEADSCORE', headers, [block[i]], AS_OF).ms;
      return total / sampleRows;
    }),
  );
  return [
    {
      case: 'customFunction',
      function: 'LEADSCORE',
      rows,
      oneCallMs: Math.round(blockMs),
      perRowMsInOneCall: +(blockMs / rows).toFixed(4),
      perRowMsOneCallPerRow: +perRowMs.toFixed(3),
      oneCallPerRowEstimateMs: Math.round(perRowMs * rows),
      speedup: Math.round((perRowMs * rows) / blockMs),
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchFunctions()) console.log(JSON.stringify(line));
