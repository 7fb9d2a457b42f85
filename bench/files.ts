/**
 * The CLI on large files: 200,000 leads × 20 columns as .xlsx → .xlsx, .csv → .csv and .csv → .xlsx (target:
 * < 60 s and < 2 GB each), and 1,000,000 CSV rows (target: < 5 min, or the CLI's one sentence
 * naming the limit). Each case runs `local/cli.ts` in a child process and reports its wall time and
 * peak RSS (from --stats). Files are generated into a temporary folder (seeded PRNG) and removed.
 * Run alone with `npx tsx bench/files.ts [200000 …]`.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { REPO_ROOT } from '../local/index';
import { csvText } from '../local/io/csv';
import { generateLeads, BENCH_HEADERS } from './engine';

const HEADERS = [...BENCH_HEADERS, 'Notes']; // 20 columns

/** Rows in batches of 50,000 so a million rows never sit in memory at once. */
function* batches(n: number): Generator<unknown[][]> {
  for (let start = 0, seed = 1; start < n; start += 50_000, seed++) {
    yield generateLeads(Math.min(50_000, n - start), seed).map((r, i) => [...r, `note ${start + i}`]);
  }
}

async function writeCsv(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const line = (r: unknown[]) =>
    `${r
      .map((v) => {
        const t = csvText(v as never);
        return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
      })
      .join(',')}\r\n`;
  out.write(line(HEADERS));
  for (const batch of batches(n)) {
    const ok = out.write(batch.map(line).join(''));
    if (!ok) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

async function writeXlsx(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('Leads');
  ws.addRow(HEADERS).commit();
  for (const batch of batches(n)) for (const r of batch) ws.addRow(r).commit();
  await ws.commit();
  await wb.commit();
}

export interface FileBenchResult {
  case: 'cliFile';
  input: string;
  output: string;
  rows: number;
  columns: number;
  inputMB: number;
  ms: number;
  peakRssMB: number | null;
  phases?: Record<string, number>;
  message?: string;
}

function runCli(input: string, output: string, rows: number): FileBenchResult {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'local', 'cli.ts'), input, '--out', output, '--as-of', '2026-03-31', '--stats'],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = Math.round(performance.now() - t0);
  const stats = /^stats: (.*)$/m.exec(r.stdout ?? '')?.[1];
  const s = stats ? (JSON.parse(stats) as Record<string, number>) : null;
  return {
    case: 'cliFile',
    input: path.extname(input).slice(1),
    output: path.extname(output).slice(1),
    rows,
    columns: HEADERS.length,
    inputMB: Math.round(statSync(input).size / 1048576),
    ms,
    peakRssMB: s?.peakRssMB ?? null,
    ...(s
      ? { phases: { loadMs: s.loadMs, scoreMs: s.scoreMs, saveMs: s.saveMs } }
      : { message: (r.stderr || r.stdout).trim().split('\n').at(-1) }),
  };
}

export async function benchFiles(sizes = [200_000], million = true): Promise<FileBenchResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-files-'));
  const results: FileBenchResult[] = [];
  try {
    for (const n of sizes) {
      const xlsx = path.join(dir, `leads-${n}.xlsx`);
      const csv = path.join(dir, `leads-${n}.csv`);
      await writeXlsx(xlsx, n);
      results.push(runCli(xlsx, path.join(dir, 'out.xlsx'), n));
      await writeCsv(csv, n);
      results.push(runCli(csv, path.join(dir, 'out.csv'), n));
      results.push(runCli(csv, path.join(dir, 'out.xlsx'), n));
      rmSync(xlsx);
    }
    if (million) {
      const csv = path.join(dir, 'leads-1000000.csv');
      await writeCsv(csv, 1_000_000);
      results.push(runCli(csv, path.join(dir, 'out.csv'), 1_000_000));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const line of await benchFiles(sizes.length ? sizes : [200_000], sizes.length === 0)) console.log(JSON.stringify(line));
}
