/**
 * PropertiesService and CacheService.
 * Limits (https://developers.google.com/apps-script/guides/services/quotas):
 * properties 9 KB a value and 500 KB a store; cache 100 KB a value, keys of at
 * most 250 characters, expiration at most 21600 s
 * (https://developers.google.com/apps-script/reference/cache/cache).
 * Error texts as Apps Script prints them: "Argument too large: value",
 * "You have exceeded the property storage quota. Please remove some properties and try again."
 */
import { describeArgs, gasException, type HostContext, type StoreKind } from './context.js';
import { expose } from './expose.js';

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_KEY_LIMIT = 250;
export const CACHE_MAX_SECONDS = 21600;
const CACHE_DEFAULT_SECONDS = 600;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function makeProperties(ctx: HostContext, kind: StoreKind) {
  const store = ctx.properties[kind];
  const className = 'Properties';
  let self: unknown;
  const storeSize = (without?: Set<string>) => {
    let n = 0;
    for (const [k, v] of store) if (!without?.has(k)) n += bytes(k) + bytes(v);
    return n;
  };
  /** Validates a batch of writes against both limits before changing anything. */
  const checkWrites = (entries: [string, string][], dropOthers: boolean) => {
    for (const [, v] of entries) if (bytes(v) > PROPERTY_VALUE_LIMIT) throw gasException(ctx, 'Argument too large: value');
    const replaced = dropOthers ? new Set(store.keys()) : new Set(entries.map(([k]) => k));
    const total = storeSize(replaced) + entries.reduce((n, [k, v]) => n + bytes(k) + bytes(v), 0);
    if (total > PROPERTY_STORE_LIMIT) {
      throw gasException(ctx, 'You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  };
  const impl = {
    toString: () => 'Properties',
    getProperty: (key: string) => store.get(String(key)) ?? null,
    getProperties() {
      const out = new ctx.realm.Object() as Record<string, string>;
      for (const [k, v] of store) out[k] = v;
      return out;
    },
    setProperty(key: string, value: unknown) {
      if (key === undefined || key === null)
        throw gasException(
          ctx,
          `The parameters (${describeArgs([key, value])}) don't match the method signature for PropertiesService.Properties.setProperty.`,
        );
      checkWrites([[String(key), String(value)]], false);
      store.set(String(key), String(value));
      return self;
    },
    setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean) {
      const entries = Object.entries(properties ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
      checkWrites(entries, Boolean(deleteAllOthers));
      if (deleteAllOthers) store.clear();
      for (const [k, v] of entries) store.set(k, v);
      return self;
    },
    deleteProperty(key: string) {
      store.delete(String(key));
      return self;
    },
    deleteAllProperties() {
      store.clear();
      return self;
    },
  };
  // Custom functions may read properties but not write them (the guide only
  // states it for user properties; this host refuses every store, the stricter reading).
  self = expose(ctx, className, impl, {
    forbiddenInCustomFunction: ['setProperty', 'setProperties', 'deleteProperty', 'deleteAllProperties'],
  });
  return self;
}

export function makePropertiesService(ctx: HostContext) {
  return expose(ctx, 'PropertiesService', {
    toString: () => 'PropertiesService',
    getDocumentProperties: () => makeProperties(ctx, 'document'),
    getScriptProperties: () => makeProperties(ctx, 'script'),
    getUserProperties: () => makeProperties(ctx, 'user'),
  }) as unknown as GoogleAppsScript.Properties.PropertiesService;
}

function makeCache(ctx: HostContext, kind: StoreKind) {
  const store = ctx.caches[kind];
  const live = (key: string) => {
    const e = store.get(key);
    if (!e) return null;
    if (e.expiresAt <= ctx.clock()) {
      store.delete(key);
      return null;
    }
    return e.value;
  };
  const check = (key: unknown, value: unknown, seconds: unknown) => {
    if (typeof key !== 'string' || typeof value !== 'string') {
      throw gasException(
        ctx,
        `The parameters (${describeArgs([key, value])}) don't match the method signature for CacheService.Cache.put.`,
      );
    }
    if (key.length > CACHE_KEY_LIMIT) throw gasException(ctx, 'Argument too large: key');
    if (bytes(value) > CACHE_VALUE_LIMIT) throw gasException(ctx, 'Argument too large: value');
    if (seconds !== undefined && (typeof seconds !== 'number' || seconds > CACHE_MAX_SECONDS)) {
      throw gasException(ctx, 'Argument too large: expirationInSeconds');
    }
  };
  const put = (key: string, value: string, seconds?: number) =>
    store.set(key, { value, expiresAt: ctx.clock() + 1000 * (seconds ?? CACHE_DEFAULT_SECONDS) });
  return expose(ctx, 'Cache', {
    toString: () => 'Cache',
    get: (key: string) => live(String(key)),
    put(key: string, value: string, seconds?: number) {
      check(key, value, seconds);
      put(key, value, seconds);
    },
    remove: (key: string) => void store.delete(String(key)),
    removeAll: (keys: string[]) => {
      for (const k of keys) store.delete(String(k));
    },
  });
}

export function makeCacheService(ctx: HostContext) {
  return expose(ctx, 'CacheService', {
    toString: () => 'CacheService',
    getScriptCache: () => makeCache(ctx, 'script'),
  }) as unknown as GoogleAppsScript.Cache.CacheService;
}
