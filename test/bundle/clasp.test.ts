import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../local/index';

describe('clasp', () => {
  it('`clasp status --json` lists exactly Code.js, Sidebar.html and appsscript.json', () => {
    // A throw-away project: the example .clasp.json (rootDir dist), our .claspignore, the built dist/ plus stray files.
    const dir = mkdtempSync(path.join(tmpdir(), 'clasp-'));
    const clasp = JSON.parse(readFileSync(path.join(REPO_ROOT, '.clasp.json.example'), 'utf8'));
    writeFileSync(path.join(dir, '.clasp.json'), JSON.stringify({ ...clasp, scriptId: 'x'.repeat(57) }));
    copyFileSync(path.join(REPO_ROOT, '.claspignore'), path.join(dir, '.claspignore'));
    cpSync(path.join(REPO_ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
    writeFileSync(path.join(dir, 'dist', 'stray.js'), 'function x() {}');
    const bin = path.join(REPO_ROOT, 'node_modules', '.bin', 'clasp');
    const out = execFileSync(bin, ['status', '--json'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    const status = JSON.parse(out.trim().split('\n').pop()!);
    expect([...status.filesToPush].sort()).toEqual(['dist/Code.js', 'dist/ExportSql.html', 'dist/Sidebar.html', 'dist/appsscript.json']);
    // dist/globals.json is the local host's manifest (build.mjs): built, never pushed.
    expect([...status.untrackedFiles].sort()).toEqual(['dist/globals.json', 'dist/stray.js']);
  });
});
