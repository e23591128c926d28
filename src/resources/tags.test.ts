import { describe, expect, it } from 'vitest';
import { parseTags, tagLabelName, tagLabels } from './tags.js';

describe('Atlas tags as labels', () => {
  it('keeps entries with a key and a text value, as Atlas lists them', () => {
    const raw = [
      { key: 'environment', value: 'production' },
      { key: 'empty', value: '' },
      { key: '', value: 'x' },
      { value: 'no key' },
      { key: 'number', value: 7 },
      'team=payments',
    ];
    expect(parseTags(raw)).toEqual([
      { key: 'environment', value: 'production' },
      { key: 'empty', value: '' },
    ]);
    expect(parseTags(undefined)).toEqual([]);
    expect(parseTags({ key: 'a', value: 'b' })).toEqual([]);
  });

  it('names a key tag_ + its snake case, every other character an underscore', () => {
    expect(tagLabelName('team')).toBe('tag_team');
    expect(tagLabelName('CostCenter')).toBe('tag_cost_center');
    expect(tagLabelName('cost-center')).toBe('tag_cost_center');
    expect(tagLabelName('app.kubernetes.io/name')).toBe('tag_app_kubernetes_io_name');
    expect(tagLabelName('Ünit 1')).toBe('tag__nit_1');
  });

  const tags = [
    { key: 'team', value: 'payments' },
    { key: 'environment', value: 'production' },
    { key: 'Team', value: 'other' },
    { key: 'owner', value: 'a@example.com' },
  ];

  it('labels only the allowed keys, sorted by label name', () => {
    expect(tagLabels(tags, ['team', 'environment', 'absent'])).toEqual([
      ['tag_environment', 'tag_team'],
      ['production', 'payments'],
    ]);
    expect(tagLabels(tags, ['absent'])).toEqual([[], []]);
  });

  it('labels every key with *, the first of two keys that name one label winning', () => {
    expect(tagLabels(tags, ['*'])).toEqual([
      ['tag_environment', 'tag_owner', 'tag_team'],
      ['production', 'a@example.com', 'payments'],
    ]);
  });
});
