import type { Shard } from '../../config/config.js';

export const UNSHARDED: Shard = { index: 0, total: 1 };

const MASK_64 = (1n << 64n) - 1n;
const FNV_OFFSET_BASIS = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const JUMP_MULTIPLIER = 2862933555777941757n;

// BigInt keeps every step exact modulo 2^64, as the Go and C++ originals compute with uint64; a
// project costs a few microseconds per refresh, far below one Atlas request, so speed is no reason
// to split the arithmetic into 32-bit halves by hand.

/** 64-bit FNV-1a over the UTF-8 bytes of `text` (Go's hash/fnv New64a). */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of Buffer.from(text, 'utf8')) hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  return hash;
}

/**
 * Lamping and Veach's jump consistent hash: the bucket in [0, buckets) of a 64-bit key, such that
 * going from n to n + 1 buckets moves only about 1/(n + 1) of the keys, all into the new bucket.
 */
export function jumpHash(key: bigint, buckets: number): number {
  let k = key & MASK_64;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * JUMP_MULTIPLIER + 1n) & MASK_64;
    // (k >> 33) + 1 is at most 2^31, so this double arithmetic is the C++ code's, bit for bit.
    j = Math.floor((b + 1) * (2 ** 31 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** Whether this shard reads the project: `jump(fnv1a64(group_id), total) == index`, as kube-state-metrics shards. */
export function ownsProject(shard: Shard, groupId: string): boolean {
  return shard.total === 1 || jumpHash(fnv1a64(groupId), shard.total) === shard.index;
}
