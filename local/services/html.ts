/**
 * HtmlService, HtmlOutput, HtmlTemplate — https://developers.google.com/apps-script/reference/html
 * Project HTML files are the `<name>.html` files next to the bundle (dist/).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeArgs, gasException, unsupported, type HostContext } from './context.js';
import { expose } from './expose.js';

const enumOf = (...names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
export const XFrameOptionsMode = enumOf('ALLOWALL', 'DEFAULT');
export const SandboxMode = enumOf('EMULATED', 'IFRAME', 'NATIVE');

const outputs = new WeakMap<object, { title: string; html: string }>();

export function htmlOutputContent(ctx: HostContext, output: unknown, method: string): { title: string; html: string } {
  const o = typeof output === 'object' && output !== null ? outputs.get(output) : undefined;
  if (!o) throw gasException(ctx, `The parameters (${describeArgs([output])}) don't match the method signature for ${method}.`);
  return { ...o };
}

function makeOutput(ctx: HostContext, html: string) {
  const state = { title: '', html, width: 0, height: 0 };
  let self: unknown;
  const impl = {
    toString: () => 'HtmlOutput',
    getContent: () => state.html,
    setContent(c: string) {
      state.html = String(c);
      return self;
    },
    append(c: string) {
      state.html += String(c);
      return self;
    },
    getTitle: () => state.title,
    setTitle(t: string) {
      state.title = String(t);
      return self;
    },
    setWidth(w: number) {
      state.width = w;
      return self;
    },
    getWidth: () => state.width,
    setHeight(h: number) {
      state.height = h;
      return self;
    },
    getHeight: () => state.height,
    setXFrameOptionsMode: () => self,
    setSandboxMode: () => self,
    addMetaTag: () => self,
    setFaviconUrl: () => self,
  };
  self = expose(ctx, 'HtmlOutput', impl);
  outputs.set(self as object, state);
  return self;
}

function readProjectFile(ctx: HostContext, name: string): string {
  const file = join(ctx.bundleDir, name.endsWith('.html') ? name : `${name}.html`);
  // Apps Script's text when the project has no such file.
  if (!existsSync(file)) throw gasException(ctx, `No HTML file named ${name} was found.`);
  return readFileSync(file, 'utf8');
}

export function makeHtmlService(ctx: HostContext) {
  const impl = {
    toString: () => 'HtmlService',
    XFrameOptionsMode,
    SandboxMode,
    createHtmlOutput: (html?: string) => makeOutput(ctx, html === undefined ? '' : String(html)),
    createHtmlOutputFromFile: (name: string) => makeOutput(ctx, readProjectFile(ctx, String(name))),
    /** Templates are supported only when they contain no scriptlets (<? … ?>). */
    createTemplateFromFile(name: string) {
      const source = readProjectFile(ctx, String(name));
      return expose(ctx, 'HtmlTemplate', {
        toString: () => 'HtmlTemplate',
        getRawContent: () => source,
        evaluate() {
          if (source.includes('<?')) throw unsupported(ctx, `HtmlTemplate.evaluate() of "${name}" with scriptlets`);
          return makeOutput(ctx, source);
        },
      });
    },
  };
  return expose(ctx, 'HtmlService', impl) as unknown as GoogleAppsScript.HTML.HtmlService;
}
