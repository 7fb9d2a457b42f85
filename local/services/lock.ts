/**
 * LockService — https://developers.google.com/apps-script/reference/lock/lock
 * The host runs one execution at a time, so "another execution holds the lock"
 * is simulated with host.holdLock(kind). tryLock then waits its whole timeout
 * (added to the host's virtual clock) and returns false; waitLock throws
 * "Lock timeout: another process was holding the lock for too long." as Apps
 * Script does. Locks still held when a run ends are released, as on Google's side.
 * The custom-functions guide lists Lock as "Works" there, so both modes allow it.
 */
import { gasException, type HostContext, type LockKind } from './context.js';
import { expose } from './expose.js';

function makeLock(ctx: HostContext, kind: LockKind) {
  const tryLock = (timeoutMs: number) => {
    if (ctx.heldHere.has(kind)) return true;
    if (ctx.heldElsewhere.has(kind)) {
      ctx.virtualMs += Math.max(0, Number(timeoutMs) || 0);
      return false;
    }
    ctx.heldHere.add(kind);
    return true;
  };
  return expose(ctx, 'Lock', {
    toString: () => 'Lock',
    tryLock,
    waitLock(timeoutMs: number) {
      if (!tryLock(timeoutMs)) throw gasException(ctx, 'Lock timeout: another process was holding the lock for too long.');
    },
    hasLock: () => ctx.heldHere.has(kind),
    releaseLock: () => void ctx.heldHere.delete(kind),
  });
}

export function makeLockService(ctx: HostContext) {
  return expose(ctx, 'LockService', {
    toString: () => 'LockService',
    getDocumentLock: () => makeLock(ctx, 'document'),
    getScriptLock: () => makeLock(ctx, 'script'),
  }) as unknown as GoogleAppsScript.Lock.LockService;
}
