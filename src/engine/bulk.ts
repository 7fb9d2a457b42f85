/**
 * Bulk scoring (Score leads, the custom functions' score columns): the same rule as scoreDetailed
 * (every cell goes through `evaluate`, every lead through `leadScore`), computed on columns for
 * speed. Rows are taken a block at a time; in a block each needed column is read once (text,
 * number or day, shared by all the rules on it), each rule is one pass over its column, category
 * totals add up in typed arrays, and a contribution is kept as a small int (its Why part), not an
 * object. Why texts come from a trie of parts, so leads with the same parts share one string.
 */
import type { Cell, Day, LeadScore, Settings } from './types';
import { isBlank, roundPoints, toNumber } from './text';
import { BLANK_DAY, dayNumber } from './dates';
import { cellText, type Reading, type TestContext } from './operators';
import type { BoundRule } from './bind';
import {
  evaluate,
  leadScore,
  contribution,
  blankHit,
  addIssue,
  isBlankRow,
  DISQUALIFIES,
  SCORES,
  NO_TEXTS,
  NO_CONTRIBUTIONS,
  type Hit,
} from './score';
import { evaluateActivity } from './activity';
import { whyPart, disqualifiedPart, joinPart, finishWhy, whyHasTail, basePart } from './why';

/** Rows per block: big enough to amortise the per-rule loop, small enough that a block's columns stay in cache. */
const BLOCK = 2048;
/** No Why part here (it rounds to 0); a part kept only for this lead (not shared). */
const NO_PART = -1;
const OWN_PART = -2;
/** Bounds on the shared texts, so a column of all-different counts or ages can't grow them without limit. */
const MAX_PARTS = 1 << 20;
const MAX_NODES = 1 << 20;
const AGE_KEYS = 1 << 22;

/** The Why parts of one run, each text built once and numbered. */
class Parts {
  texts: string[] = [];
  private byRule: Array<Map<number, number>>;
  private disqualified = new Map<string, number>();
  constructor(rules: number) {
    this.byRule = Array.from({ length: rules }, () => new Map());
  }
  /**
   * The part of a hit of rule `r`: its text depends only on the label (the alternative, or the
   * count for `each` rules) and the signal's age, so that pair is the key. Returns OWN_PART when
   * the hit can't be keyed (a fractional count, an age beyond the key's range, the table full).
   */
  of(r: number, rule: BoundRule, hit: Hit): number {
    const label = hit.count !== null ? hit.count : hit.alt;
    const age = hit.ageDays ?? (hit.noDate ? -2 : -1);
    if (!Number.isInteger(label) || age + 2 >= AGE_KEYS) return OWN_PART;
    const key = label * AGE_KEYS + age + 2;
    const map = this.byRule[r];
    let id = map.get(key);
    if (id === undefined) {
      if (this.texts.length >= MAX_PARTS) return OWN_PART;
      id = this.texts.push(whyPart(contribution(rule, hit))) - 1;
      map.set(key, id);
    }
    return id;
  }
  disqualifier(labels: string[]): number {
    const key = labels.length === 1 ? labels[0] : labels.join('\n');
    let id = this.disqualified.get(key);
    if (id === undefined) {
      if (this.texts.length >= MAX_PARTS) return OWN_PART;
      id = this.texts.push(disqualifiedPart(labels)) - 1;
      this.disqualified.set(key, id);
    }
    return id;
  }
}

/**
 * Why heads (disqualifier and parts, in order) as a trie: node 0 is the empty head; each child
 * appends one part. Children are found in an open-addressing table of ints, one entry (parent,
 * part, child) per 12 bytes, at most half full, grown fourfold (little garbage left behind).
 */
class Heads {
  texts: string[] = [''];
  /** The whole Why of a node for leads without caps or issues, when it is more than the head (cached on first use). */
  finals = new Map<number, string>();
  private table = new Int32Array(3 << 12).fill(-1);
  private shift = 32 - 12;
  constructor(private parts: Parts) {}
  /** The node after appending part `p` to `node`, or -1 when the trie is full. */
  child(node: number, p: number): number {
    const table = this.table;
    const mask = table.length / 3 - 1;
    let h = this.slot(node, p);
    for (; table[h * 3] !== -1; h = (h + 1) & mask) {
      if (table[h * 3] === node && table[h * 3 + 1] === p) return table[h * 3 + 2];
    }
    if (this.texts.length >= MAX_NODES) return -1;
    const next = this.texts.push(joinPart(this.texts[node], this.parts.texts[p])) - 1;
    table[h * 3] = node;
    table[h * 3 + 1] = p;
    table[h * 3 + 2] = next;
    if (next * 2 > mask) this.grow();
    return next;
  }
  /** Fibonacci hashing: the high bits of the product. */
  private slot(node: number, p: number): number {
    return Math.imul(node ^ Math.imul(p + 1, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }
  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 4).fill(-1);
    this.shift -= 2;
    const mask = this.table.length / 3 - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i] === -1) continue;
      let h = this.slot(old[i], old[i + 1]);
      while (this.table[h * 3] !== -1) h = (h + 1) & mask;
      this.table.set(old.subarray(i, i + 3), h * 3);
    }
  }
}

export function scoreBulk(
  rules: BoundRule[],
  rows: Cell[][],
  firstRow: number,
  settings: Settings,
  asOfDay: Day,
  dayOf: (d: Date) => Day | null,
  warning: string[],
): Array<LeadScore | null> {
  const n = rules.length;
  // Column readings: one slot per (column, reading) that some rule needs.
  const slotKeys: string[] = [];
  const slotOf = (col: number, reads: Reading): number => {
    const key = `${col}:${reads}`;
    const i = slotKeys.indexOf(key);
    return i >= 0 ? i : slotKeys.push(key) - 1;
  };
  const fieldSlot = rules.map((r) => (r.condition.reads === 'cell' ? -1 : slotOf(r.fieldCol, r.condition.reads)));
  const dateSlot = rules.map((r) => (r.dateCol >= 0 ? slotOf(r.dateCol, 'day') : -1));
  const slots = slotKeys.map((key) => {
    const [col, reads] = key.split(':');
    return { col: Number(col), reads: reads as Reading, texts: [] as string[], nums: new Float64Array(BLOCK) };
  });
  const NO_TEXT: string[] = [];
  const NO_NUMS = new Float64Array(BLOCK).fill(NaN);
  const BLANK_DAYS = new Float64Array(BLOCK).fill(BLANK_DAY);

  const blank = new Uint8Array(BLOCK);
  const fit = new Float64Array(BLOCK);
  const behaviour = new Float64Array(BLOCK);
  const negative = new Float64Array(BLOCK);
  const points = new Float64Array(n * BLOCK);
  const partAt = new Int32Array(n * BLOCK);
  const ownParts = new Map<number, string>();
  const issues: string[][] = new Array(BLOCK).fill(NO_TEXTS);
  const disqualifiedBy: string[][] = new Array(BLOCK).fill(NO_TEXTS);
  const order = new Int32Array(n);
  const parts = new Parts(n);
  const heads = new Heads(parts);
  // The Base score's part (README "Scoring"): node 0 when it is 0, else the trie node after it.
  const baseText = basePart(settings);
  const baseNode = baseText === '' ? 0 : heads.child(0, parts.texts.push(baseText) - 1);
  const hit = blankHit();
  let lead = 0;
  const ctx: TestContext = {
    asOfDay,
    dayOf,
    field: '',
    issue: (reason) => {
      issues[lead] = addIssue(issues[lead], reason);
    },
  };
  const leads: Array<LeadScore | null> = new Array(rows.length);

  for (let start = 0; start < rows.length; start += BLOCK) {
    const size = Math.min(BLOCK, rows.length - start);
    for (let i = 0; i < size; i++) blank[i] = isBlankRow(rows[start + i]) ? 1 : 0;
    for (const slot of slots) {
      for (let i = 0; i < size; i++) {
        if (blank[i]) continue;
        const v = rows[start + i][slot.col];
        if (slot.reads === 'text') slot.texts[i] = cellText(v, dayOf);
        else slot.nums[i] = slot.reads === 'number' ? (toNumber(v) ?? NaN) : dayNumber(v, dayOf);
      }
    }
    fit.fill(0);
    behaviour.fill(0);
    negative.fill(0);
    partAt.fill(NO_PART);
    issues.fill(NO_TEXTS);
    disqualifiedBy.fill(NO_TEXTS);
    ownParts.clear();

    // Each rule: one pass over its column(s).
    for (let r = 0; r < n; r++) {
      const rule = rules[r];
      const field = fieldSlot[r] >= 0 ? slots[fieldSlot[r]] : null;
      const texts = field && field.reads === 'text' ? field.texts : NO_TEXT;
      const nums = field && field.reads !== 'text' ? field.nums : NO_NUMS;
      const days = dateSlot[r] >= 0 ? slots[dateSlot[r]].nums : BLANK_DAYS;
      const totals = rule.category === 'Fit' ? fit : rule.category === 'Behaviour' ? behaviour : negative;
      const base = r * BLOCK;
      // A blank cell satisfies only `is empty` and says nothing (README "Operators"): skipped unseen.
      const skipBlank = rule.operator !== 'is empty';
      if (rule.activity) {
        // Activity rules (README "Activity"): the lead's events through the same evaluateActivity as
        // scoreDetailed; a lead with no events is still tested (`< 1` holds on it). Their Why parts
        // carry each lead's own ages, so they are kept per lead, not shared.
        for (let i = 0; i < size; i++) {
          if (blank[i]) continue;
          lead = i;
          const outcome = evaluateActivity(rule, rows[start + i], ctx, hit);
          if (outcome === DISQUALIFIES) {
            const label = rule.labels[hit.alt];
            if (disqualifiedBy[i] === NO_TEXTS) disqualifiedBy[i] = [label];
            else disqualifiedBy[i].push(label);
          }
          if (outcome !== SCORES) continue;
          totals[i] += hit.points;
          if (roundPoints(hit.points) === 0) continue;
          points[base + i] = hit.points;
          partAt[base + i] = OWN_PART;
          ownParts.set(base + i, whyPart(contribution(rule, hit)));
        }
        continue;
      }
      for (let i = 0; i < size; i++) {
        if (blank[i]) continue;
        const cells = rows[start + i];
        if (skipBlank && isBlank(cells[rule.fieldCol])) continue;
        lead = i;
        const outcome = evaluate(rule, cells, texts === NO_TEXT ? '' : texts[i], nums[i], days[i], ctx, hit);
        if (outcome === DISQUALIFIES) {
          const label = rule.labels[hit.alt];
          if (disqualifiedBy[i] === NO_TEXTS) disqualifiedBy[i] = [label];
          else disqualifiedBy[i].push(label);
        }
        if (outcome !== SCORES) continue;
        totals[i] += hit.points;
        if (roundPoints(hit.points) === 0) continue; // not in Why
        points[base + i] = hit.points;
        const p = parts.of(r, rule, hit);
        partAt[base + i] = p;
        if (p === OWN_PART) ownParts.set(base + i, whyPart(contribution(rule, hit)));
      }
    }

    // Each lead: totals, then Why from its parts, largest first (ties: Rules row).
    for (let i = 0; i < size; i++) {
      if (blank[i]) {
        leads[start + i] = null;
        continue;
      }
      let count = 0;
      for (let r = 0; r < n; r++) {
        if (partAt[r * BLOCK + i] === NO_PART) continue;
        const magnitude = Math.abs(points[r * BLOCK + i]);
        let j = count++;
        while (j > 0) {
          const prev = order[j - 1];
          const m = Math.abs(points[prev * BLOCK + i]);
          if (m > magnitude || (m === magnitude && rules[prev].row < rules[r].row)) break;
          order[j] = prev;
          j--;
        }
        order[j] = r;
      }
      const score = leadScore(
        firstRow + start + i,
        fit[i],
        behaviour[i],
        negative[i],
        disqualifiedBy[i],
        issues[i],
        NO_CONTRIBUTIONS,
        settings,
      );
      // The head (disqualifier and parts) through the trie, or built as text from the first part the
      // trie can't take (a part kept for this lead alone, or a full trie).
      let node = 0;
      let head: string | null = null;
      const dq = disqualifiedBy[i];
      // The Base score is the first part of every lead that is not disqualified (as formatWhy has it).
      if (dq === NO_TEXTS && baseNode !== 0) {
        if (baseNode > 0) node = baseNode;
        else head = baseText;
      }
      if (dq !== NO_TEXTS) {
        const p = parts.disqualifier(dq);
        const next = p === OWN_PART ? -1 : heads.child(0, p);
        if (next >= 0) node = next;
        else head = disqualifiedPart(dq);
      }
      for (let k = 0; k < count; k++) {
        const at = order[k] * BLOCK + i;
        const p = partAt[at];
        if (head === null) {
          const next = p === OWN_PART ? -1 : heads.child(node, p);
          if (next >= 0) {
            node = next;
            continue;
          }
          head = heads.texts[node];
        }
        head = joinPart(head, p === OWN_PART ? ownParts.get(at)! : parts.texts[p]);
      }
      if (head !== null || whyHasTail(score, settings)) score.why = finishWhy(head ?? heads.texts[node], score, settings, warning);
      else if (node > 0 && warning.length === 0)
        score.why = heads.texts[node]; // Why is the head itself
      else {
        let why = heads.finals.get(node);
        if (why === undefined) heads.finals.set(node, (why = finishWhy(heads.texts[node], score, settings, warning)));
        score.why = why;
      }
      leads[start + i] = score;
    }
  }
  return leads;
}
