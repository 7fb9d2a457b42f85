import type { Cell } from './types';
import { normalizeKey, columnLetter, isBlank } from './text';

/** Finds columns by header name, case-, space- and punctuation-insensitively. */
export interface HeaderIndex {
  /** 0-based column of the first header with this key, or -1. */
  find(name: string): number;
  /** Headers as written, in sheet order ('' for blank). */
  names: string[];
  /** Keys that appear more than once, with their 0-based columns. */
  duplicates: Array<{ name: string; columns: number[] }>;
}

export function indexHeaders(headerRow: Cell[]): HeaderIndex {
  const names = headerRow.map((h) => (isBlank(h) ? '' : String(h).trim()));
  const first = new Map<string, number>();
  const all = new Map<string, number[]>();
  names.forEach((name, i) => {
    const key = normalizeKey(name);
    if (!key) return;
    if (!first.has(key)) first.set(key, i);
    all.set(key, [...(all.get(key) ?? []), i]);
  });
  const duplicates = [...all.values()].filter((cols) => cols.length > 1).map((cols) => ({ name: names[cols[0]], columns: cols }));
  return { names, duplicates, find: (name) => first.get(normalizeKey(name)) ?? -1 };
}

export function describeDuplicate(d: { name: string; columns: number[] }): string {
  const letters = d.columns.map((c) => columnLetter(c + 1));
  return `'${d.name}' is the header of ${d.columns.length} columns (${letters.join(', ')}); the first, ${letters[0]}, is used.`;
}
