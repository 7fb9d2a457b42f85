/** Static guards on the sidebar sources: no HTML sinks, no external hosts, one RPC module. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../local/index.js';

const dir = path.join(REPO_ROOT, 'sidebar');
const files = readdirSync(dir).map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));
const code = files.filter((f) => f.name.endsWith('.ts'));

describe('sidebar sources', () => {
  it('never parse data as HTML (no innerHTML, outerHTML, insertAdjacentHTML, document.write, eval)', () => {
    for (const f of code) {
      expect(f.text, f.name).not.toMatch(
        /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|createContextualFragment/,
      );
    }
  });

  it('reference no external host (fonts, scripts, images, styles)', () => {
    for (const f of files) {
      expect(f.text, f.name).not.toMatch(/https?:\/\/|@import|url\(\s*["']?\/\//i);
    }
  });

  it('talk to the server only through sidebar/rpc.ts', () => {
    for (const f of code.filter((x) => x.name !== 'rpc.ts')) {
      expect(f.text, f.name).not.toMatch(/google\.script|\bfetch\(|XMLHttpRequest/);
      // Only types from the server side, never its code; the pure engine (no Apps Script, no I/O) may be shared.
      for (const m of f.text.matchAll(/^import\s+(type\s+)?[^;]*from\s+'(\.\.\/src\/[^']+)'/gm)) {
        if (/^\.\.\/src\/(engine|shared)\//.test(m[2])) continue;
        expect(m[1], `${f.name} imports ${m[2]}`).toBe('type ');
      }
    }
  });

  it('the built page inlines everything and names no external host', () => {
    const built = path.join(REPO_ROOT, 'dist', 'Sidebar.html');
    if (!existsSync(built)) return; // npm test builds first; a bare vitest run may not have
    const html = readFileSync(built, 'utf8');
    expect(html).not.toMatch(/<link[^>]+href=|<script[^>]+src=|https?:\/\//i);
  });
});
