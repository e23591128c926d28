import { describe, expect, it } from 'vitest';
import { fnv1a64, jumpHash, ownsProject } from './shard.js';

describe('fnv1a64', () => {
  // Go's hash/fnv golden64a vectors (src/hash/fnv/fnv_test.go), and "foobar" from the FNV test
  // suite of the IETF draft (draft-eastlake-fnv).
  it.each([
    ['', 0xcbf29ce484222325n],
    ['a', 0xaf63dc4c8601ec8cn],
    ['ab', 0x089c4407b545986an],
    ['abc', 0xe71fa2190541574bn],
    ['foobar', 0x85944171f73967e8n],
  ])('hashes %j as the reference does', (text, expected) => {
    expect(fnv1a64(text)).toBe(expected);
  });

  it('hashes the UTF-8 bytes, not UTF-16 code units', () => {
    // "é" is 0xc3 0xa9 in UTF-8: two FNV-1a rounds from the offset basis.
    let h = 0xcbf29ce484222325n;
    for (const byte of [0xc3n, 0xa9n]) h = ((h ^ byte) * 0x100000001b3n) & 0xffffffffffffffffn;
    expect(fnv1a64('é')).toBe(h);
  });
});

describe('jumpHash', () => {
  // dgryski/go-jump's jump_test.go, "generated from the reference C++ code": bucket for 1..n buckets.
  const reference: [bigint, number[]][] = [
    [0n, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    [1n, [0, 0, 0, 0, 0, 0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 17, 17]],
    [0xdeadbeefn, [0, 1, 2, 3, 3, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 16, 16, 16]],
    [0x0ddc0ffeebadf00dn, [0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 15, 15, 15, 15]],
  ];
  it.each(reference)('matches the reference for key %s', (key, buckets) => {
    expect(buckets.map((_, i) => jumpHash(key, i + 1))).toEqual(buckets);
  });

  // lithammer/go-jump-consistent-hash's jump_test.go
  it.each([
    [1n, 1, 0],
    [42n, 57, 43],
    [0xdead10ccn, 1, 0],
    [0xdead10ccn, 666, 361],
    [256n, 1024, 520],
  ])('jump(%s, %i) is %i', (key, buckets, expected) => {
    expect(jumpHash(key, buckets)).toBe(expected);
  });

  it('moves only the keys that go to a new bucket', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => fnv1a64(`project-${i}`));
    const moved = keys.filter((k) => jumpHash(k, 4) !== jumpHash(k, 5));
    for (const k of moved) expect(jumpHash(k, 5)).toBe(4);
    // about 1/5 of the keys, give or take
    expect(moved.length).toBeGreaterThan(300);
    expect(moved.length).toBeLessThan(500);
  });
});

describe('ownsProject', () => {
  const ids = Array.from({ length: 300 }, (_, i) => i.toString(16).padStart(24, '0'));

  it('gives every project to exactly one of the shards', () => {
    for (const id of ids) {
      const owners = [0, 1, 2].filter((index) => ownsProject({ index, total: 3 }, id));
      expect(owners).toEqual([jumpHash(fnv1a64(id), 3)]);
    }
  });

  it('keeps every project when unsharded', () => {
    expect(ids.every((id) => ownsProject({ index: 0, total: 1 }, id))).toBe(true);
  });
});
