/**
 * HtmlService and HtmlOutput — https://developers.google.com/apps-script/reference/html
 * Project HTML files are the `<name>.html` files next to the bundle (dist/).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeArgs, gasException, type HostContext } from './context.js';
import { expose } from './expose.js';

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
    append(c: string) {
      state.html += String(c);
      return self;
    },
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
    createHtmlOutputFromFile: (name: string) => makeOutput(ctx, readProjectFile(ctx, String(name))),
  };
  return expose(ctx, 'HtmlService', impl) as unknown as GoogleAppsScript.HTML.HtmlService;
}
