import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createHost, createWorkbook, REPO_ROOT } from '../../local/index';
import { GLOBALS } from '../../src/registry';

/* README "The local host": the host sees the add-on only through the bundle in dist/. */

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

describe('local/ and the add-on', () => {
  it('no file under local/ imports from src/ (types included)', () => {
    const src = path.join(REPO_ROOT, 'src');
    const offenders: string[] = [];
    for (const file of filesUnder(path.join(REPO_ROOT, 'local'))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        if (!spec.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (target === src || target.startsWith(src + path.sep)) offenders.push(`${path.relative(REPO_ROOT, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('dist/globals.json is the registry as data', () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'dist', 'globals.json'), 'utf8'));
    expect(manifest).toEqual(JSON.parse(JSON.stringify(GLOBALS)));
  });

  it('the bundle has a function for every registry name, and no other', () => {
    const code = readFileSync(path.join(REPO_ROOT, 'dist', 'Code.js'), 'utf8');
    const probe = `${code}\nfunction probe() { return Object.keys(LeadScoring.api).filter(function (k) { return typeof LeadScoring.api[k] === 'function'; }).join(','); }`;
    const names = String(createHost(createWorkbook(), { code: probe }).run('probe')).split(',');
    expect(names.sort()).toEqual(Object.keys(GLOBALS).sort());
    expect(createHost(createWorkbook()).customFunctionNames()).toEqual([
      'LEADSCORE',
      'LEADSCORE_DETAILS',
      'LEADSCORE_WHY',
      'LEADSCORE_BUCKET',
      'LEADSCORE_DECAY',
      'LEADSCORE_DROPS_ON',
      'LEADSCORE_ACCOUNT',
    ]);
  });
});
