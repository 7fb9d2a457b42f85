/**
 * Compiles a user's `matches` pattern, refusing patterns that can backtrack for ever.
 * JavaScript regexes have no time limit, so a pattern like `(a+)+$` on a long cell would hang
 * the whole run. We refuse (conservatively) any repeated group that itself contains a repeat or
 * an alternation, and back-references; these are the shapes behind catastrophic backtracking.
 */
export type RegexResult = { ok: true; regex: RegExp } | { ok: false; reason: string };

const MAX_PATTERN_LENGTH = 500;

export function compileSafeRegex(pattern: string): RegexResult {
  if (pattern.trim() === '') return { ok: false, reason: 'the pattern is blank.' };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters.` };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'i');
  } catch (e) {
    return { ok: false, reason: `'${pattern}' is not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: /, '')}).` };
  }
  const unsafe = findUnsafeShape(pattern);
  if (unsafe) return { ok: false, reason: `'${pattern}' could take forever on some cells (${unsafe}). Simplify it, e.g. use 'a+' instead of '(a+)+'.` };
  return { ok: true, regex };
}

interface GroupState {
  hasRepeat: boolean;
  hasAlternation: boolean;
}

function findUnsafeShape(p: string): string | null {
  const stack: GroupState[] = [{ hasRepeat: false, hasAlternation: false }];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      const next = p[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'a back-reference';
      if (!inClass && next === 'k' && p[i + 2] === '<') return 'a back-reference';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === '(') {
      stack.push({ hasRepeat: false, hasAlternation: false });
    } else if (c === ')') {
      const group = stack.pop()!;
      if (stack.length === 0) return null; // unbalanced: RegExp already rejected it
      const parent = stack[stack.length - 1];
      const quantified = isQuantifier(p, i + 1);
      if (quantified && isUnbounded(p, i + 1) && (group.hasRepeat || group.hasAlternation)) {
        return group.hasRepeat ? 'a repeat inside a repeated group' : 'alternatives inside a repeated group';
      }
      if (group.hasRepeat || quantified) parent.hasRepeat = true;
      if (group.hasAlternation) parent.hasAlternation = parent.hasAlternation || quantified;
    } else if (c === '|') {
      top.hasAlternation = true;
    } else if (isQuantifier(p, i) && isUnbounded(p, i)) {
      top.hasRepeat = true;
    }
  }
  return null;
}

function isQuantifier(p: string, i: number): boolean {
  const c = p[i];
  return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(p.slice(i)));
}

/** `*`, `+` and `{n,}` repeat without bound; `?` and `{n}`/`{n,m}` do not explode the same way. */
function isUnbounded(p: string, i: number): boolean {
  const c = p[i];
  if (c === '*' || c === '+') return true;
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    return !!m && m[2] !== undefined && (m[3] === '' || Number(m[3]) > 10);
  }
  return false;
}
