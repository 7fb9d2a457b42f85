import { describe, expect, it } from 'vitest';
import { H, day, setUpWorkbook } from '../helpers/workbook';
import { ASOF, SAMPLE_LEADS } from '../helpers/sample';

/*
 * As of 2026-11-20 (test/helpers/sample.ts):
 * Ada drops on d = 7 (2026-11-27), worked out in test/bundle/history.test.ts.
 * Dee after her active week: 42 + 30·0.5^(d/30) + 15·0.5^(d/21) + 10·0.5^((60+d)/60):
 *   d = 24: 42 + 17.231 + 6.794 + 3.789 = 69.81 → 70, Hot;
 *   d = 25: 42 + 16.837 + 6.573 + 3.746 = 69.16 → 69, Warm: 2026-12-15.
 * Bo (Cold) and Cy (Disqualified) are not Hot: blank; the blank row stays blank.
 */
describe('LEADSCORE_DROPS_ON through the bundle', () => {
  it('gives the forecast day of each Hot lead as yyyy-mm-dd, blank otherwise', () => {
    const { host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    expect(host.runCustomFunction('LEADSCORE_DROPS_ON', [[...H]], SAMPLE_LEADS, day(ASOF)).value).toEqual([
      ['2026-11-27'],
      [''],
      [''],
      [''],
      ['2026-12-15'],
    ]);
  });

  it('the day Ada drops, she is no longer Hot, so nothing is forecast for her', () => {
    const { host } = setUpWorkbook(SAMPLE_LEADS, { asOf: ASOF });
    expect(host.runCustomFunction('LEADSCORE_DROPS_ON', [[...H]], [SAMPLE_LEADS[0]], '2026-11-26').value).toEqual([['2026-11-27']]);
    expect(host.runCustomFunction('LEADSCORE_DROPS_ON', [[...H]], [SAMPLE_LEADS[0]], '2026-11-27').value).toEqual([['']]);
  });
});
