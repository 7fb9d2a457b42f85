/** The sidebar's "Suggest points from outcomes" logic (README "Tune the model from outcomes"), on the engine's own suggestion. */
import { describe, expect, it } from 'vitest';
import { RULE_HEADERS, type Cell } from '../../src/engine';
import { suggestedRuleText, suggestRules } from '../../src/engine/suggest';
import { suggestionView } from '../../src/sidebar-api/suggest';
import { aucLine, maxRulesOf, ruleLines, settingsLine, signedPoints, splitLine, useQuestion } from '../../sidebar/suggest';

const today = new Date(Date.UTC(2026, 0, 1));
const headers = ['Name', 'Plan', 'Noise', 'Outcome'];
/** 400 leads: Plan decides the outcome (Pro: 90 % won, Free: 10 %); Noise alternates, independent of it. */
const rows: Cell[][] = Array.from({ length: 400 }, (_, i) => {
  const pro = i % 2 === 0;
  const won = pro ? i % 20 !== 0 : i % 20 === 1;
  return [`Lead ${i}`, pro ? 'Pro' : 'Free', Math.floor(i / 2) % 2 === 0 ? 'red' : 'blue', won ? 'won' : 'lost'];
});
const r = suggestRules({
  settings: null,
  rules: [[...RULE_HEADERS]],
  leads: { headers, rows, firstRow: 2 },
  today,
  outcomeColumn: 'Outcome',
});
if (!r.ok) throw new Error(r.error);
const view = suggestionView(r, { baseScore: 0, hotAt: 70, warmAt: 40 });
if (!view.ok) throw new Error(view.error);

describe('sidebar suggest logic', () => {
  it('the view is plain JSON with the engine figures and no grid', () => {
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view).not.toHaveProperty('grid');
    expect(view.rules).toEqual(r.rules);
    expect(view.sentence).toBe(r.comparison.sentence);
    expect(view.current?.auc).toBe(r.comparison.current?.overall.auc);
    expect(view.suggested?.auc).toBe(r.comparison.suggested?.overall.auc);
    expect(view.training + view.holdout).toBe(400);
    expect(view.tab).toBe('Rules (suggested)');
  });

  it('rule lines: signed points, the rule as text, the evidence note; Plan is chosen, Noise is not', () => {
    const lines = ruleLines(view);
    expect(lines).toHaveLength(r.rules.length);
    r.rules.forEach((x, i) => {
      expect(lines[i].category).toBe(x.category);
      const effect = x.category === 'Negative' ? -Math.abs(x.points) : x.points;
      expect(lines[i].points).toBe(effect > 0 ? `+${effect}` : effect < 0 ? `−${-effect}` : '0');
      expect(lines[i].rule).toBe(`${x.field} ${x.operator} ${x.value}`.trim());
      expect(lines[i].note).toBe(x.note);
    });
    expect(lines.some((l) => /^Plan is (Pro|Free)$/.test(l.rule))).toBe(true);
    expect(lines.some((l) => l.rule.startsWith('Noise'))).toBe(false);
  });

  it('a Negative rule (Points holds the magnitude) shows as subtracting, with a true minus sign', () => {
    expect(r.rules.some((x) => x.category === 'Negative' && x.points > 0)).toBe(true);
    expect(signedPoints('Negative', 100)).toBe('−100');
    expect(signedPoints('Fit', 12)).toBe('+12');
    expect(signedPoints('Behaviour', 0)).toBe('0');
  });

  it('points formatting with a true minus sign', () => {
    const v = {
      ...view,
      rules: [
        { category: 'Negative' as const, field: 'Plan', operator: 'is', value: 'Free', points: -23, note: 'n', text: 'Plan is Free' },
      ],
    };
    expect(ruleLines(v)).toEqual([{ category: 'Negative', points: '−23', rule: 'Plan is Free', note: 'n' }]);
  });

  it("a rule's Per, repeat factor and half-life are in its words", () => {
    expect(suggestedRuleText({ field: 'Visits', operator: '>', value: '0', extra: { per: 'each', repeatFactor: 0.5 } })).toBe(
      'Visits > 0, each (×0.5)',
    );
    expect(suggestedRuleText({ field: 'Visits', operator: '>', value: '0', extra: { per: 'each', repeatFactor: 1 } })).toBe(
      'Visits > 0, each',
    );
    expect(suggestedRuleText({ field: 'Demo', operator: 'is not empty', value: '', extra: { dateField: 'Demo', halfLifeDays: 30 } })).toBe(
      'Demo is not empty, half-life 30 d',
    );
  });

  it('settings, AUC and split lines in words; the question names the changes', () => {
    expect(settingsLine(view)).toBe(`Base score ${r.baseScore} · Hot at ${r.hotAt} · Warm at ${r.warmAt}`);
    const auc = (x: number | null | undefined) => (x === null || x === undefined ? 'too few to judge' : x.toFixed(3));
    expect(aucLine(view)).toBe(
      `Holdout AUC: current rules ${auc(r.comparison.current?.overall.auc)} · suggested ${auc(r.comparison.suggested?.overall.auc)}`,
    );
    expect(splitLine(view)).toBe(
      `Fitted on ${r.training} training leads, compared on ${r.holdout} holdout leads kept out of the fit; ${r.candidates} candidate rules were tried.`,
    );
    expect(useQuestion(view)).toContain(`Base score 0 → ${r.baseScore}, Hot at 70 → ${r.hotAt}, Warm at 40 → ${r.warmAt}.`);
    expect(useQuestion(view)).toContain(`Make the ${r.rules.length} suggested rule`);
  });

  it('Max rules box: blank is the Settings value, 1–50 accepted, anything else refused', () => {
    expect(maxRulesOf('')).toBeUndefined();
    expect(maxRulesOf(' 5 ')).toBe(5);
    expect(maxRulesOf('0')).toBeNull();
    expect(maxRulesOf('2.5')).toBeNull();
    expect(maxRulesOf('abc')).toBeNull();
    expect(maxRulesOf('51')).toBeNull();
  });
});
