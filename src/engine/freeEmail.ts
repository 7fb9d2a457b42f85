/**
 * Free (consumer) email providers. Curated rather than taken from a large package: the big public
 * lists either weigh 270 KB (too much for the Apps Script bundle) or include company domains such
 * as facebook.com and universities, which would wrongly mark B2B leads down. Families cover the
 * country variants (yahoo.co.uk, hotmail.fr, gmx.de …).
 */
export const EXACT = new Set([
  'gmail.com',
  'googlemail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'aim.com',
  'msn.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'zoho.com',
  'zohomail.com',
  'mail.com',
  'email.com',
  'usa.com',
  'inbox.com',
  'fastmail.com',
  'fastmail.fm',
  'hey.com',
  'hushmail.com',
  'mailfence.com',
  'posteo.de',
  'web.de',
  't-online.de',
  'freenet.de',
  'arcor.de',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'virgilio.it',
  'tiscali.it',
  'alice.it',
  'btinternet.com',
  'sky.com',
  'virginmedia.com',
  'ntlworld.com',
  'talktalk.net',
  'comcast.net',
  'verizon.net',
  'att.net',
  'sbcglobal.net',
  'bellsouth.net',
  'cox.net',
  'charter.net',
  'earthlink.net',
  'optonline.net',
  'juno.com',
  'shaw.ca',
  'rogers.com',
  'sympatico.ca',
  'bigpond.com',
  'optusnet.com.au',
  'xtra.co.nz',
  'mail.ru',
  'bk.ru',
  'inbox.ru',
  'list.ru',
  'rambler.ru',
  'ukr.net',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
  'qq.com',
  '163.com',
  '126.com',
  'sina.com',
  'sohu.com',
  'yeah.net',
  'aliyun.com',
  'naver.com',
  'daum.net',
  'hanmail.net',
  'rediffmail.com',
  'uol.com.br',
  'bol.com.br',
  'terra.com.br',
  'rocketmail.com',
  'ymail.com',
  'lycos.com',
  'excite.com',
  'yopmail.com',
  'mailinator.com',
  'guerrillamail.com',
  '10minutemail.com',
  'temp-mail.org',
]);

/** Providers whose name is the first label, under any country suffix: yahoo.*, hotmail.* … */
export const FAMILIES = new Set(['yahoo', 'hotmail', 'outlook', 'live', 'windowslive', 'gmx', 'yandex']);

/**
 * The address in a cell: the part inside <…> of a display-name form (`Tom Berger <tom@gmail.com>`,
 * `"Berger, Tom" <x@yahoo.co.uk>`, as mail programs and CRM exports write it), without a `mailto:`
 * prefix or `?subject=…` query, trimmed.
 */
export function emailAddress(text: string): string {
  let s = text.trim();
  const close = s.lastIndexOf('>');
  const open = close > 0 ? s.lastIndexOf('<', close) : -1;
  if (open >= 0) s = s.slice(open + 1, close).trim();
  if ((s[0] === 'm' || s[0] === 'M') && /^mailto:/i.test(s)) s = s.slice(7).trim();
  const query = s.indexOf('?');
  return query >= 0 ? s.slice(0, query).trim() : s;
}

/** True when the address's domain (after the last "@") is a free email provider. */
export function isFreeEmail(text: string): boolean {
  const address = emailAddress(text);
  const at = address.lastIndexOf('@');
  if (at < 0) return false;
  let domain = address
    .slice(at + 1)
    .trim()
    .toLowerCase();
  if (domain.endsWith('.')) domain = domain.slice(0, -1);
  if (domain === '') return false;
  if (EXACT.has(domain)) return true;
  const dot = domain.indexOf('.');
  return dot > 0 && FAMILIES.has(domain.slice(0, dot));
}
