/**
 * The add-on's globals as the build describes them in `dist/globals.json` (written by build.mjs
 * from the registry; README "Layout"): each top-level function's kind, and the custom functions'
 * docs. The host knows the add-on only through dist/, so it reads this instead of importing src/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type GlobalKind = 'trigger' | 'menu' | 'rpc' | 'customFunction';
export type GlobalsManifest = Record<string, { kind: GlobalKind; doc?: { description: string } }>;

export function readGlobalsManifest(bundleDir: string): GlobalsManifest {
  const file = join(bundleDir, 'globals.json');
  if (!existsSync(file)) throw new Error(`No manifest at ${file}: build the add-on first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as GlobalsManifest;
}

/** The custom functions' names, in the registry's order. */
export function customFunctionNames(bundleDir: string): string[] {
  return Object.entries(readGlobalsManifest(bundleDir))
    .filter(([, e]) => e.kind === 'customFunction')
    .map(([name]) => name);
}
