import { describe, expect, it } from 'vitest';
import { orgsInScope } from './read-orgs.js';

const A = 'a'.repeat(24);
const B = 'b'.repeat(24);

describe('the organisations whose invoice is read', () => {
  it("are the projects' own, each once", () => {
    const groups = [
      { id: '1', name: 'x', orgId: A },
      { id: '2', name: 'y', orgId: B },
      { id: '3', name: 'z', orgId: A },
    ];
    expect(orgsInScope(groups, undefined)).toEqual([A, B]);
  });

  it('take --atlas.org-id for a project named by id that the listing does not show, and none without it', () => {
    const unlisted = { id: '1', name: '', orgId: '', unlisted: true as const };
    expect(orgsInScope([unlisted], A)).toEqual([A]);
    expect(orgsInScope([unlisted], undefined)).toEqual([]);
    expect(orgsInScope([], A)).toEqual([]);
  });
});
