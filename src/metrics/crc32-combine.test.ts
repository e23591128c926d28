import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32Combine } from './crc32-combine.js';

describe('crc32Combine', () => {
  it('gives the CRC-32 of two texts joined, whatever their lengths', () => {
    for (const [a, b] of [
      [0, 0],
      [5, 0],
      [0, 7],
      [1, 1],
      [100, 3],
      [65_536, 65_536],
      [3, 200_001],
    ] as const) {
      const first = randomBytes(a);
      const second = randomBytes(b);
      expect(crc32Combine(crc32(first), crc32(second), b)).toBe(crc32(Buffer.concat([first, second])));
    }
  });

  it('folds many pieces into the CRC-32 of the whole', () => {
    const pieces = Array.from({ length: 40 }, (_, i) => randomBytes(1 + ((i * 7919) % 70_000)));
    const folded = pieces.reduce((crc, piece) => crc32Combine(crc, crc32(piece), piece.length), 0);
    expect(folded).toBe(crc32(Buffer.concat(pieces)));
  });
});
