import { isObject } from '../atlas/wire.js';

/*
 * Lenient readers of the few fields we use. Unknown fields are ignored, enum values are kept as
 * sent (Atlas adds values without a new version), and a field of the wrong type counts as absent.
 * Only an item without its identity (project id/name, cluster name) is dropped.
 */

export type Obj = Record<string, unknown>;

export { isObject };

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

export function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function sub(value: unknown): Obj {
  return isObject(value) ? value : {};
}

/** The objects of an array; anything else gives none. */
export function objects(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** An ISO 8601 date-time as Unix seconds; anything else (or an impossible date) is undefined. */
export function unixSeconds(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

/** Copies only the defined values, so results compare cleanly with `toEqual`. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
