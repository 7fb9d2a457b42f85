/**
 * Score leads in the local host on 1,000 / 10,000 / 50,000 leads: service calls (must not grow
 * with N) and time against a bare read-all + write-all of the same block (target: ≤ 2×).
 */
import { setUpLeads, median, timed } from './fixtures';

// Calls that reach the document, counted as test/bundle/score-leads.test.ts counts them: builders,
// the metadata finder's set-up and the geometry of ranges already returned are local.
const DOCUMENT = /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList|DeveloperMetadataFinder)\./;
const LOCAL = /newConditionalFormatRule|toast|createDeveloperMetadataFinder|withKey|Range\.getColumn$/;

export function benchHost(sizes = [1_000, 10_000, 50_000], repeats = 3): object[] {
  const lines: object[] = [];
  for (const leads of sizes) {
    const { host } = setUpLeads(leads);
    host.run('scoreLeads'); // first run appends the output columns; measure the steady state
    host.resetCalls();
    const scoreMs = median(Array.from({ length: repeats }, () => timed(() => host.run('scoreLeads'))));
    const once = { ...host.calls.byMethod };
    const cells = { ...host.cells };
    for (const k of Object.keys(once)) once[k] /= repeats;
    const documentCalls = Object.entries(once)
      .filter(([k]) => DOCUMENT.test(k) && !LOCAL.test(k))
      .reduce((a, [, n]) => a + n, 0);
    const total = Object.values(once).reduce((a, n) => a + n, 0);
    const builderCalls = Object.entries(once)
      .filter(([k]) => /Builder|newConditionalFormatRule|^ConditionalFormatRule\.|^BooleanCondition\./.test(k))
      .reduce((a, [, n]) => a + n, 0);
    const bareMs = median(Array.from({ length: repeats }, () => timed(() => host.run('benchBareReadWrite'))));
    lines.push({
      case: 'scoreLeads',
      leads,
      ms: Math.round(scoreMs),
      bareReadWriteMs: Math.round(bareMs),
      ratioToBare: +(scoreMs / bareMs).toFixed(2),
      documentCalls,
      // What decides a run's time in real Sheets: cells moved per lead (README "Benchmarks").
      cellsReadPerLead: +(cells.read / repeats / leads).toFixed(1),
      cellsWrittenPerLead: +(cells.written / repeats / leads).toFixed(2),
      formatCellsWrittenPerLead: +(cells.formats / repeats / leads).toFixed(2),
      serviceCalls: total - builderCalls,
      builderCalls,
      byMethod: once,
    });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of benchHost()) console.log(JSON.stringify(line));
