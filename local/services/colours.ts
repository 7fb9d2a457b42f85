/**
 * Colour normalisation: Range.getBackground returns lower-case '#rrggbb'
 * ('#ffffff' for no fill), https://developers.google.com/apps-script/reference/spreadsheet/range#getBackground()
 */
const NAMED: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  gray: '#808080',
  grey: '#808080',
  purple: '#800080',
};

/** '#ABC' / '#AABBCC' / 'red' → '#aabbcc'; null for anything else. */
export function normalizeColour(colour: string): string | null {
  const c = colour.trim().toLowerCase();
  if (NAMED[c]) return NAMED[c];
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`;
  return null;
}
