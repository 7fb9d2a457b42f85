/** `npm run bench`: one JSON line per case (engine, Score leads in the host, custom functions, the CLI on large files). */
import { existsSync } from 'node:fs';
import { benchHost } from './host';
import { benchFunctions } from './functions';
import { benchFiles } from './files';

const lines: object[] = [];
if (existsSync(new URL('./engine.ts', import.meta.url))) {
  const { benchEngine } = await import('./engine');
  for (const line of await benchEngine()) console.log(JSON.stringify(line));
}
for (const line of benchHost()) console.log(JSON.stringify(line));
for (const line of benchFunctions()) console.log(JSON.stringify(line));
for (const line of await benchFiles()) console.log(JSON.stringify(line));
for (const line of await (await import('./backtest')).benchBacktest()) console.log(JSON.stringify(line));
for (const line of await (await import('./suggest')).benchSuggest()) console.log(JSON.stringify(line));
// The daily run on 10,000 leads with its Score history writes, beside Score leads (README "Running by itself").
for (const line of (await import('./daily')).benchDaily()) console.log(JSON.stringify(line));
for (const line of (await import('./activity')).benchActivity()) console.log(JSON.stringify(line));
// The model as SQL in DuckDB beside the engine, with the ratio from the same run (bench/duckdb.ts).
console.log(JSON.stringify(await (await import('./duckdb')).benchDuckdb()));
void lines;
