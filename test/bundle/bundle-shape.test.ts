import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHost, createWorkbook, REPO_ROOT } from '../../local/index';
import { GLOBALS } from '../../src/registry';

const code = readFileSync(path.join(REPO_ROOT, 'dist', 'Code.js'), 'utf8');

describe('dist/Code.js', () => {
  it('is a script: no import, export or require', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('has one top-level stub per registry entry, and nothing else at top level', () => {
    const stubs = [...code.matchAll(/^function (\w+)\(/gm)].map((m) => m[1]);
    expect(stubs).toEqual(Object.keys(GLOBALS));
    expect(code.match(/^var \w+/gm)).toEqual(['var LeadScoring']);
  });

  it("puts each custom function's JSDoc, with @customfunction, right on its stub", () => {
    for (const [name, entry] of Object.entries(GLOBALS)) {
      const at = code.indexOf(`\nfunction ${name}(`);
      const before = code.slice(0, at);
      const doc = 'doc' in entry ? entry.doc : undefined;
      if (!doc) {
        expect(before.trimEnd().endsWith('*/')).toBe(false);
        continue;
      }
      expect(before.endsWith(' * @customfunction\n */')).toBe(true);
      const block = before.slice(before.lastIndexOf('/**'));
      expect(block).toContain(doc.description);
      for (const p of doc.params) expect(block).toContain(`${p.optional ? `[${p.name}]` : p.name} ${p.description}`);
      expect(block).toContain(`@return ${doc.returns}`);
    }
  });

  it('runs in a bare context: no Node or browser globals inside', () => {
    const probe = `${code}\nfunction probe() { return [typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof setInterval,
      typeof URL, typeof TextEncoder, typeof structuredClone, typeof fetch, typeof window, typeof globalThis.module].join(','); }`;
    const host = createHost(createWorkbook(), { code: probe });
    expect(host.run('probe')).toBe(Array(11).fill('undefined').join(','));
  });

  it('keeps no module state between calls (each call starts afresh, as in Apps Script)', () => {
    const probe = `${code}\nvar counter = 0;\nfunction bump() { counter += 1; return counter; }`;
    const host = createHost(createWorkbook(), { code: probe });
    expect([host.run('bump'), host.run('bump')]).toEqual([1, 1]);
  });

  it('ships a V8 manifest with narrow, explicit scopes', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist', 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      // Rescore every day: installing and removing its time-driven trigger (ScriptApp).
      'https://www.googleapis.com/auth/script.scriptapp',
      // The email digest (MailApp.sendEmail, getRemainingDailyQuota).
      'https://www.googleapis.com/auth/script.send_mail',
    ]);
  });
});
