import { describe, expect, it } from 'vitest';
import { parseGroup } from './schema.js';

describe('parseGroup', () => {
  it('keeps id, name and orgId and ignores the rest', () => {
    const raw = {
      id: 'g1',
      name: 'Project',
      orgId: 'o1',
      clusterCount: 3,
      created: '2026-01-01T00:00:00Z',
      links: [],
      tags: [
        { key: 'team', value: 'payments' },
        { key: 42, value: 'x' },
      ],
    };
    expect(parseGroup(raw)).toEqual({
      id: 'g1',
      name: 'Project',
      orgId: 'o1',
      tags: [{ key: 'team', value: 'payments' }],
    });
  });

  it('drops items without identity', () => {
    expect(parseGroup({ name: 'x' })).toBeUndefined();
    expect(parseGroup({ id: 'g1' })).toBeUndefined();
    expect(parseGroup({ id: 5, name: 'x' })).toBeUndefined();
    expect(parseGroup('g1')).toBeUndefined();
    expect(parseGroup(null)).toBeUndefined();
  });
});
