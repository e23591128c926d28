import { objects, text } from './lenient.js';

/** An Atlas resource tag (ResourceTag): clusters and projects carry `tags[] {key, value}`. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}

/** The tags of a cluster or project; an entry without a key or a text value is dropped. */
export function parseTags(raw: unknown): Tag[] {
  return objects(raw).flatMap((t) => {
    const key = text(t.key);
    const value = typeof t.value === 'string' ? t.value : undefined;
    return key === undefined || value === undefined ? [] : [{ key, value }];
  });
}

/** Which tag keys become labels: `--atlas.tag-labels`, where `*` allows every key. */
export type TagAllowList = readonly string[];

/** Every key, whatever Atlas holds: `--atlas.tag-labels=*`. */
export const ALL_TAGS = '*';

/**
 * A tag key's label name: `tag_` + the key in snake case, every character outside
 * [a-zA-Z0-9_] turned to `_` (`cost-center` → `tag_cost_center`, `CostCenter` → `tag_cost_center`).
 */
export function tagLabelName(key: string): string {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return `tag_${snake.replace(/[^a-z0-9_]/g, '_')}`;
}

/**
 * The label names and values of the allowed tags, sorted by name. Two keys that map to one name
 * (`team`, `Team`) keep the first in Atlas's order: a series never has a label twice.
 */
export function tagLabels(tags: readonly Tag[], allow: TagAllowList): [string[], string[]] {
  const every = allow.includes(ALL_TAGS);
  const byName = new Map<string, string>();
  for (const { key, value } of tags) {
    const name = tagLabelName(key);
    if ((every || allow.includes(key)) && !byName.has(name)) byName.set(name, value);
  }
  const names = [...byName.keys()].sort();
  return [names, names.map((n) => byName.get(n) ?? '')];
}
