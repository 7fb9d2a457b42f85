/**
 * The `matches` operator's regular expressions, run by RE2 (the re2js port, plain JavaScript):
 * matching time is linear in the text for every pattern, so no cell can hang a run. JavaScript's
 * own RegExp backtracks, and no check of pattern shapes catches every slow one.
 * What RE2 cannot run in linear time (back-references, lookaheads) is refused with a hint;
 * lookaheads right after a leading `^` are run as separate tests (see `splitLeadingLookaheads`).
 */
import { RE2JS } from 're2js';

export interface Matcher {
  /** True when the pattern is found anywhere in the text (like RegExp.prototype.test). */
  test(text: string): boolean;
}

export type RegexResult = { ok: true; matcher: Matcher } | { ok: false; reason: string };

export const MAX_PATTERN_LENGTH = 500;
/**
 * Work per character grows with the compiled program, so its size is capped: at 500
 * instructions the first 2,000-character cell took ~60 ms at worst (RE2 then reuses its cached
 * states), while real patterns (an email shape, a list of titles) compile to under 100.
 */
export const MAX_INSTRUCTIONS = 500;

const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.LOOKBEHINDS;

/** JavaScript's \s; RE2's is ASCII only, and cells pasted from the web are full of no-break spaces. */
const JS_SPACE = '\\t\\n\\x0B\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';

const LOOKAHEAD_HINT =
  "Lookaheads work only right after a leading ^, as in ^(?=.*vp)(?=.*sales); otherwise write one rule per condition, or use 'contains'.";

export function compileSafeRegex(pattern: string): RegexResult {
  if (pattern.trim() === '') return { ok: false, reason: 'the pattern is blank.' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters.` };
  const unsupported = findUnsupported(pattern);
  if (unsupported) return { ok: false, reason: `'${pattern}' ${unsupported}` };

  const split = splitLeadingLookaheads(pattern);
  const parts: Array<{ re: RE2JS; negated: boolean }> = [];
  let instructions = 0;
  // `^(?=…)` with nothing after: the lookaheads alone decide.
  const pieces = split
    ? [...split.lookaheads, ...(split.rest === '' ? [] : [{ body: split.rest, negated: false }])]
    : [{ body: pattern, negated: false }];
  for (const piece of pieces) {
    const source = split ? `^(?:${piece.body})` : piece.body;
    let re: RE2JS;
    try {
      re = RE2JS.compile(RE2JS.translateRegExp(withJsSpaces(source)), FLAGS);
    } catch (e) {
      return { ok: false, reason: `'${pattern}' is not a valid regular expression (${explain((e as Error).message)}).` };
    }
    instructions += re.re2().numberOfInstructions();
    parts.push({ re, negated: piece.negated });
  }
  if (instructions > MAX_INSTRUCTIONS) {
    return {
      ok: false,
      reason: `'${pattern}' is too large to run quickly on every lead (${instructions} steps, at most ${MAX_INSTRUCTIONS}). Use shorter counted repeats, e.g. \\w+ instead of \\w{1000}.`,
    };
  }
  if (parts.length === 1 && !parts[0].negated) {
    const only = parts[0].re;
    return { ok: true, matcher: { test: (text) => only.test(text) } };
  }
  return { ok: true, matcher: { test: (text) => parts.every((p) => p.re.test(text) !== p.negated) } };
}

/** `\s` and `\S` as JavaScript means them (`\S` inside a class is left to RE2: rare, and not expressible there). */
function withJsSpaces(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      const next = p[i + 1] ?? '';
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += c + next;
      i++;
      continue;
    }
    out += c;
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') out += p[++i];
    }
  }
  return out;
}

/** RE2's messages read "error parsing regexp: missing closing ]: `[`"; keep the part after the prefix. */
function explain(message: string): string {
  return message.replace(/^error parsing regexp: /, '').replace('`(?i)', '`');
}

/** Back-references and misplaced lookaheads, with what to write instead; null when none. */
function findUnsupported(p: string): string | null {
  const split = splitLeadingLookaheads(p);
  if (split === null && /^\^\(\?[=!]/.test(p) && hasTopLevelBar(p)) {
    return 'has alternatives (|) after its lookaheads, so they would apply to the first alternative only. Group them: ^(?=.*a)(?:b|c).';
  }
  const scanned = split ? [split.rest, ...split.lookaheads.map((l) => l.body)] : [p];
  for (const s of scanned) {
    let inClass = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') {
        const next = s[i + 1] ?? '';
        if (!inClass && (/[1-9]/.test(next) || (next === 'k' && s[i + 2] === '<'))) {
          return `uses a back-reference (${next === 'k' ? '\\k<…>' : `\\${next}`}), which can't run in bounded time. Spell the repeated text out instead, e.g. (ab|cd)\\1 as abab|cdcd.`;
        }
        i++;
      } else if (inClass) {
        if (c === ']') inClass = false;
      } else if (c === '[') {
        inClass = true;
        if (s[i + 1] === '^') i++;
      } else if (c === '(' && s[i + 1] === '?' && (s[i + 2] === '=' || s[i + 2] === '!')) {
        return `uses a lookahead, ${s.slice(i, i + 3)}…, that is not at the start. ${LOOKAHEAD_HINT}`;
      }
    }
  }
  return null;
}

interface Lookahead {
  body: string;
  negated: boolean;
}

/**
 * `^(?=A)(?!B)R` holds when `^(?:A)` matches, `^(?:B)` does not and `^(?:R)` matches: every
 * lookahead is tried at the start of the text, so each is an independent linear-time test.
 * Null when the pattern has no such prefix, or when R has a top-level `|` (then `^(?=A)` belongs
 * to the first alternative only and the split would be wrong).
 */
function splitLeadingLookaheads(p: string): { lookaheads: Lookahead[]; rest: string } | null {
  if (!p.startsWith('^(?=') && !p.startsWith('^(?!')) return null;
  const lookaheads: Lookahead[] = [];
  let i = 1;
  while (p.startsWith('(?=', i) || p.startsWith('(?!', i)) {
    const end = closingParen(p, i);
    if (end < 0) return null; // unbalanced: RE2 will say so
    lookaheads.push({ body: p.slice(i + 3, end), negated: p[i + 2] === '!' });
    i = end + 1;
  }
  const rest = p.slice(i);
  if (hasTopLevelBar(rest)) return null;
  return { lookaheads, rest };
}

/** Index of the `)` closing the group opened at `open`, skipping escapes and classes; -1 if none. */
function closingParen(p: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function hasTopLevelBar(p: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * The RE2 sources a `matches` pattern runs as (for the model as SQL, README "When your leads
 * outgrow Sheets"): one per piece, `negated` for a `(?!…)` lookahead; every piece must hold (or,
 * negated, fail). The same translation compileSafeRegex runs, so a warehouse's RE2 sees what re2js
 * sees; null when the pattern does not compile here.
 */
export function regexSources(pattern: string): Array<{ source: string; negated: boolean }> | null {
  if (!compileSafeRegex(pattern).ok) return null;
  const split = splitLeadingLookaheads(pattern);
  const pieces = split
    ? [...split.lookaheads, ...(split.rest === '' ? [] : [{ body: split.rest, negated: false }])]
    : [{ body: pattern, negated: false }];
  return pieces.map((piece) => ({
    source: RE2JS.translateRegExp(withJsSpaces(split ? `^(?:${piece.body})` : piece.body)),
    negated: piece.negated,
  }));
}
