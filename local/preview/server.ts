/**
 * `npm run preview [-- workbook.xlsx] [--port 5173] [--as-of YYYY-MM-DD] [--latency 300]`
 *
 * Serves the built sidebar (dist/Sidebar.html) on 127.0.0.1 with `google.script.run` bridged to
 * the local Apps Script host running the built bundle (dist/Code.js) over a workbook: by default
 * examples/leads.xlsx scored as of its anchor day. Set up scoring
 * runs first, so the Rules and Settings tabs exist.
 *
 *   GET  /                 the preview page: the sidebar in a 300 px frame, a row picker, the Leads colours
 *   GET  /sidebar          dist/Sidebar.html with the google.script.run shim injected
 *   POST /rpc              {name, args} → host.run(name, ...args) → {ok, value} | {ok: false, error}
 *   GET  /preview/state    the Leads tab's rows, buckets and row colours, and the selection
 *   POST /preview/select   {row} (or {sheet, a1}): sets the user's selection
 *   POST /preview/latency  {ms}: delay every /rpc answer (Apps Script calls take a while)
 *   POST /save             writes the workbook to out/preview.xlsx
 *
 * Only the pages it served can call it: every request must name this server in Host (no DNS
 * rebinding), carry no foreign Origin, and every POST must carry the per-run token those pages
 * hold (x-preview-token). /rpc runs only the bundle's top-level functions, like Apps Script.
 *
 * Like Apps Script, arguments and results cross as JSON: a result holding a Date or a function is
 * a failure here (Apps Script would drop it), so the bug shows up in the preview, not in Sheets.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  createHost,
  loadWorkbook,
  saveWorkbook,
  readCell,
  parseA1,
  REPO_ROOT,
  type CellValue,
  type Host,
  type HostOptions,
  type Workbook,
} from '../index.js';
import { headerColumn, leadsTabOf, outputColumn, setAsOf } from '../tabs.js';
import { EXAMPLE_AS_OF, EXAMPLE_PATH } from '../example.js';
import { SHIM_SOURCE } from './shim.js';
import { shellHtml } from './shell.js';
import { rowBackground } from './rowBackgrounds.js';

export { EXAMPLE_AS_OF, EXAMPLE_PATH };
export const DEFAULT_SAVE_PATH = path.join(REPO_ROOT, 'out', 'preview.xlsx');

export interface PreviewOptions {
  /** An .xlsx or .csv file to load (default: the example workbook). */
  workbookPath?: string;
  /** A workbook model to serve as is (tests build or edit one); wins over workbookPath. */
  workbook?: Workbook;
  /** Port on 127.0.0.1; default 0 = any free port. */
  port?: number;
  /** Score as of this day (written to the Settings tab's As-of date). Default: the example's anchor for the example, else none. */
  asOf?: string | null;
  /** Delay before each /rpc answer, in ms (default 0). */
  latencyMs?: number;
  /** Where POST /save writes (default out/preview.xlsx). */
  savePath?: string;
  /** Options for the local host (e.g. a fixed `now`). */
  hostOptions?: HostOptions;
}

export interface RpcLogEntry {
  name: string;
  args: unknown[];
  ok: boolean;
  error?: string;
}

export interface Preview {
  /** The preview page; the sidebar alone is at `${url}sidebar`. */
  url: string;
  host: Host;
  workbook: Workbook;
  /** Every /rpc call served, in order (tests assert what was, or was not, sent). */
  rpcLog: RpcLogEntry[];
  /** This run's token: POSTs must send it as x-preview-token (the served pages do). */
  token: string;
  savePath: string;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

// ---- Workbook -----------------------------------------------------------------------------------

export { setAsOf };

// ---- Leads view (for the preview page and tests) ------------------------------------------------

export interface LeadRowView {
  row: number;
  name: string;
  score: CellValue;
  bucket: CellValue;
  background: string | null;
}

export function leadsView(wb: Workbook): { leadsSheet: string; headerRow: number; rows: LeadRowView[] } {
  const { leadsSheet, headerRow } = leadsTabOf(wb);
  const sheet = wb.sheets.find((s) => s.name === leadsSheet);
  if (!sheet) return { leadsSheet, headerRow, rows: [] };
  const nameCol = 1 + (['Name', 'Full name', 'Company', 'Email'].map((h) => headerColumn(sheet, headerRow, h)).find((i) => i >= 0) ?? -1);
  const scoreCol = 1 + outputColumn(sheet, headerRow, 'Score');
  const bucketCol = 1 + outputColumn(sheet, headerRow, 'Bucket');
  const rows: LeadRowView[] = [];
  for (let r = headerRow + 1; r <= sheet.values.length; r++) {
    if ((sheet.values[r - 1] ?? []).every((v) => v === '')) continue;
    rows.push({
      row: r,
      name: nameCol ? String(readCell(sheet, r, nameCol)) : '',
      score: scoreCol ? readCell(sheet, r, scoreCol) : '',
      bucket: bucketCol ? readCell(sheet, r, bucketCol) : '',
      background: rowBackground(sheet, r),
    });
  }
  return { leadsSheet, headerRow, rows };
}

// ---- Server -------------------------------------------------------------------------------------

/**
 * Where a value google.script.run cannot carry sits, or null. Apps Script: "Legal parameters and
 * return values are JavaScript primitives like a Number, Boolean, String, or null, as well as
 * JavaScript objects and arrays that are composed of primitives, objects and arrays … Requests fail
 * if you attempt to pass a Date, Function, DOM element besides a form, or other prohibited type"
 * (https://developers.google.com/apps-script/guides/html/communication). The page checks the same
 * rule on what it sends (sidebar/rpc.ts, `illegalValuePath`; its types check results at compile
 * time); this is the server side of the same rule, for what the bundle returns. Two definitions
 * because the page's ships inside dist/Sidebar.html and the host sees the add-on only through
 * dist/; and a result made in the bundle's realm has that realm's Object.prototype, which the
 * page's plain-object test would refuse. test/local/json-rule.test.ts checks they agree.
 */
export function illegalIn(value: unknown, at: string): string | null {
  if (value === null || value === undefined) return null;
  const t = typeof value;
  if (t === 'string' || t === 'boolean') return null;
  if (t === 'number') return Number.isFinite(value) ? null : at;
  if (t !== 'object') return at;
  if (Object.prototype.toString.call(value) === '[object Date]') return at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = illegalIn(value[i], `${at}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const bad = illegalIn(v, `${at}.${k}`);
    if (bad) return bad;
  }
  return null;
}

function errorMessage(e: unknown): string {
  const err = e as { name?: string; message?: string } | null;
  if (err && typeof err.message === 'string') return err.name === 'Exception' ? `Exception: ${err.message}` : err.message;
  return String(e);
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5_000_000) throw new Error('The request is too large.');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}
const json = (res: http.ServerResponse, body: unknown, status = 200) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));

/** The per-run token as a meta tag the preview's own scripts read (another site's page cannot). */
const tokenMeta = (token: string) => `<meta name="preview-token" content="${token}">`;

function withToken(html: string, token: string, extra = ''): string {
  const head = `${tokenMeta(token)}${extra}`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}\n${head}`) : head + html;
}

function sidebarHtml(bundleDir: string, token: string): string {
  const file = path.join(bundleDir, 'Sidebar.html');
  if (!existsSync(file)) throw new Error(`No ${file}: run npm run build first.`);
  return withToken(readFileSync(file, 'utf8'), token, `\n<script>/* preview: google.script.run → local host */${SHIM_SOURCE}</script>`);
}

/** What Apps Script can call: the bundle's top-level function declarations (names ending in _ are private). */
export function registeredFunctions(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/^(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(/gm)) if (!m[1].endsWith('_')) names.add(m[1]);
  return names;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPreview(opts: PreviewOptions = {}): Promise<Preview> {
  let workbook: Workbook;
  let asOf = opts.asOf;
  if (opts.workbook) workbook = opts.workbook;
  else if (opts.workbookPath) workbook = await loadWorkbook(opts.workbookPath);
  else {
    workbook = await loadWorkbook(EXAMPLE_PATH);
    if (asOf === undefined) asOf = EXAMPLE_AS_OF;
  }
  const bundleDir = opts.hostOptions?.bundleDir ?? path.join(REPO_ROOT, 'dist');
  const host = createHost(workbook, opts.hostOptions);
  host.run('onOpen');
  host.run('setUpScoring');
  if (asOf) setAsOf(workbook, asOf);

  const code = opts.hostOptions?.code ?? readFileSync(path.join(bundleDir, 'Code.js'), 'utf8');
  const callable = registeredFunctions(code);
  const token = randomBytes(24).toString('base64url');
  let latencyMs = opts.latencyMs ?? 0;
  const savePath = opts.savePath ?? DEFAULT_SAVE_PATH;
  const rpcLog: RpcLogEntry[] = [];
  let port = 0;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // Only this machine, by name too (a page elsewhere cannot reach us through DNS rebinding).
    const hostHeader = req.headers.host ?? '';
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) return send(res, 403, 'text/plain', 'Forbidden host');
    // A browser names the calling page's origin; only our own pages may call (no CORS headers are ever sent).
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return send(res, 403, 'text/plain', 'Forbidden origin');
    }
    if (req.method === 'POST' && req.headers['x-preview-token'] !== token) {
      return json(
        res,
        { ok: false, error: 'Forbidden: this preview only answers the pages it served (missing or wrong x-preview-token).' },
        403,
      );
    }
    const url = new URL(req.url ?? '/', `http://${hostHeader}`);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case 'GET /':
        return send(res, 200, 'text/html; charset=utf-8', withToken(shellHtml(workbook.name), token));
      case 'GET /favicon.ico':
        res.writeHead(204);
        return void res.end();
      case 'GET /sidebar':
        return send(res, 200, 'text/html; charset=utf-8', sidebarHtml(bundleDir, token));
      case 'POST /rpc': {
        const body = (await readBody(req)) as { name?: unknown; args?: unknown };
        const name = typeof body.name === 'string' ? body.name : '';
        const args = Array.isArray(body.args) ? body.args : [];
        if (latencyMs > 0) await sleep(latencyMs);
        // Apps Script: names ending in _ are private; anything else is looked up as a top-level function.
        if (!/^[A-Za-z$][\w$]*$/.test(name) || name.endsWith('_') || !callable.has(name)) {
          rpcLog.push({ name, args, ok: false, error: 'bad name' });
          return json(res, { ok: false, error: `Script function not found: ${name}` });
        }
        let value: unknown;
        try {
          value = host.run(name, ...args);
        } catch (e) {
          const error = errorMessage(e);
          rpcLog.push({ name, args, ok: false, error });
          return json(res, { ok: false, error });
        }
        const bad = illegalIn(value, 'result');
        if (bad) {
          const error = `${name} returned a value google.script.run cannot carry (a Date, function or non-finite number at ${bad}).`;
          rpcLog.push({ name, args, ok: false, error });
          return json(res, { ok: false, error });
        }
        rpcLog.push({ name, args, ok: true });
        return json(res, { ok: true, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) });
      }
      case 'GET /preview/state': {
        const view = leadsView(workbook);
        const sel = workbook.activeRange;
        const rect = sel ? parseA1(sel.a1, 1_000_000, 18_278) : null;
        return json(res, { workbook: workbook.name, ...view, activeRange: sel ? { ...sel, row: rect?.row ?? null } : null });
      }
      case 'POST /preview/select': {
        const body = (await readBody(req)) as { row?: unknown; sheet?: unknown; a1?: unknown };
        try {
          if (typeof body.sheet === 'string' && typeof body.a1 === 'string') host.setActiveRange(body.sheet, body.a1);
          else {
            const row = Number(body.row);
            if (!Number.isInteger(row) || row < 1) return json(res, { ok: false, error: `Row '${String(body.row)}' is not a row number.` });
            host.setActiveRange(leadsTabOf(workbook).leadsSheet, `A${row}`);
          }
          return json(res, { ok: true, activeRange: workbook.activeRange });
        } catch (e) {
          return json(res, { ok: false, error: (e as Error).message });
        }
      }
      case 'POST /preview/latency': {
        const body = (await readBody(req)) as { ms?: unknown };
        latencyMs = Math.max(0, Number(body.ms) || 0);
        return json(res, { ok: true, latencyMs });
      }
      case 'POST /save': {
        try {
          await mkdir(path.dirname(savePath), { recursive: true });
          await saveWorkbook(workbook, savePath);
          return json(res, { ok: true, path: path.relative(process.cwd(), savePath) || savePath });
        } catch (e) {
          return json(res, { ok: false, error: (e as Error).message });
        }
      }
      default:
        return send(res, 404, 'text/plain; charset=utf-8', `Not found: ${route}`);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) json(res, { ok: false, error: `Preview server: ${(e as Error).message}` }, 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    host,
    workbook,
    rpcLog,
    token,
    savePath,
    setLatency(ms: number) {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- CLI ----------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string' }, 'as-of': { type: 'string' }, latency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log('Usage: npm run preview -- [workbook.xlsx | leads.csv] [--port N] [--as-of YYYY-MM-DD] [--latency ms]');
    return;
  }
  if (positionals.length > 1) throw new Error(`Give one workbook (got ${positionals.length}).`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number.`);
  const preview = await startPreview({
    workbookPath: positionals[0],
    port,
    asOf: values['as-of'],
    latencyMs: values.latency === undefined ? 0 : Number(values.latency),
  });
  const source = positionals[0] ?? path.relative(process.cwd(), EXAMPLE_PATH);
  console.log(`Lead scoring sidebar preview of ${source}`);
  console.log(`  ${preview.url}`);
  console.log(`  (sidebar alone: ${preview.url}sidebar · Save writes ${path.relative(process.cwd(), preview.savePath)} · Ctrl-C stops)`);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error((e as Error).message);
    process.exit(1);
  });
}
