// Which collectors a bench column runs, from the exporter's own flags and registries.
import { COLLECTORS, ORG_COLLECTORS, PROJECT_COLLECTORS } from '../src/collectors/index.js';
import type { Config } from '../src/config/config.js';
import { COLLECTOR_FLAGS, COLLECTOR_PREFIX } from '../src/config/flags.js';
import { KINDS } from '../src/kinds/index.js';

/** The collectors' own options (per-snapshot series, …): not a collector of their own. */
const OPTIONS = new Set(COLLECTORS.flatMap((c) => (c.options ?? []).map((o) => o.name)));

/**
 * Every collector switch the exporter has (config/flags.ts, from every registry), each set: every
 * collector on. Options are left at their defaults: they add series, not reads.
 */
export const ALL_COLLECTORS: readonly string[] = COLLECTOR_FLAGS.filter(
  (f) => !OPTIONS.has(f.name.slice(COLLECTOR_PREFIX.length)),
).map((f) => `--${f.name}`);

/** The `--collector.<name>` flags a config has on, defaults included: `<name>` each, as the minimum takes them. */
export const collectorsOn = (config: Config): string[] =>
  Object.entries(config.collector)
    .filter(([, on]) => on)
    .map(([name]) => name);

/** What reads each endpoint: the collector whose registry entry names it, the cluster lists, the projects. */
const READERS: ReadonlyMap<string, string> = new Map([
  ['groups', 'projects'],
  ...Object.values(KINDS).flatMap((k) => k.endpoints.map((e) => [e, 'cluster lists'] as const)),
  ['project_events', 'project events'],
  ...COLLECTORS.flatMap((c) =>
    Object.values(c.endpoints).flatMap((es) => (es ?? []).map((e) => [e, c.name] as const)),
  ),
  ...PROJECT_COLLECTORS.map((c) => [c.endpoint, c.name] as const),
  ...ORG_COLLECTORS.map((c) => [c.endpoint, c.name] as const),
]);

/** The collector (or list) an endpoint's requests count for; an endpoint no registry names, itself. */
export const readerOf = (endpoint: string): string => READERS.get(endpoint) ?? endpoint;

/** These readers in read order (projects, lists, events, the collectors by registry), others after. */
export function inReadOrder(readers: Iterable<string>): string[] {
  const order = [...new Set(READERS.values())];
  const rank = (r: string) => (order.includes(r) ? order.indexOf(r) : order.length);
  return [...new Set(readers)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
