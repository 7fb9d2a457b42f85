import { describe, expect, it } from 'vitest';
import { hostWith, thrown } from './helpers';

const code = `
function install(h) { return ScriptApp.newTrigger('tick').timeBased().atHour(h).everyDays(1).create().getUniqueId(); }
function onSubmit() { return ScriptApp.newTrigger('submitted').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onFormSubmit().create().getEventType() === ScriptApp.EventType.ON_FORM_SUBMIT; }
function list() { return ScriptApp.getProjectTriggers().map(function (t) { return [t.getHandlerFunction(), String(t.getEventType()), String(t.getTriggerSource()), t.getUniqueId()].join(' '); }); }
function removeAll(name) { ScriptApp.getProjectTriggers().forEach(function (t) { if (t.getHandlerFunction() === name) ScriptApp.deleteTrigger(t); }); }
function tick(e) { PropertiesService.getScriptProperties().setProperty('event', JSON.stringify(e)); SpreadsheetApp.getUi(); }
function listInCell() { return ScriptApp.getProjectTriggers().length; }
`;

describe('ScriptApp installable triggers (local host)', () => {
  it('creates, lists and deletes time-driven and form-submit triggers', () => {
    const { host } = hostWith(code);
    const id = host.run('install', 7) as string;
    expect(id).toMatch(/^\d{19}$/);
    expect(host.run('onSubmit')).toBe(true);
    expect(host.run('list')).toEqual([`tick CLOCK CLOCK ${id}`, expect.stringMatching(/^submitted ON_FORM_SUBMIT SPREADSHEETS \d+$/)]);
    expect(host.triggers.map((t) => [t.handlerFunction, t.atHour, t.everyDays])).toEqual([
      ['tick', 7, 1],
      ['submitted', undefined, undefined],
    ]);
    host.run('removeAll', 'tick');
    expect(host.triggers.map((t) => t.handlerFunction)).toEqual(['submitted']);
  });

  it("refuses a 21st trigger with Apps Script's message, and a bad hour", () => {
    const { host } = hostWith(code);
    for (let i = 0; i < 20; i++) host.run('install', 7);
    expect(new Set(host.triggers.map((t) => t.uniqueId)).size).toBe(20);
    expect(thrown(() => host.run('install', 7))).toBe(
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    const other = hostWith(code).host;
    expect(thrown(() => other.run('install', 24))).toBe('Exception: Invalid argument: hour');
    expect(thrown(() => other.run('install', '7'))).toBe(
      "Exception: The parameters (String) don't match the method signature for ClockTriggerBuilder.atHour.",
    );
  });

  it('is refused in custom functions', () => {
    const { host } = hostWith(code);
    expect(thrown(() => host.runCustomFunction('listInCell'))).toBe('Exception: You do not have permission to call getProjectTriggers');
  });

  it('fires clock triggers with the time-driven event object and no Ui', () => {
    const { host } = hostWith(code, [], { now: new Date('2026-12-03T07:12:30Z') });
    const id = host.run('install', 7) as string;
    const fired = host.fireTimeTriggers();
    expect(fired).toEqual([
      { uniqueId: id, handlerFunction: 'tick', error: 'Exception: Cannot call SpreadsheetApp.getUi() from this context.' },
    ]);
    expect(JSON.parse(host.properties.script.get('event')!)).toEqual({
      authMode: 'FULL',
      'day-of-month': 3,
      'day-of-week': 4,
      hour: 7,
      minute: 12,
      month: 12,
      second: 30,
      timezone: 'UTC',
      triggerUid: id,
      'week-of-year': 49,
      year: 2026,
    });
    // A failed execution keeps its trigger.
    expect(host.triggers.length).toBe(1);
  });
});
