/**
 * Generated sheets: random Rules (every operator, repeats, caps, decay, expiry, Disqualify, bad rows)
 * over random leads (blanks, error values, numbers as text, dates as text, booleans, emails, quotes,
 * backslashes, `--`, `;`, newlines), scored by the engine and by the DuckDB SQL over a typed and an
 * all-text table: every output equal on every lead.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATORS, RULE_HEADERS, type Cell } from '../../src/engine';
import { differences, scoreBoth } from './sql-harness';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const HEADERS = ['Title', 'Company size', 'Visits', 'Last visit', 'Email', 'Subscribed', 'Odd "name"; -- x\\y\nz', 'Seen'];

const TEXTS: Cell[] = [
  '',
  '   ',
  '\u00a0VP Sales ',
  'vp',
  'Head of Growth',
  'Student',
  "O'Brien",
  'a\\b',
  '-- drop',
  'x;y',
  'line\nbreak',
  '#N/A',
  ' #N/A',
  '#REF!',
  '#div/0!',
  '1,200',
  '$30',
  '-$5',
  '2.5e3',
  '12',
  '0',
  '1',
  '-3',
  '.5',
  'abc',
  'yes',
  'no',
  'TRUE',
  'x',
  '✓',
  '2026-03-01',
  '2026-03-01T10:00:00Z',
  '2026/02/28',
  '03.02.2026',
  '3/14/2026',
  '14/3/2026',
  '1/2/26',
  '5 Mar 2026',
  'Mar 5, 2026',
  'March 5th 2026',
  'Sept 9 2026',
  '2026-02-30',
  '0999-01-01',
  'tom@gmail.com',
  'Tom <tom@Yahoo.co.uk>',
  'mailto:x@hotmail.fr?subject=hi',
  'x@acme.com',
  'x@gmail.com.',
  'x@live',
  'bad@',
  'It’s “quoted”',
  'ÉCOLE',
];
const NUMBERS: Cell[] = [0, 1, 2, 2.5, 3, 7, 12, 49.5, 50, 1000, 1200, -4, 0.1, 1_000_001, 15.25];
const DATES: Cell[] = [
  day('2026-03-31'),
  day('2026-03-30'),
  day('2026-03-01'),
  day('2025-12-31'),
  day('2026-04-10'),
  new Date(Date.UTC(2026, 2, 20, 15, 30)),
];
const BOOLS: Cell[] = [true, false];

type Kind = 'text' | 'num' | 'date' | 'bool' | 'mixed';
const pool = (k: Kind): Cell[] =>
  k === 'text' ? TEXTS : k === 'num' ? NUMBERS : k === 'date' ? DATES : k === 'bool' ? BOOLS : [...TEXTS, ...NUMBERS, ...DATES, ...BOOLS];

const VALUES = [
  'vp, head',
  'VP',
  'student, intern',
  "O'Brien",
  'a\\b',
  '--',
  ';',
  'line\nbreak',
  '12',
  '1,200',
  '2.5',
  '10..1000',
  '0..2',
  '2026-03-01..2026-03-31',
  '2026-03-15',
  '3/1/2026',
  'yes',
  'true',
  '7',
  '30',
  '^(vp|head)\\b',
  '^(?=.*vp)(?!.*intern)',
  '@gmail\\.com$',
  '\\s+',
  '[',
  'abc',
  '',
];

const ruleArb = fc.record({
  category: fc.constantFrom('Fit', 'Behaviour', 'Negative', 'Disqualify', 'engagement', 'Bogus'),
  field: fc.constantFrom(...HEADERS, 'title', 'Nope'),
  operator: fc.constantFrom(...OPERATORS, 'at least', 'equals'),
  value: fc.constantFrom(...VALUES),
  points: fc.constantFrom<Cell>(10, 2.5, -5, 0.5, 7.5, 1.25, 30, '', 'x'),
  per: fc.constantFrom('', '', 'each'),
  repeat: fc.constantFrom<Cell>('', '', 0.5, 0.7, 1),
  max: fc.constantFrom<Cell>('', '', 12, 2.5),
  dateField: fc.constantFrom('', '', 'Last visit', 'Seen', 'Title'),
  halfLife: fc.constantFrom<Cell>('', 30, 7),
  expires: fc.constantFrom<Cell>('', 20, 0),
  enabled: fc.constantFrom<Cell>(true, true, true, false, ''),
});

const settingsArb = fc.record({
  maxFit: fc.constantFrom<Cell>('', 20, 12.5),
  maxBehaviour: fc.constantFrom<Cell>('', 15),
  base: fc.constantFrom<Cell>('', 0, 10, -7.5, 2.5),
  hot: fc.constantFrom<Cell>('', 30),
  warm: fc.constantFrom<Cell>('', 10),
  maxScore: fc.constantFrom<Cell>('', 50),
});

const kindsArb = fc.array(fc.constantFrom<Kind>('text', 'num', 'date', 'bool', 'mixed'), {
  minLength: HEADERS.length,
  maxLength: HEADERS.length,
});

const sheetArb = kindsArb.chain((kinds) =>
  fc.record({
    kinds: fc.constant(kinds),
    rules: fc.array(ruleArb, { minLength: 1, maxLength: 10 }),
    settings: settingsArb,
    rows: fc.array(fc.tuple(...kinds.map((k) => fc.constantFrom(...pool(k), ''))), { minLength: 1, maxLength: 30 }),
  }),
);

type SheetCase = typeof sheetArb extends fc.Arbitrary<infer T> ? T : never;

function grids(s: SheetCase): { rules: Cell[][]; settings: Cell[][] } {
  const rules: Cell[][] = [
    [...RULE_HEADERS],
    ...s.rules.map((r) => [
      r.category,
      r.field,
      r.operator,
      r.value,
      r.points,
      r.per,
      r.repeat,
      r.max,
      r.dateField,
      r.halfLife,
      r.expires,
      r.enabled,
      '',
    ]),
  ];
  const settings: Cell[][] = [
    ['Setting', 'Value'],
    ['As-of date', day('2026-03-31')],
    ['Max fit', s.settings.maxFit],
    ['Max behaviour', s.settings.maxBehaviour],
    ['Base score', s.settings.base],
    ['Hot at', s.settings.hot],
    ['Warm at', s.settings.warm],
    ['Max score', s.settings.maxScore],
  ];
  return { rules, settings };
}

describe('generated sheets: the DuckDB SQL gives the engine results', () => {
  for (const mode of ['typed', 'text'] as const) {
    it(`on every lead (${mode} table)`, async () => {
      await fc.assert(
        fc.asyncProperty(sheetArb, async (s) => {
          const { rules, settings } = grids(s);
          const c = await scoreBoth({ settings, rules, headers: HEADERS, rows: s.rows as Cell[][], mode });
          expect(differences(c)).toEqual([]);
        }),
        { numRuns: Number(process.env.SQL_RUNS ?? 60), seed: Number(process.env.SQL_SEED ?? (mode === 'typed' ? 16 : 61)) },
      );
    }, 120_000);
  }
});
