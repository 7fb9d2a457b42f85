/**
 * The bundle's only entry. esbuild wraps it in an IIFE assigned to `LeadScoring`; the top-level
 * stubs that build.mjs writes from the registry call `LeadScoring.api.<name>(…)`.
 */
import { GLOBALS } from './registry';

export const api: Record<string, (...args: unknown[]) => unknown> = {};
for (const [name, entry] of Object.entries(GLOBALS)) api[name] = entry.fn as (...args: unknown[]) => unknown;
