/**
 * Issue 10: the preview server answers only the pages it served, and /rpc runs only the bundle's
 * top-level functions (Apps Script answers "Script function not found" for anything else).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, registeredFunctions, type Preview } from '../../local/preview/server.js';
import { smallWorkbook } from '../helpers/workbook.js';

let preview: Preview;
beforeAll(async () => {
  preview = await startPreview({ workbook: smallWorkbook(), asOf: '2026-11-20' });
});
afterAll(() => preview.close());

function request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; text: string }> {
  const url = new URL(path, preview.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
const rpc = (name: string, headers: Record<string, string> = { 'x-preview-token': preview.token }) =>
  request('POST', '/rpc', headers, { name, args: [] });

describe('preview server (issue 10)', () => {
  it('runs registered functions only: Object.prototype members are "Script function not found"', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'SpreadsheetApp', 'Object']) {
      const r = await rpc(name);
      expect([r.status, JSON.parse(r.text)], name).toEqual([200, { ok: false, error: `Script function not found: ${name}` }]);
    }
    const ok = JSON.parse((await rpc('getOverview')).text);
    expect(ok.ok).toBe(true);
  });

  it('a POST without the per-run token, or with a wrong one, is refused before anything runs', async () => {
    const before = preview.rpcLog.length;
    for (const headers of [{}, { 'x-preview-token': 'guess' }] as Record<string, string>[]) {
      const r = await rpc('scoreNow', headers);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error).toMatch(/^Forbidden: this preview only answers the pages it served/);
    }
    expect((await request('POST', '/save', {}, {})).status).toBe(403);
    expect(preview.rpcLog.length).toBe(before);
  });

  it('a request from another origin is refused even with the token; a foreign Host too', async () => {
    const r = await rpc('getOverview', { 'x-preview-token': preview.token, origin: 'http://evil.example' });
    expect([r.status, r.text]).toEqual([403, 'Forbidden origin']);
    expect((await request('GET', '/preview/state', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await request('GET', '/', { host: 'evil.example' })).status).toBe(403);
    const own = await rpc('getOverview', { 'x-preview-token': preview.token, origin: new URL(preview.url).origin });
    expect(own.status).toBe(200);
  });

  it('the served pages carry the token (and nothing answers with CORS headers)', async () => {
    const meta = `<meta name="preview-token" content="${preview.token}">`;
    expect((await request('GET', '/', {})).text).toContain(meta);
    const sidebar = await request('GET', '/sidebar', {});
    expect(sidebar.text).toContain(meta);
    expect(sidebar.text).toContain("'x-preview-token': token()");
    expect(preview.token).toMatch(/^[\w-]{32}$/);
  });

  it('registeredFunctions reads top-level declarations, not private or nested ones', () => {
    const code =
      'function onOpen(e) {}\nfunction helper_() {}\nvar x = function notTop() {};\n  function nested() {}\nfunction LEADSCORE(a) {}\n';
    expect([...registeredFunctions(code)]).toEqual(['onOpen', 'LEADSCORE']);
  });
});
