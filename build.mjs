// Builds dist/: Code.js (esbuild IIFE + generated top-level stubs), Sidebar.html (page inlined into
// one file), appsscript.json, and globals.json (the registry as data, for the local host).
// Run: `node build.mjs` (npm run build).
import { build, transform } from 'esbuild';
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const GLOBAL_NAME = 'LeadScoring';

/** Apps Script runs V8 without Node or browser APIs: fail the build if the bundle names one. */
const FORBIDDEN = [
  /^\s*(import|export)\s/m,
  /\brequire\(/,
  /\bsetTimeout\(/,
  /\bsetInterval\(/,
  /\bnew URL\(/,
  /\bTextEncoder\b/,
  /\bTextDecoder\b/,
  /\bObject\.hasOwn\(/,
  /\bstructuredClone\(/,
  /\bprocess\.env\b/,
  /\bBuffer\./,
  /\bfetch\(/,
];

/** Bundled third-party code keeps its licence notice (legal comments are stripped from the code itself). */
const NOTICE = `// Lead scoring for Google Sheets (MIT). Bundles re2js (MIT License, Copyright (c) 2023 Oleksii Vasyliev),
// a JavaScript port of RE2 (BSD-3-Clause, Copyright (c) 2009 The Go Authors; RE2 Copyright (c) 2009 The RE2 Authors).
`;

/**
 * re2js (the `matches` engine) uses TextEncoder/TextDecoder only when globalThis has them, which
 * Apps Script doesn't: fold those branches away so the bundle names no such API. Its ES2022
 * Object.hasOwn becomes hasOwnProperty.call, for older V8s. Minified: a third smaller, parses faster.
 */
const re2jsForAppsScript = {
  name: 're2js-for-apps-script',
  setup(b) {
    b.onLoad({ filter: /[\\/]re2js[\\/]build[\\/]index\.js$/ }, async (args) => {
      const source = (await readFile(args.path, 'utf8')).replace(/\bObject\.hasOwn\(/g, 'Object.prototype.hasOwnProperty.call(');
      const define = { 'globalThis.TextEncoder': 'undefined', 'globalThis.TextDecoder': 'undefined' };
      const { code } = await transform(source, { loader: 'js', define, minify: true });
      return { contents: code, loader: 'js' };
    });
  },
};

async function bundleCode() {
  const result = await build({
    entryPoints: [path.join(root, 'src/main.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL_NAME,
    platform: 'neutral',
    target: 'es2020',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [re2jsForAppsScript],
  });
  return result.outputFiles[0].text;
}

/**
 * Loads the registry (src/registry.ts: names, kinds, custom-function docs). It is pure data with no
 * imports, so stripping its types is enough; nothing of the add-on runs in Node.
 */
async function loadRegistry() {
  const source = await readFile(path.join(root, 'src/registry.ts'), 'utf8');
  if (/^\s*import\s/m.test(source)) throw new Error('src/registry.ts must stay pure data: no imports.');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return mod.GLOBALS;
}

function jsdoc(doc) {
  const lines = [doc.description, ''];
  for (const p of doc.params) lines.push(`@param {${p.type}} ${p.optional ? `[${p.name}]` : p.name} ${p.description}`);
  lines.push(`@return ${doc.returns}`, '@customfunction');
  return ['/**', ...lines.map((l) => (l ? ` * ${l}` : ' *')), ' */'].join('\n');
}

export function stubsFor(globals) {
  const out = [];
  for (const [name, entry] of Object.entries(globals)) {
    const params = entry.doc ? entry.doc.params.map((p) => p.name) : entry.kind === 'trigger' ? ['e'] : [];
    // The JSDoc must sit right on the function: Sheets reads it for autocomplete.
    const stub = `function ${name}(${params.join(', ')}) {\n  return ${GLOBAL_NAME}.api.${name}.apply(this, arguments);\n}`;
    out.push(entry.doc ? `${jsdoc(entry.doc)}\n${stub}` : stub);
  }
  return `${out.join('\n\n')}\n`;
}

async function buildSidebar() {
  const dir = path.join(root, 'sidebar');
  const htmlPath = path.join(dir, 'index.html');
  if (!existsSync(htmlPath)) throw new Error('sidebar/index.html is missing');
  let html = await readFile(htmlPath, 'utf8');
  const js = (
    await build({
      entryPoints: [path.join(dir, 'main.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2019',
      write: false,
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
    })
  ).outputFiles[0].text;
  const cssPath = path.join(dir, 'style.css');
  const css = existsSync(cssPath) ? await readFile(cssPath, 'utf8') : '';
  // Inline everything: HtmlService serves one file, and the page must fetch nothing from outside.
  html = html.replace(/<link[^>]*href="style\.css"[^>]*>/, () => `<style>\n${css}</style>`);
  html = html.replace(/<script[^>]*src="main\.js"[^>]*><\/script>/, () => `<script>\n${js.replace(/<\/script/gi, '<\\/script')}</script>`);
  return html;
}

export async function buildAll() {
  await mkdir(dist, { recursive: true });
  const [code, globals] = await Promise.all([bundleCode(), loadRegistry()]);
  const full = `${NOTICE}${code}\n// ---- Top-level functions Apps Script calls (generated from src/registry.ts) ----\n\n${stubsFor(globals)}`;
  for (const pattern of FORBIDDEN) {
    if (pattern.test(full)) throw new Error(`dist/Code.js would contain ${pattern}: Apps Script has no such API.`);
  }
  await writeFile(path.join(dist, 'Code.js'), full);
  // The manifest the local host reads (local/ never imports src/): every global's kind, and the
  // custom functions' docs.
  await writeFile(path.join(dist, 'globals.json'), `${JSON.stringify(globals, null, 2)}\n`);
  await writeFile(path.join(dist, 'Sidebar.html'), await buildSidebar());
  // Export model as SQL's dialog page (src/sql/exportSql.ts), served as it is.
  await copyFile(path.join(root, 'src', 'sql', 'ExportSql.html'), path.join(dist, 'ExportSql.html'));
  await copyFile(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  return { bytes: Buffer.byteLength(full), functions: Object.keys(globals).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { bytes, functions } = await buildAll();
  console.log(`dist/Code.js: ${(bytes / 1024).toFixed(1)} KB, ${functions} top-level functions; dist/Sidebar.html; dist/appsscript.json`);
}
