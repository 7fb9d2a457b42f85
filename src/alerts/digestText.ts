/**
 * The email digest's text (README "Running by itself", Email digest): a pure function from a run's
 * changes to one email, or null when there is nothing to tell. No Apps Script here, so it is tested
 * with hand-written expected output (test/alerts/digest-text.test.ts).
 *
 * Lead data is untrusted: in the HTML body every piece of it is escaped as text (& < > " '), and
 * links are built only from the spreadsheet's id, the tab's id and a row number.
 */
import type { GoingCold, LeadChange, RunChanges } from '../engine/changes';

export interface DigestInput {
  changes: RunChanges;
  spreadsheetName: string;
  spreadsheetId: string;
  /** The Leads tab's sheet id (the #gid= of its URL). */
  leadsSheetId: number;
}

export interface DigestEmail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** Text as HTML text: the five characters HTML gives a meaning to. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A link that opens the spreadsheet at the lead's row (column A). */
export function rowLink(spreadsheetId: string, sheetId: number, row: number): string {
  return `https://docs.google.com/spreadsheets/d/${encodeURIComponent(spreadsheetId)}/edit#gid=${sheetId}&range=A${row}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2026-12-03' → '3 Dec 2026' (the day as written; no time zone involved). */
export function dayText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** Something worth an email happened: a lead became Hot, left Hot or became Disqualified. */
export function hasNews(changes: RunChanges): boolean {
  return changes.becameHot.length + changes.leftHot.length + changes.newDisqualified.length > 0;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function hotLine(c: LeadChange): string {
  return `${c.name} — score ${c.newScore}${c.topReason ? ` — ${c.topReason}` : ''}`;
}

function coldLine(g: GoingCold): string {
  return `${g.name} — score ${g.score} — drops to ${g.dropsTo} on ${dayText(g.dropsOn)} unless they engage${g.topReason ? ` — ${g.topReason}` : ''}`;
}

/**
 * One email listing the leads that became Hot and the Hot leads going cold soon, each with a link
 * to its row; the other changes (left Hot, newly Disqualified) as one line of counts. Null when no
 * lead became Hot, left Hot or became Disqualified (going cold alone is not news: it would repeat
 * every day of its week).
 */
export function composeDigest(input: DigestInput): DigestEmail | null {
  const { changes } = input;
  if (!hasNews(changes)) return null;
  const link = (row: number) => rowLink(input.spreadsheetId, input.leadsSheetId, row);
  const hot = changes.becameHot;
  const cold = changes.goingCold;
  const counts = [
    hot.length ? `${hot.length} became Hot` : '',
    cold.length ? `${cold.length} going cold soon` : '',
    changes.leftHot.length ? `${changes.leftHot.length} left Hot` : '',
    changes.newDisqualified.length ? `${changes.newDisqualified.length} newly Disqualified` : '',
  ].filter((s) => s !== '');
  const subject = `Lead scoring: ${counts.join(', ')} (${input.spreadsheetName})`;
  const also = [
    changes.leftHot.length ? `${plural(changes.leftHot.length, 'lead')} left Hot (back to nurture)` : '',
    changes.newDisqualified.length ? `${plural(changes.newDisqualified.length, 'lead')} became Disqualified` : '',
  ].filter((s) => s !== '');
  const alsoText = also.length ? `Also: ${also.join('; ')}. The sidebar's Changes since last run lists them.` : '';
  const footer = 'You get this email because you turned on the email digest in the Lead scoring sidebar; turn it off there.';

  const text: string[] = [`Lead scoring digest for ${input.spreadsheetName}, as of ${dayText(changes.date)}.`, ''];
  if (hot.length) {
    text.push(`Became Hot (${hot.length}):`);
    for (const c of hot) text.push(`- ${hotLine(c)}`, `  ${link(c.row)}`);
    text.push('');
  }
  if (cold.length) {
    text.push(`Going cold soon (${cold.length}):`);
    for (const g of cold) text.push(`- ${coldLine(g)}`, `  ${link(g.row)}`);
    text.push('');
  }
  if (alsoText) text.push(alsoText, '');
  text.push(footer);

  const e = escapeHtml;
  const item = (line: string, row: number) => `<li><a href="${e(link(row))}">${e(line)}</a></li>`;
  const html: string[] = [`<p>Lead scoring digest for <b>${e(input.spreadsheetName)}</b>, as of ${e(dayText(changes.date))}.</p>`];
  if (hot.length) html.push(`<h3>Became Hot (${hot.length})</h3>`, '<ul>', ...hot.map((c) => item(hotLine(c), c.row)), '</ul>');
  if (cold.length) html.push(`<h3>Going cold soon (${cold.length})</h3>`, '<ul>', ...cold.map((g) => item(coldLine(g), g.row)), '</ul>');
  if (alsoText) html.push(`<p>${e(alsoText)}</p>`);
  html.push(`<p style="color:#666">${e(footer)}</p>`);
  return { subject, body: text.join('\n'), htmlBody: html.join('\n') };
}
