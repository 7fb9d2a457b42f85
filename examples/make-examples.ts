/**
 * Writes examples/leads.xlsx: 240 self-made leads of an imaginary small B2B SaaS company, plus a
 * Formulas tab that shows the add-on's custom functions.
 *
 *   npx tsx examples/make-examples.ts      (or: npm run examples)
 *
 * Deterministic: a seeded PRNG (mulberry32), no Math.random and no clock. Every date is counted back
 * from the fixed anchor AS_OF (2026-11-20), over the 180 days before it, and the .xlsx bytes
 * themselves are the same on every run (fixed document dates, fixed zip entry times).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { EXAMPLE_LEAD_HEADERS, runModel, starterRulesGrid } from '../src/engine';
import type { Bucket, Cell } from '../src/engine';
import { mulberry32 } from './random';

/** The anchor every example date is counted back from (UTC midnight). Score the example as of this day. */
export const AS_OF = new Date(Date.UTC(2026, 10, 20));
/** Leads in the Leads tab (not counting the one blank row). */
export const LEAD_COUNT = 240;
/** Dates lie in the 180 days before AS_OF: ages 0 … SPAN_DAYS − 1. */
export const SPAN_DAYS = 180;
/** Sheet row (1-based) of the deliberately blank row in the middle of the data. */
export const BLANK_SHEET_ROW = 122;
/** Last sheet row holding a lead: 1 header + 240 leads + 1 blank row. */
export const LAST_SHEET_ROW = LEAD_COUNT + 2;
export const OUTPUT_PATH = join(dirname(fileURLToPath(import.meta.url)), 'leads.xlsx');

const SEED = 20261120;
const DAY_MS = 86_400_000;
const DATE_FORMAT = 'yyyy-mm-dd';

// ---------------------------------------------------------------------------------------------
// Randomness

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi], inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

type Region = 'anglo' | 'de' | 'fr' | 'in' | 'br' | 'nl' | 'es' | 'sg';

interface CountryInfo {
  name: string;
  weight: number;
  region: Region;
  tld: string;
  legal: readonly string[];
  free: readonly string[];
}

const COUNTRIES: readonly CountryInfo[] = [
  {
    name: 'United States',
    weight: 34,
    region: 'anglo',
    tld: 'com',
    legal: ['', '', ' Inc.', ' LLC'],
    free: ['gmail.com', 'gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'aol.com', 'comcast.net'],
  },
  {
    name: 'United Kingdom',
    weight: 15,
    region: 'anglo',
    tld: 'co.uk',
    legal: ['', ' Ltd'],
    free: ['gmail.com', 'yahoo.co.uk', 'hotmail.co.uk', 'btinternet.com', 'outlook.com'],
  },
  { name: 'Canada', weight: 5, region: 'anglo', tld: 'ca', legal: ['', ' Inc.'], free: ['gmail.com', 'hotmail.ca', 'yahoo.ca', 'shaw.ca'] },
  { name: 'Ireland', weight: 2, region: 'anglo', tld: 'ie', legal: ['', ' Ltd'], free: ['gmail.com', 'hotmail.com', 'eircom.net'] },
  {
    name: 'Australia',
    weight: 4,
    region: 'anglo',
    tld: 'com.au',
    legal: ['', ' Pty Ltd'],
    free: ['gmail.com', 'bigpond.com', 'outlook.com.au'],
  },
  {
    name: 'Germany',
    weight: 10,
    region: 'de',
    tld: 'de',
    legal: [' GmbH', ' GmbH', ''],
    free: ['gmx.de', 'web.de', 'gmail.com', 't-online.de'],
  },
  { name: 'France', weight: 7, region: 'fr', tld: 'fr', legal: ['', ' SAS'], free: ['gmail.com', 'hotmail.fr', 'orange.fr', 'free.fr'] },
  { name: 'Netherlands', weight: 4, region: 'nl', tld: 'nl', legal: ['', ' B.V.'], free: ['gmail.com', 'hotmail.nl', 'ziggo.nl'] },
  {
    name: 'India',
    weight: 8,
    region: 'in',
    tld: 'in',
    legal: ['', ' Pvt Ltd'],
    free: ['gmail.com', 'gmail.com', 'rediffmail.com', 'yahoo.co.in'],
  },
  { name: 'Brazil', weight: 5, region: 'br', tld: 'com.br', legal: ['', ' Ltda'], free: ['gmail.com', 'hotmail.com', 'uol.com.br'] },
  { name: 'Spain', weight: 3, region: 'es', tld: 'es', legal: ['', ' S.L.'], free: ['gmail.com', 'hotmail.es', 'yahoo.es'] },
  { name: 'Singapore', weight: 3, region: 'sg', tld: 'sg', legal: ['', ' Pte Ltd'], free: ['gmail.com', 'yahoo.com.sg', 'hotmail.com'] },
];

const FIRST_NAMES: Record<Region, readonly string[]> = {
  anglo: [
    'Emma',
    'Olivia',
    'Liam',
    'Noah',
    'Ava',
    'Sophia',
    'James',
    'Mason',
    'Harper',
    'Ethan',
    'Chloe',
    'Daniel',
    'Grace',
    'Jack',
    'Hannah',
    'Ryan',
    'Megan',
    'Marcus',
    'Aisha',
    'Tyler',
    'Jasmine',
    'Connor',
    'Priya',
    'Sean',
    'Rachel',
    'Kevin',
    'Zoë',
    'Oliver',
    'Isla',
    'Andre',
    'Nicole',
    'Samuel',
    'Leah',
    'Tom',
    'Amara',
    'Brandon',
  ],
  de: ['Lukas', 'Anna', 'Jonas', 'Lea', 'Felix', 'Marie', 'Maximilian', 'Sophie', 'Jan', 'Katharina', 'Tobias', 'Jürgen', 'Mehmet', 'Lena'],
  fr: ['Camille', 'Lucas', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Manon', 'Théo', 'Inès', 'Julien', 'Élodie', 'Karim'],
  in: ['Aarav', 'Priya', 'Rohan', 'Ananya', 'Vikram', 'Sneha', 'Arjun', 'Kavya', 'Rahul', 'Divya', 'Siddharth', 'Neha'],
  br: ['João', 'Maria', 'Pedro', 'Ana', 'Lucas', 'Juliana', 'Gabriel', 'Fernanda', 'Rafael', 'Camila', 'Thiago', 'Beatriz'],
  nl: ['Daan', 'Sanne', 'Bram', 'Fleur', 'Sem', 'Lotte', 'Joris', 'Eva'],
  es: ['Pablo', 'Lucía', 'Javier', 'Carmen', 'Diego', 'Elena', 'Sergio', 'Marta'],
  sg: ['Wei Ling', 'Jun Jie', 'Hui Min', 'Arun', 'Siti', 'Marcus', 'Rachel', 'Kai'],
};

const LAST_NAMES: Record<Region, readonly string[]> = {
  anglo: [
    'Smith',
    'Johnson',
    'Williams',
    'Brown',
    'Garcia',
    'Miller',
    'Davis',
    'Martinez',
    'Wilson',
    'Anderson',
    'Taylor',
    'Thomas',
    'Moore',
    'Jackson',
    'Lee',
    'Harris',
    'Clark',
    'Lewis',
    'Walker',
    'Young',
    'King',
    'Wright',
    'Nguyen',
    'Patel',
    'Kim',
    "O'Brien",
    'Murphy',
    'Evans',
    'Hughes',
    'Okafor',
    'Campbell',
    'Foster',
    'Reyes',
    'Brooks',
  ],
  de: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Yilmaz'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Benali'],
  in: ['Sharma', 'Patel', 'Gupta', 'Iyer', 'Reddy', 'Singh', 'Nair', 'Mehta', 'Kapoor', 'Rao', 'Joshi', 'Desai'],
  br: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Lima', 'Pereira', 'Costa', 'Ferreira', 'Almeida', 'Ribeiro'],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van Dijk', 'Bakker', 'Visser', 'Smit', 'Meijer'],
  es: ['García', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Romero', 'Navarro', 'Torres'],
  sg: ['Tan', 'Lim', 'Ng', 'Wong', 'Goh', 'Chua', 'Rahman', 'Pillai'],
};

/** Industries we sell to best (the starter Fit rule) and the rest, with name suffixes that suit them. */
const INDUSTRIES: ReadonlyArray<readonly [string, number, readonly string[]]> = [
  ['Software', 14, ['Labs', 'Systems', 'Software', 'Technologies', 'Digital']],
  ['SaaS', 14, ['Cloud', 'HQ', 'Apps', 'Platform', 'Analytics']],
  ['E-commerce', 10, ['Goods', 'Supply Co', 'Outfitters', 'Store', 'Market']],
  ['Marketing', 9, ['Media', 'Creative', 'Agency', 'Studio', 'Growth']],
  ['Financial services', 8, ['Capital', 'Finance', 'Wealth', 'Payments', 'Partners']],
  ['Healthcare', 8, ['Health', 'Care', 'Clinics', 'Medical', 'Diagnostics']],
  ['Education', 7, ['Academy', 'Learning', 'Education', 'Tutors']],
  ['Manufacturing', 8, ['Manufacturing', 'Industries', 'Works', 'Components', 'Fabrication']],
  ['Non-profit', 5, ['Foundation', 'Trust', 'Alliance', 'Network']],
  ['Logistics', 5, ['Logistics', 'Freight', 'Transport']],
  ['Consulting', 6, ['Consulting', 'Advisors', 'Group']],
  ['Real estate', 4, ['Properties', 'Realty', 'Homes']],
  ['Hospitality', 3, ['Hotels', 'Hospitality', 'Kitchens']],
];

const COMPANY_WORDS = [
  'Northwind',
  'Bluefin',
  'Copperleaf',
  'Brightpath',
  'Kestrel',
  'Larkspur',
  'Ironbark',
  'Silverline',
  'Tidewater',
  'Redwood',
  'Quartz',
  'Harbor',
  'Summit',
  'Evergreen',
  'Foxglove',
  'Granite',
  'Hollow Oak',
  'Juniper',
  'Lumen',
  'Maple & Finch',
  'Meridian',
  'Nimbus',
  'Orchard',
  'Pinecrest',
  'Polaris',
  'Riverbend',
  'Saffron',
  'Sable',
  'Starling',
  'Sunflower',
  'Thistle',
  'Union Square',
  'Vantage',
  'Wildflower',
  'Willow',
  'Zephyr',
  'Atlas',
  'Beacon',
  'Cobalt',
  'Driftwood',
  'Ember',
  'Fjord',
  'Halcyon',
  'Indigo',
  'Keystone',
  'Lighthouse',
  'Mosaic',
  'Oakridge',
  'Pioneer',
  'Quill',
  'Rookery',
  'Sextant',
  'Trellis',
  'Upland',
  'Verdant',
  'Waypoint',
  'Yarrow',
  'Alder',
  'Bramble',
  'Cinder',
  'Dovetail',
  'Elmstead',
  'Fernway',
  'Gull Rock',
  'Heron',
  'Inkwell',
  'Jasper',
  'Kiln',
  'Lodestar',
  'Marigold',
  'Nettle',
  'Osprey',
  'Pebble',
  'Quayside',
  'Rosemary',
  'Sparrow',
  'Tamarack',
  'Umber',
  'Vireo',
  'Wren',
  'Amberly',
  'Birchwood',
  'Cairn',
  'Delta Nine',
  'Eastgate',
  'Flint',
  'Greystone',
  'Hawthorn',
  'Isleworth',
  'Kingfisher',
  'Longbow',
  'Mistral',
  'Northgate',
  'Olive Grove',
  'Paragon',
  'Ravenstone',
];

/** Titles with a weight; the first group matches the starter "decision makers" Fit rule. */
const DECISION_TITLES: ReadonlyArray<readonly [string, number]> = [
  ['Founder', 5],
  ['Co-founder & CEO', 3],
  ['CEO', 3],
  ['Owner', 2],
  ['VP Sales', 4],
  ['VP Marketing', 3],
  ['VP of Operations', 1],
  ['Head of Marketing', 4],
  ['Head of Growth', 3],
  ['Head of Sales', 2],
  ['Head of RevOps', 1],
  ['Marketing Director', 2],
  ['Director of Operations', 2],
  ['Sales Director', 2],
  ['Chief Revenue Officer', 1],
  ['Chief Operating Officer', 1],
];
const OTHER_TITLES: ReadonlyArray<readonly [string, number]> = [
  ['Operations Manager', 5],
  ['Marketing Manager', 5],
  ['Sales Manager', 4],
  ['Analyst', 3],
  ['Business Analyst', 3],
  ['Marketing Coordinator', 3],
  ['Account Executive', 3],
  ['Sales Development Rep', 2],
  ['Growth Marketer', 2],
  ['Revenue Operations Manager', 2],
  ['Office Manager', 2],
  ['Software Engineer', 2],
  ['Consultant', 2],
  ['Product Manager', 2],
  ['Customer Success Manager', 2],
  ['Data Analyst', 2],
  ['Product Owner', 1],
  ['', 1],
];
const DISQUALIFIED_TITLES = ['Student', 'MBA Student', 'Marketing Intern', 'Intern', 'Recruiter', 'Technical Recruiter'];

type Segment = 'hot' | 'warm' | 'cold' | 'dq';

const SOURCES: Record<Segment, ReadonlyArray<readonly [string, number]>> = {
  hot: [
    ['Website', 4],
    ['Referral', 3],
    ['Paid search', 2],
    ['LinkedIn', 1],
    ['Event', 2],
    ['Webinar', 1],
  ],
  warm: [
    ['Website', 4],
    ['Webinar', 3],
    ['Paid search', 3],
    ['LinkedIn', 2],
    ['Event', 2],
    ['Referral', 1],
  ],
  cold: [
    ['Website', 4],
    ['Paid search', 3],
    ['LinkedIn', 3],
    ['Webinar', 2],
    ['Event', 2],
    ['Referral', 1],
  ],
  dq: [
    ['Website', 3],
    ['LinkedIn', 3],
    ['Webinar', 1],
    ['Paid search', 1],
  ],
};

// ---------------------------------------------------------------------------------------------
// Companies and leads

interface Company {
  name: string;
  domain: string;
  size: number;
  industry: string;
  country: CountryInfo;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Headcounts as people type them: skewed to small companies, rounded the way forms round them. */
function companySize(rng: Rng): number {
  const band = rng.weighted([
    ['micro', 18],
    ['small', 27],
    ['mid', 35],
    ['large', 14],
    ['enterprise', 6],
  ] as const);
  const range = { micro: [1, 10], small: [11, 49], mid: [50, 1000], large: [1001, 2500], enterprise: [2501, 5000] }[band];
  // Log-uniform inside the band, then rounded like a form field (12, 85, 240, 1500 …).
  const n = Math.round(Math.exp(Math.log(range[0]) + rng.float() * (Math.log(range[1]) - Math.log(range[0]))));
  const step = n >= 1000 ? 100 : n >= 200 ? 10 : n >= 50 ? 5 : 1;
  return Math.min(5000, Math.max(1, Math.round(n / step) * step));
}

function makeCompanies(rng: Rng, count: number): Company[] {
  const words = [...COMPANY_WORDS];
  const companies: Company[] = [];
  const domains = new Set<string>();
  for (let i = 0; i < count && words.length > 0; i++) {
    const word = words.splice(rng.int(0, words.length - 1), 1)[0];
    const [industry, , suffixes] = rng.weighted(INDUSTRIES.map((x) => [x, x[1]] as const));
    const country = rng.weighted(COUNTRIES.map((c) => [c, c.weight] as const));
    const suffix = rng.pick(suffixes);
    const base = `${word} ${suffix}`;
    const name = base + rng.pick(country.legal);
    const stem = rng.chance(0.5) ? slug(word) : slug(base);
    const tld = industry === 'SaaS' && rng.chance(0.5) ? 'io' : rng.chance(0.3) ? 'com' : country.tld;
    let domain = `${stem}.${tld}`;
    if (domains.has(domain)) domain = `${slug(base)}.${tld}`;
    domains.add(domain);
    companies.push({ name, domain, size: companySize(rng), industry, country });
  }
  return companies;
}

function businessEmail(rng: Rng, first: string, last: string, domain: string): string {
  const f = slug(first.split(' ')[0]);
  const l = slug(last);
  const local = rng.weighted([
    [`${f}.${l}`, 5],
    [f, 3],
    [`${f[0]}${l}`, 2],
    [`${f}${l[0]}`, 1],
  ] as const);
  return `${local}@${domain}`;
}

function freeEmail(rng: Rng, first: string, last: string, country: CountryInfo): string {
  const f = slug(first);
  const l = slug(last);
  const local = rng.weighted([
    [`${f}.${l}`, 3],
    [`${f}${l}${rng.int(1, 99)}`, 2],
    [`${f[0]}${l}${rng.int(70, 99)}`, 1],
    [`${f}_${l}`, 1],
  ] as const);
  return `${local}@${rng.pick(country.free)}`;
}

interface Activity {
  demo: number | null;
  pricing: number;
  pricingAge: number | null;
  downloads: number;
  downloadAge: number | null;
  clicks: number;
  clickAge: number | null;
  webinar: number | null;
}

/** Behaviour by segment: ages are days before AS_OF. */
function activity(rng: Rng, segment: Segment): Activity {
  const a: Activity = {
    demo: null,
    pricing: 0,
    pricingAge: null,
    downloads: 0,
    downloadAge: null,
    clicks: 0,
    clickAge: null,
    webinar: null,
  };
  const p = {
    hot: { demo: [0.72, 0, 18], pricing: [0.95, 2, 6, 0, 9], dl: [0.7, 1, 3, 0, 30], cl: [0.8, 1, 8, 0, 16], web: [0.3, 3, 60] },
    warm: { demo: [0.08, 30, 100], pricing: [0.7, 1, 3, 2, 35], dl: [0.65, 1, 4, 2, 50], cl: [0.75, 1, 10, 1, 35], web: [0.25, 5, 120] },
    cold: {
      demo: [0.03, 70, 170],
      pricing: [0.18, 1, 2, 30, 175],
      dl: [0.35, 1, 2, 20, 176],
      cl: [0.4, 1, 5, 12, 178],
      web: [0.15, 20, 179],
    },
    dq: { demo: [0.05, 5, 120], pricing: [0.4, 1, 4, 1, 90], dl: [0.6, 1, 4, 0, 120], cl: [0.4, 1, 6, 1, 120], web: [0.3, 5, 150] },
  }[segment];
  if (rng.chance(p.demo[0])) a.demo = rng.int(p.demo[1], p.demo[2]);
  if (rng.chance(p.pricing[0])) {
    // Visit counts 0–8: mostly a few, now and then a keen visitor.
    a.pricing = Math.min(8, rng.int(p.pricing[1], p.pricing[2]) + (rng.chance(0.08) ? 2 : 0));
    a.pricingAge = rng.int(p.pricing[3], p.pricing[4]);
  }
  if (rng.chance(p.dl[0])) {
    a.downloads = rng.int(p.dl[1], p.dl[2]);
    a.downloadAge = rng.int(p.dl[3], p.dl[4]);
  }
  if (rng.chance(p.cl[0])) {
    a.clicks = rng.int(p.cl[1], p.cl[2]);
    a.clickAge = rng.int(p.cl[3], p.cl[4]);
  }
  if (rng.chance(p.web[0])) a.webinar = rng.int(p.web[1], p.web[2]);
  // A demo request comes after the pricing page far more often than not.
  if (a.demo !== null && a.pricing === 0 && rng.chance(0.7)) {
    a.pricing = 1;
    a.pricingAge = Math.min(SPAN_DAYS - 1, a.demo + rng.int(0, 3));
  }
  return a;
}

function dateAt(age: number): Date {
  return new Date(AS_OF.getTime() - age * DAY_MS);
}

function fitScore(c: Company, title: string): number {
  const good = ['Software', 'SaaS', 'E-commerce', 'Marketing', 'Financial services'];
  const markets = ['United States', 'Canada', 'United Kingdom', 'Ireland', 'Germany', 'France', 'Netherlands', 'Australia'];
  let fit = 0;
  if (c.size >= 50 && c.size <= 1000) fit += 15;
  else if (c.size >= 11 && c.size <= 49) fit += 8;
  if (/Founder|CEO|Owner|VP|Head|Director|Chief/i.test(title)) fit += 12;
  if (good.includes(c.industry)) fit += 10;
  if (markets.includes(c.country.name)) fit += 5;
  return fit;
}

/** The 241 data rows (240 leads + one blank row), in EXAMPLE_LEAD_HEADERS order. */
export function makeLeadRows(): Cell[][] {
  const rng = new Rng(SEED);
  const companies = makeCompanies(rng, 96);
  const leads: Cell[][] = [];
  for (let i = 0; i < LEAD_COUNT; i++) {
    const segment = rng.weighted([
      ['hot', 17],
      ['warm', 34],
      ['cold', 45],
      ['dq', 4],
    ] as const);
    // Good-fit companies show buying intent more often: hot leads get a few tries at a good fit.
    let company = rng.pick(companies);
    let title = rng.weighted(rng.chance(0.4) ? DECISION_TITLES : OTHER_TITLES);
    const tries = segment === 'hot' ? 4 : segment === 'warm' ? 1 : 0;
    for (let t = 0; t < tries && fitScore(company, title) < 30; t++) {
      company = rng.pick(companies);
      title = rng.weighted(rng.chance(0.55) ? DECISION_TITLES : OTHER_TITLES);
    }
    if (segment === 'dq') title = rng.pick(DISQUALIFIED_TITLES);
    // Founders of tiny companies: the title fits the size.
    if (company.size <= 5 && rng.chance(0.6)) title = rng.pick(['Founder', 'Owner', 'Co-founder & CEO']);

    const region = company.country.region;
    const first = rng.pick(FIRST_NAMES[region]);
    const last = rng.pick(LAST_NAMES[region]);
    const freeP = { hot: 0.06, warm: 0.15, cold: 0.21, dq: 0.4 }[segment];
    const email = rng.chance(freeP) ? freeEmail(rng, first, last, company.country) : businessEmail(rng, first, last, company.domain);

    const a = activity(rng, segment);
    const ages = [a.demo, a.pricingAge, a.downloadAge, a.clickAge, a.webinar].filter((x): x is number => x !== null);
    // Last activity: the latest dated signal, or for leads with none, when they last opened an email.
    const lastActivityAge = ages.length > 0 ? Math.min(...ages) : rng.int(segment === 'cold' ? 25 : 10, SPAN_DAYS - 1);
    const unsubP = { hot: 0, warm: 0.03, cold: 0.08, dq: 0.05 }[segment];
    const bounceP = { hot: 0, warm: 0.01, cold: 0.05, dq: 0.05 }[segment];

    leads.push([
      `${first} ${last}`,
      email,
      company.name,
      title,
      company.size,
      company.industry,
      company.country.name,
      rng.weighted(a.webinar !== null && rng.chance(0.5) ? [['Webinar', 1]] : SOURCES[segment]),
      a.demo === null ? '' : dateAt(a.demo),
      a.pricing,
      a.pricingAge === null ? '' : dateAt(a.pricingAge),
      a.downloads,
      a.downloadAge === null ? '' : dateAt(a.downloadAge),
      a.clicks,
      a.clickAge === null ? '' : dateAt(a.clickAge),
      a.webinar === null ? '' : dateAt(a.webinar),
      dateAt(lastActivityAge),
      rng.chance(unsubP),
      rng.chance(bounceP),
    ]);
  }
  addMess(leads);
  const rows = [...leads];
  rows.splice(
    BLANK_SHEET_ROW - 2,
    0,
    EXAMPLE_LEAD_HEADERS.map(() => ''),
  );
  return rows;
}

const col = (header: string): number => EXAMPLE_LEAD_HEADERS.indexOf(header);

/**
 * Two columns after the lead columns, for Backtest against outcomes (README "Does the score work?"):
 * `Created`, the day the lead came in (a lead date column: the capacity suggestion counts leads a
 * week by it), and `Status`, won / lost, or blank while still open.
 */
export const OUTCOME_HEADERS = ['Created', 'Status'] as const;

/**
 * Created and Status for each row of makeLeadRows() (blank for the blank row), from their own seeded
 * PRNG so the lead columns are the same as before. Created: 0–20 days before the lead's earliest dated
 * signal. Status: leads created in the last 21 days are mostly still open; the others were won with a
 * chance that rises with the starter rules' score as of AS_OF (4 % at 0, 79 % at 100; Disqualified 2 %),
 * so the backtest finds a score that works but is not perfect.
 */
export function makeOutcomeColumns(rows: Cell[][] = makeLeadRows()): Cell[][] {
  const rng = new Rng(SEED + 1);
  const run = runModel({
    settings: null,
    rules: starterRulesGrid(),
    headers: [...EXAMPLE_LEAD_HEADERS],
    rows,
    firstRow: 2,
    today: AS_OF,
    spreadsheetTimeZone: 'UTC',
  });
  return rows.map((row, i) => {
    const lead = run.leads[i];
    if (!lead) return ['', ''];
    const ages = row.filter((v): v is Date => v instanceof Date).map((d) => Math.round((AS_OF.getTime() - d.getTime()) / DAY_MS));
    const age = Math.min(SPAN_DAYS - 1, Math.max(0, ...ages) + rng.int(0, 20));
    const open = age < 21 ? rng.chance(0.8) : rng.chance(0.1);
    const p = lead.bucket === 'Disqualified' ? 0.02 : 0.04 + 0.75 * (lead.score / 100);
    const status = open ? '' : rng.chance(p) ? 'won' : 'lost';
    return [dateAt(age), status];
  });
}

/** The handful of untidy cells every real lead sheet has (indices are lead numbers, 0-based). */
function addMess(leads: Cell[][]): void {
  // A headcount typed as text with a thousands separator.
  leads[37][col('Company size')] = '1,200';
  // A date typed as text (not a date cell); it is also the lead's latest activity.
  const dl = leads[88];
  dl[col('Content downloads')] = Math.max(1, Number(dl[col('Content downloads')]));
  dl[col('Last download')] = '2026-10-05';
  const oct5 = new Date(Date.UTC(2026, 9, 5));
  if ((dl[col('Last activity')] as Date).getTime() < oct5.getTime()) dl[col('Last activity')] = oct5;
  // Text that looks like a formula: stored as a plain string, never evaluated.
  leads[150][col('Name')] = '=1+1 (not a formula)';
  // Markup in a name: the sidebar must show it as text.
  leads[201][col('Name')] = '<img src=x onerror=alert(1)>';
  // Stray case and spaces from copy-paste (on leads where they keep the meaning).
  findLead(leads, 63, (l) => l[col('Country')] === 'United Kingdom')[col('Country')] = 'united kingdom ';
  findLead(leads, 171, (l) => l[col('Industry')] === 'SaaS')[col('Industry')] = 'saas';
  leads[212][col('Email')] = String(leads[212][col('Email')]).toUpperCase();
}

/** The first lead from index `from` on that satisfies `test`. */
function findLead(leads: Cell[][], from: number, test: (lead: Cell[]) => boolean): Cell[] {
  for (let i = from; i < leads.length; i++) if (test(leads[i])) return leads[i];
  throw new Error(`no lead after ${from} fits`);
}

// ---------------------------------------------------------------------------------------------
// Activity (README "Activity")

/** The Activity tab's header row. */
export const ACTIVITY_TAB_HEADERS = ['Lead key', 'Activity', 'Date', 'Count', 'Detail'];
/** Events for no lead in the Leads tab, on purpose: Score leads reports them (orphan events). */
export const ORPHAN_KEYS = ['former.customer@oldmail.example', 'typo@northwind-analytcs.example'];

/**
 * One row per event, as a form or email tool appends them: each pricing-page visit the Leads tab
 * counts (the latest on its Last pricing visit day, the others 1–12 days apart before it), a
 * `Demo request` on the Demo requested day, and a few events whose key matches no lead. Keys are
 * the lead's Email, some in other case or with spaces (joined all the same). Its own seeded PRNG,
 * so the Leads columns are unchanged.
 */
export function makeActivityRows(rows: Cell[][] = makeLeadRows()): Cell[][] {
  const rng = new Rng(SEED + 15);
  const at = (h: string) => EXAMPLE_LEAD_HEADERS.indexOf(h as (typeof EXAMPLE_LEAD_HEADERS)[number]);
  const [email, visits, lastVisit, demo] = [at('Email'), at('Pricing page visits'), at('Last pricing visit'), at('Demo requested')];
  const events: Cell[][] = [];
  const dayOf = (d: Date) => Math.round((AS_OF.getTime() - d.getTime()) / DAY_MS);
  for (const row of rows) {
    const key = row[email];
    if (typeof key !== 'string' || key === '') continue;
    const shown = rng.chance(0.1) ? ` ${key.toUpperCase()}` : key;
    const n = typeof row[visits] === 'number' ? (row[visits] as number) : 0;
    if (n > 0 && row[lastVisit] instanceof Date) {
      let age = dayOf(row[lastVisit] as Date);
      for (let i = 0; i < n && age < SPAN_DAYS; i++) {
        events.push([shown, 'Pricing page', dateAt(age), '', i === 0 ? 'utm_source=newsletter' : '']);
        age += rng.int(1, 12);
      }
    }
    if (row[demo] instanceof Date) events.push([shown, 'Demo request', row[demo], '', 'form: Book a demo']);
  }
  events.push([ORPHAN_KEYS[0], 'Pricing page', dateAt(3), 2, ''], [ORPHAN_KEYS[1], 'Demo request', dateAt(8), '', '']);
  // Oldest first, as a tool appends them.
  return events.sort((a, b) => (a[2] as Date).getTime() - (b[2] as Date).getTime() || String(a[0]).localeCompare(String(b[0])));
}

// ---------------------------------------------------------------------------------------------
// Workbook

/** The Formulas tab: [cell, label or formula]; formulas are stored without '=' and without results. */
const LEADS_HEADERS_RANGE = 'Leads!A1:S1';
const RULES_RANGE = 'Rules!A1:M40';
const SETTINGS_RANGE = 'Settings!A1:C20';
const AS_OF_FORMULA = 'DATE(2026,11,20)';
const MODEL_ARGS = (leads: string): string => `${LEADS_HEADERS_RANGE}, ${leads}, ${AS_OF_FORMULA}, ${RULES_RANGE}, ${SETTINGS_RANGE}`;

export const FORMULA_CELLS: Readonly<Record<string, { label: string; formula: string }>> = {
  LEADSCORE: {
    label: `Score (whole block, spills down A2:A${LAST_SHEET_ROW})`,
    formula: `LEADSCORE(${MODEL_ARGS(`Leads!A2:S${LAST_SHEET_ROW}`)})`,
  },
  LEADSCORE_DETAILS: {
    label: 'Details for first 10 leads (Fit, Behaviour, Negative, Score, Bucket, Grade, Why; spills C2:I11)',
    formula: `LEADSCORE_DETAILS(${MODEL_ARGS('Leads!A2:S11')})`,
  },
  LEADSCORE_WHY: {
    label: 'Why: the score explained for the lead in Leads row 2',
    formula: `LEADSCORE_WHY(${MODEL_ARGS('Leads!A2:S2')})`,
  },
  LEADSCORE_BUCKET: {
    label: 'Bucket for a score of 55 (default thresholds: Warm)',
    formula: 'LEADSCORE_BUCKET(55)',
  },
  LEADSCORE_BUCKET_RANGE: {
    label: 'Buckets of the first 10 scores in column A (spills O2:O11)',
    formula: 'LEADSCORE_BUCKET(A2:A11)',
  },
  LEADSCORE_DECAY: {
    label: 'Decay: 30 points, 30 days old, half-life 30 days (= 15)',
    formula: 'LEADSCORE_DECAY(30, DATE(2026,10,21), 30, DATE(2026,11,20))',
  },
};

/** Where each Formulas entry goes: label in row 1, formula in row 2 of the same column. */
export const FORMULA_COLUMNS: Readonly<Record<keyof typeof FORMULA_CELLS, string>> = {
  LEADSCORE: 'A', // spills A2:A242
  LEADSCORE_DETAILS: 'C', // spills C2:I11 (7 columns × 10 rows)
  LEADSCORE_WHY: 'K',
  LEADSCORE_BUCKET: 'M',
  LEADSCORE_BUCKET_RANGE: 'O', // spills O2:O11
  LEADSCORE_DECAY: 'Q',
};

const DATE_HEADERS = new Set([
  'Demo requested',
  'Last pricing visit',
  'Last download',
  'Last email click',
  'Webinar date',
  'Last activity',
]);

export function buildWorkbook(rows: Cell[][] = makeLeadRows(), outcomes: Cell[][] = makeOutcomeColumns(rows)): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  // No clock: document dates are the anchor (exceljs would stamp "now").
  wb.creator = 'sheets-lead-scoring examples';
  wb.lastModifiedBy = 'sheets-lead-scoring examples';
  wb.created = AS_OF;
  wb.modified = AS_OF;

  const ws = wb.addWorksheet('Leads', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const widths: Record<string, number> = {
    Name: 24,
    Email: 34,
    Company: 30,
    Title: 26,
    'Company size': 13,
    Industry: 18,
    Country: 16,
    'Lead source': 13,
  };
  EXAMPLE_LEAD_HEADERS.forEach((h, i) => {
    ws.getColumn(i + 1).width = widths[h] ?? Math.max(12, h.length + 2);
    // Date columns carry the format on the column too (set before any data, so that no empty cells
    // are created), so dates typed later look the same.
    if (DATE_HEADERS.has(h)) ws.getColumn(i + 1).numFmt = DATE_FORMAT;
  });
  // Header row: bold text only (not the date columns' number format).
  ws.getColumn(EXAMPLE_LEAD_HEADERS.length + 1).numFmt = DATE_FORMAT;
  ws.addRow([...EXAMPLE_LEAD_HEADERS, ...OUTCOME_HEADERS]).eachCell((cell) => {
    cell.style = { font: { bold: true } };
  });
  rows.forEach((row, r) => {
    const sheetRow = ws.getRow(r + 2);
    [...row, ...(outcomes[r] ?? [])].forEach((value, c) => {
      if (value === '' || value === null || value === undefined) return;
      const cell = sheetRow.getCell(c + 1);
      cell.value = value as ExcelJS.CellValue;
      if (value instanceof Date) cell.numFmt = DATE_FORMAT;
    });
  });

  const act = wb.addWorksheet('Activity', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  act.addRow(ACTIVITY_TAB_HEADERS).eachCell((cell) => {
    cell.style = { font: { bold: true } };
  });
  for (const [c, w] of [
    [1, 34],
    [2, 16],
    [3, 12],
    [4, 8],
    [5, 26],
  ] as const)
    act.getColumn(c).width = w;
  act.getColumn(3).numFmt = DATE_FORMAT;
  for (const event of makeActivityRows(rows)) {
    const r = act.addRow(event.map((v) => (v === '' ? null : v)) as ExcelJS.CellValue[]);
    r.getCell(3).numFmt = DATE_FORMAT;
  }

  const fx = wb.addWorksheet('Formulas', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  for (const [key, { label, formula }] of Object.entries(FORMULA_CELLS)) {
    const column = FORMULA_COLUMNS[key as keyof typeof FORMULA_CELLS];
    fx.getCell(`${column}1`).value = label;
    fx.getCell(`${column}2`).value = { formula } as ExcelJS.CellFormulaValue;
  }
  fx.getRow(1).font = { bold: true };
  fx.getCell('K4').value = "These formulas use the add-on's custom functions: they show #NAME? until the add-on is installed,";
  fx.getCell('K5').value = 'and they read the Rules and Settings tabs that Lead scoring → Set up scoring (in the menu bar) creates.';
  fx.getCell('K6').value = `As of ${AS_OF_FORMULA} = ${isoDay(AS_OF)}, the anchor the example dates are counted back from.`;
  for (const [c, w] of [
    ['A', 22],
    ['C', 10],
    ['K', 60],
    ['M', 22],
    ['O', 22],
    ['Q', 30],
  ] as const)
    fx.getColumn(c).width = w;
  return wb;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Set every zip entry's DOS modification time to a fixed value (JSZip stamps "now"), so that the
 * same workbook gives the same bytes. Only header fields change; the compressed data and CRCs do not.
 */
function fixZipTimes(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  const dosTime = 0; // 00:00:00
  const dosDate = ((AS_OF.getUTCFullYear() - 1980) << 9) | ((AS_OF.getUTCMonth() + 1) << 5) | AS_OF.getUTCDate();
  // End of central directory: signature 0x06054b50, searched backwards (there is no zip comment).
  let eocd = -1;
  for (let i = out.length - 22; i >= 0; i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    out.writeUInt16LE(dosTime, p + 12);
    out.writeUInt16LE(dosDate, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('bad local header');
    out.writeUInt16LE(dosTime, local + 10);
    out.writeUInt16LE(dosDate, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/** The example workbook as .xlsx bytes: the same on every run. */
export async function workbookBuffer(rows: Cell[][] = makeLeadRows()): Promise<Buffer> {
  const data = await buildWorkbook(rows, makeOutcomeColumns(rows)).xlsx.writeBuffer();
  return fixZipTimes(Buffer.from(data as ArrayBuffer));
}

// ---------------------------------------------------------------------------------------------
// Spread check

export interface Spread {
  leads: number;
  counts: Record<Bucket, number>;
  problems: number;
}

/** Score the example with the starter rules as of AS_OF (what Set up scoring + Score leads would show). */
export function scoreSpread(rows: Cell[][] = makeLeadRows()): Spread {
  const run = runModel({
    settings: null,
    rules: starterRulesGrid(),
    headers: [...EXAMPLE_LEAD_HEADERS],
    rows,
    firstRow: 2,
    today: AS_OF,
    spreadsheetTimeZone: 'UTC',
  });
  return { leads: run.leads.filter((l) => l !== null).length, counts: run.counts, problems: run.problems.length };
}

async function main(): Promise<void> {
  const rows = makeLeadRows();
  const buf = await workbookBuffer(rows);
  writeFileSync(OUTPUT_PATH, buf);
  const { leads, counts, problems } = scoreSpread(rows);
  const pct = (n: number): string => `${((100 * n) / leads).toFixed(1)}%`;
  console.log(`Wrote ${OUTPUT_PATH} (${(buf.length / 1024).toFixed(1)} KB): ${leads} leads + 1 blank row, as of ${isoDay(AS_OF)}.`);
  console.log('Starter rules spread:');
  for (const b of ['Hot', 'Warm', 'Cold', 'Disqualified'] as const)
    console.log(`  ${b.padEnd(12)} ${String(counts[b]).padStart(3)}  ${pct(counts[b])}`);
  if (problems > 0) console.log(`  (${problems} rule/settings problems reported)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
