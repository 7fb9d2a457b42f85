import { createHost, createSheet, createWorkbook, type CellValue, type HostOptions } from '../../local/index.js';

/** A host over one 'Leads' sheet running a tiny hand-written bundle. */
export function hostWith(code: string, values: CellValue[][] = [], opts: HostOptions & { timeZone?: string } = {}) {
  const wb = createWorkbook([createSheet('Leads', values)], { timeZone: opts.timeZone ?? 'UTC' });
  return { wb, host: createHost(wb, { code, ...opts }) };
}

/** Runs `body` as a menu function and returns what it returns. */
export function runBody(body: string, values: CellValue[][] = [], opts: HostOptions & { timeZone?: string } = {}) {
  const { wb, host } = hostWith(`function main() { ${body} }`, values, opts);
  return { wb, host, result: host.run('main') };
}

/** The message of what `fn` throws (String(e) form: "Exception: …"). */
export function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return String(e);
  }
  throw new Error('expected a throw');
}
