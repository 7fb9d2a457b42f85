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
  if (unsafe) {
    const hint = unsafe.startsWith('several') ? "drop a leading or trailing '.*' (matches finds the pattern anywhere in the cell)" : "use 'a+' instead of '(a+)+'";
    return { ok: false, reason: `'${pattern}' could take forever on some cells (${unsafe}). Simplify it, e.g. ${hint}.` };
  }
  return { ok: true, regex };
}

interface GroupState {
  hasRepeat: boolean;
  hasAlternation: boolean;
  /** Unbounded repeats of wildcard atoms (`.`, `\S`, `[^…]` …) in the group, counted with bounded multiplicity. */
  wild: number;
  /** The group holds a wildcard atom. */
  hasWildAtom: boolean;
}

/**
 * Besides nested repeats, several unbounded wildcards in a row (`.*.*.*x`, `(.*a){12}x`) backtrack
 * polynomially: on a 2,000-character cell that is minutes. Three or more are refused.
 */
const MAX_WILD_REPEATS = 2;

function findUnsafeShape(p: string): string | null {
  const fresh = (): GroupState => ({ hasRepeat: false, hasAlternation: false, wild: 0, hasWildAtom: false });
  const stack: GroupState[] = [fresh()];
  let inClass = false;
  let lastAtomWild = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    const top = stack[stack.length - 1];
    if (c === '\\') {
      const next = p[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return 'a back-reference';
      if (!inClass && next === 'k' && p[i + 2] === '<') return 'a back-reference';
      if (!inClass) {
        lastAtomWild = /[SWD]/.test(next);
        if (lastAtomWild) top.hasWildAtom = true;
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      lastAtomWild = p[i + 1] === '^';
      if (lastAtomWild) top.hasWildAtom = true;
      continue;
    }
    if (c === '(') {
      stack.push(fresh());
      lastAtomWild = false;
    } else if (c === ')') {
      const group = stack.pop()!;
      if (stack.length === 0) return null; // unbalanced: RegExp already rejected it
      const parent = stack[stack.length - 1];
      const quantified = isQuantifier(p, i + 1);
      const unbounded = quantified && isUnbounded(p, i + 1);
      if (unbounded && (group.hasRepeat || group.hasAlternation)) {
        return group.hasRepeat ? 'a repeat inside a repeated group' : 'alternatives inside a repeated group';
      }
      if (group.hasRepeat || quantified) parent.hasRepeat = true;
      if (group.hasAlternation) parent.hasAlternation = parent.hasAlternation || quantified;
      parent.wild += group.wild * (quantified && !unbounded ? maxCount(p, i + 1) : 1) + (unbounded && group.hasWildAtom ? 1 : 0);
      parent.hasWildAtom = parent.hasWildAtom || group.hasWildAtom;
      lastAtomWild = false;
    } else if (c === '|') {
      top.hasAlternation = true;
      lastAtomWild = false;
    } else if (isQuantifier(p, i)) {
      if (isUnbounded(p, i)) {
        top.hasRepeat = true;
        if (lastAtomWild) top.wild++;
      }
      lastAtomWild = false;
    } else {
      lastAtomWild = c === '.';
      if (lastAtomWild) top.hasWildAtom = true;
    }
  }
  if (stack[0].wild > MAX_WILD_REPEATS) return 'several wildcard repeats such as .* in a row';
  return null;
}

/** The upper count of a bounded quantifier: 1 for `?`, n for `{n}`, m for `{n,m}`. */
function maxCount(p: string, i: number): number {
  const m = /^\{(\d+)(?:,(\d+))?\}/.exec(p.slice(i));
  return m ? Number(m[2] ?? m[1]) : 1;
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
