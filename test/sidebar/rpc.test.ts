import { describe, expect, it } from 'vitest';
import { createApi, createRpc, illegalValuePath, failureMessage, MAX_CONCURRENT, RpcError, type ScriptRunner } from '../../sidebar/rpc';

/** A fake google.script.run: records calls, answers when told. */
function fakeRun() {
  const pending: Array<{ name: string; args: unknown[]; ok: (v: unknown) => void; fail: (e: unknown) => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const runner = (ok: (v: unknown) => void = () => {}, fail: (e: unknown) => void = () => {}): ScriptRunner =>
    new Proxy({} as ScriptRunner, {
      get(_t, name) {
        if (name === 'withSuccessHandler') return (f: (v: unknown) => void) => runner(f, fail);
        if (name === 'withFailureHandler') return (f: (e: unknown) => void) => runner(ok, f);
        if (name === 'noSuchFunction') return undefined;
        return (...args: unknown[]) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          pending.push({
            name: String(name),
            args,
            ok: (v) => {
              inFlight--;
              ok(v);
            },
            fail: (e) => {
              inFlight--;
              fail(e);
            },
          });
        };
      },
    });
  return {
    run: runner(),
    pending,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('sidebar/rpc: google.script.run in Promises', () => {
  it('resolves with the success value and passes the arguments', async () => {
    const fake = fakeRun();
    const api = createApi(createRpc(() => fake.run));
    const p = api.explainLead(7);
    expect(fake.pending.map((c) => [c.name, c.args])).toEqual([['explainLead', [7]]]);
    fake.pending[0].ok({ ok: true, row: 7 });
    await expect(p).resolves.toEqual({ ok: true, row: 7 });
  });

  it('rejects with the failure handler’s message, in words', async () => {
    const fake = fakeRun();
    const api = createApi(createRpc(() => fake.run));
    const p = api.scoreNow();
    fake.pending[0].fail(new Error('Exception: Service Spreadsheets timed out'));
    await expect(p).rejects.toThrow(new RpcError('Exception: Service Spreadsheets timed out', 'scoreNow'));
    expect(failureMessage('plain text')).toBe('plain text');
    expect(failureMessage(undefined)).toBe('Unknown error');
  });

  it('runs at most 10 calls at once and queues the rest', async () => {
    const fake = fakeRun();
    const rpc = createRpc(() => fake.run);
    const calls = Array.from({ length: 25 }, (_, i) => rpc.call('explainLead', i + 2));
    expect(fake.pending).toHaveLength(MAX_CONCURRENT);
    expect(rpc.active).toBe(10);
    expect(rpc.queued).toBe(15);
    let answered = 0;
    while (answered < 25) {
      const next = fake.pending.shift()!;
      next.ok(next.args[0]);
      answered++;
      await tick();
    }
    await expect(Promise.all(calls)).resolves.toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    expect(fake.maxInFlight).toBe(10);
    expect(rpc.active).toBe(0);
    expect(rpc.queued).toBe(0);
  });

  it('a failure frees its slot too', async () => {
    const fake = fakeRun();
    const rpc = createRpc(() => fake.run, 1);
    const a = rpc.call('getOverview');
    const b = rpc.call('getThresholds');
    expect(fake.pending).toHaveLength(1);
    fake.pending.shift()!.fail(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    expect(fake.pending.map((c) => c.name)).toEqual(['getThresholds']);
    fake.pending.shift()!.ok({ hotAt: 70 });
    await expect(b).resolves.toEqual({ hotAt: 70 });
  });

  it('refuses arguments google.script.run cannot carry, before sending', async () => {
    const fake = fakeRun();
    const rpc = createRpc(() => fake.run);
    const bad = { hotAt: 70, warmAt: 40, maxScore: 100, colours: { hot: new Date() } } as never;
    await expect(rpc.call('saveThresholds', bad)).rejects.toThrow(/Cannot send arguments\[0\]\.colours\.hot to saveThresholds/);
    expect(fake.pending).toHaveLength(0);
    expect(illegalValuePath([1, 'a', true, null, { a: [2] }])).toBeNull();
    expect(illegalValuePath([() => 1])).toBe('argument[0]');
    expect(illegalValuePath({ n: NaN })).toBe('argument.n');
    expect(illegalValuePath(new Map())).toBe('argument');
  });

  it('says so in words outside Sheets, or when the server has no such function', async () => {
    await expect(createRpc(() => undefined).call('getOverview')).rejects.toThrow(/only works inside Google Sheets/);
    const fake = fakeRun();
    const rpc = createRpc(() => fake.run);
    // @ts-expect-error — not a server function: a renamed server function fails typecheck the same way.
    await expect(rpc.call('noSuchFunction')).rejects.toThrow('The server has no function named noSuchFunction.');
    expect(rpc.active).toBe(0);
  });

  it('is typed from the server: wrong arguments do not compile', () => {
    const api = createApi(createRpc(() => undefined));
    // @ts-expect-error — explainLead takes a row number
    void api.explainLead('row 5').catch(() => {});
    // @ts-expect-error — selectProblemCell needs (tab, row, column)
    void api.selectProblemCell('Rules').catch(() => {});
    // @ts-expect-error — not in sidebarApi
    void api.scoreLeadz?.().catch(() => {});
  });
});
