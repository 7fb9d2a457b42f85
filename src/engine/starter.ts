import { RULE_HEADERS } from './rules';

/** The example workbook's anchor date: `npm start` without a file scores as of this day (README "Set up and test"). */
export const EXAMPLE_AS_OF = '2026-11-20';

/** Headers of the Leads tab Set up creates when there is none; the starter rules use them. */
// biome-ignore format: the example's header row, in order
export const EXAMPLE_LEAD_HEADERS = [
  'Name', 'Email', 'Company', 'Title', 'Company size', 'Industry', 'Country', 'Lead source',
  'Demo requested', 'Pricing page visits', 'Last pricing visit', 'Content downloads', 'Last download',
  'Email clicks', 'Last email click', 'Webinar date', 'Last activity', 'Unsubscribed', 'Email bounced',
];

type StarterRule = [
  category: string,
  field: string,
  operator: string,
  value: string | number,
  points: number | '',
  per: string,
  repeatFactor: number | '',
  maxPoints: number | '',
  dateField: string,
  halfLifeDays: number | '',
  expiresAfterDays: number | '',
  enabled: boolean,
  note: string,
];

/**
 * The starter model for a small B2B team: 16 rules, readable in one screen. Points follow the
 * field's rules of thumb (demo/pricing 20–30, content and clicks 5–15, negatives for free email,
 * unsubscribes, bounces and inactivity), so that a fresh demo request with good fit is Hot.
 */
// biome-ignore format: one rule a line, as the Rules tab shows them
const STARTER: StarterRule[] = [
  ['Fit', 'Company size', 'between', '50..1000', 15, '', '', '', '', '', '', true, 'Sweet spot: mid-size companies buy fastest.'],
  ['Fit', 'Company size', 'between', '11..49', 8, '', '', '', '', '', '', true, 'Small teams still fit, with less budget.'],
  ['Fit', 'Title', 'contains', 'Founder, CEO, Owner, VP, Head, Director, Chief', 12, '', '', '', '', '', '', true, 'Decision makers.'],
  ['Fit', 'Industry', 'is', 'Software, SaaS, E-commerce, Marketing, Financial services', 10, '', '', '', '', '', '', true, 'Industries we sell to best.'],
  ['Fit', 'Country', 'is', 'United States, Canada, United Kingdom, Ireland, Germany, France, Netherlands, Australia', 5, '', '', '', '', '', '', true, 'Markets we serve.'],
  ['Behaviour', 'Demo requested', 'is not empty', '', 30, '', '', '', 'Demo requested', 30, 120, true, 'The strongest buying signal; fades over a month.'],
  ['Behaviour', 'Pricing page visits', '>', 0, 8, 'each', 0.5, 20, 'Last pricing visit', 21, '', true, 'Each visit counts half the one before.'],
  ['Behaviour', 'Content downloads', '>', 0, 6, 'each', 0.6, 15, 'Last download', 45, '', true, 'Guides and case studies.'],
  ['Behaviour', 'Email clicks', '>', 0, 3, 'each', 0.7, 10, 'Last email click', 30, '', true, 'Newsletter and campaign clicks.'],
  ['Behaviour', 'Webinar date', 'is not empty', '', 10, '', '', '', 'Webinar date', 60, 180, true, 'Attended a webinar.'],
  ['Behaviour', 'Last activity', 'within last days', 7, 5, '', '', '', '', '', '', true, 'Active this week.'],
  ['Negative', 'Email', 'is free email', '', 10, '', '', '', '', '', '', true, 'Gmail, Yahoo, Outlook … sign-ups rarely buy for a company.'],
  ['Negative', 'Unsubscribed', 'is true', '', 20, '', '', '', '', '', '', true, 'Asked not to be emailed.'],
  ['Negative', 'Email bounced', 'is true', '', 25, '', '', '', '', '', '', true, 'We cannot reach them.'],
  ['Negative', 'Last activity', 'older than days', 90, 15, '', '', '', '', '', '', true, 'Gone quiet for a quarter.'],
  ['Disqualify', 'Title', 'contains', 'Student, Intern, Job seeker, Recruiter', '', '', '', '', '', '', '', true, 'Not buyers: score 0.'],
];

/** The Rules tab Set up writes: header row, then the starter rules. */
export function starterRulesGrid(): Array<Array<string | number | boolean>> {
  return [[...RULE_HEADERS], ...STARTER.map((r) => [...r])];
}
