import { day, lead } from './workbook';

// As of 2026-11-20 with the starter rules (src/engine/starter.ts). Every figure below is worked out by hand.
export const ASOF = '2026-11-20';
export const SAMPLE_LEADS = [
  // Fit 15 (size 120) + 12 (VP) + 10 (SaaS) + 5 (UK) = 42.
  // Behaviour: demo 30 at 30 d, half-life 30 → 15; pricing 8 + 4 = 12 at age 0; active this week 5 → 32. Score 74: Hot, A.
  lead({
    Name: 'Ada',
    Email: 'ada@northwind.io',
    Company: 'Northwind',
    Title: 'VP Marketing',
    'Company size': 120,
    Industry: 'SaaS',
    Country: 'United Kingdom',
    'Demo requested': day('2026-10-21'),
    'Pricing page visits': 2,
    'Last pricing visit': day(ASOF),
    'Last activity': day(ASOF),
    Unsubscribed: false,
    'Email bounced': false,
  }),
  // Fit 12 (Founder). Behaviour: downloads 6 × (1 − 0.6³)/(1 − 0.6) = 11.76 at 45 d, half-life 45 → 5.88; clicks 3 → 8.88.
  // Negative −10 (gmail). 12 + 8.88 − 10 = 10.88 → 11: Cold, C.
  lead({
    Name: 'Bo',
    Email: 'bo@gmail.com',
    Title: 'Founder',
    'Company size': 8,
    Industry: 'Retail',
    Country: 'India',
    'Content downloads': 3,
    'Last download': day('2026-10-06'),
    'Email clicks': 1,
    'Last email click': day(ASOF),
    'Last activity': day('2026-10-06'),
  }),
  lead({}), // a blank row inside the data is skipped, not an end marker
  // Disqualified (Student); fit 15 (size 500), negative −20 (unsubscribed). Score 0, grade C.
  lead({ Name: 'Cy', Email: 'cy@acme.com', Title: 'Student Intern', 'Company size': 500, Unsubscribed: true }),
  // Fit 42; behaviour demo 30 (age 0) + pricing 8×(1−0.5⁴)/0.5 = 15 + webinar 10 at 60 d, half-life 60 → 5 + active 5 = 55. Score 97.
  lead({
    Name: 'Dee',
    Email: 'dee@corp.com',
    Title: 'Director of IT',
    'Company size': 60,
    Industry: 'Software',
    Country: 'United States',
    'Demo requested': day(ASOF),
    'Pricing page visits': 4,
    'Last pricing visit': day(ASOF),
    'Webinar date': day('2026-09-21'),
    'Last activity': day(ASOF),
  }),
];
