import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflatePiece, gzipPrefix, gzipWithTail, storePiece } from './gzip-parts.js';

/** The gzip prefix of pieces, each deflated on its own as chunks.ts does. */
const prefixOf = (pieces: readonly Buffer[], before?: Parameters<typeof gzipPrefix>[1]) =>
  gzipPrefix(
    pieces.map((p) => deflatePiece(p)),
    before,
  );
const deflatedTail = (pieces: readonly Buffer[]) => pieces.map((p) => deflatePiece(p));

describe('gzip of a cached prefix and a per-scrape tail', () => {
  const prefix = Buffer.from('mongodbatlas_backup_collect_success{cluster_name="a"} 1\n'.repeat(5000));
  const tail = Buffer.from('mongodbatlas_exporter_up 1\n# EOF\n');
  const whole = Buffer.concat([prefix, tail]);

  it('is one gzip member whose single deflate stream holds both parts', () => {
    const body = Buffer.concat(gzipWithTail(prefixOf([prefix]), deflatedTail([tail])));
    expect(gunzipSync(body).equals(whole)).toBe(true);
    // A decoder that stops after the first member (curl does) must still see the tail.
    expect(inflateRawSync(body.subarray(10, -8)).equals(whole)).toBe(true);
    expect(body.readUInt32LE(body.length - 8)).toBe(crc32(whole));
    expect(body.readUInt32LE(body.length - 4)).toBe(whole.length);
  });

  it('joins pieces deflated apart into the body they join into, with an empty tail too', () => {
    const pieces = [prefix.subarray(0, 1000), prefix.subarray(1000, 70_000), prefix.subarray(70_000)];
    const body = Buffer.concat(gzipWithTail(prefixOf(pieces), deflatedTail([tail])));
    expect(gunzipSync(body).equals(whole)).toBe(true);
    expect(body.readUInt32LE(body.length - 8)).toBe(crc32(whole));
    expect(gunzipSync(Buffer.concat(gzipWithTail(prefixOf(pieces), []))).equals(prefix)).toBe(true);
  });

  it("continues a cached prefix with another, and reuses the first one's deflate as it is", () => {
    const ages = Buffer.from(
      'mongodbatlas_backup_last_completed_snapshot_age_seconds{cluster_name="a"} 61\n'.repeat(5000),
    );
    const first = prefixOf([prefix]);
    const both = prefixOf([ages], first);
    expect(both.deflated.slice(0, first.deflated.length)).toEqual(first.deflated);
    const body = Buffer.concat(gzipWithTail(both, deflatedTail([tail])));
    const all = Buffer.concat([prefix, ages, tail]);
    expect(gunzipSync(body).equals(all)).toBe(true);
    expect(body.readUInt32LE(body.length - 8)).toBe(crc32(all));
  });

  it('keeps each deflated piece in memory of its own size, not in a share of a bigger buffer', () => {
    const pieces = [0, 1, 2].map((i) => prefix.subarray(i * 65_536, (i + 1) * 65_536));
    for (const deflated of pieces.map((p) => deflatePiece(p))) {
      const [data] = deflated.data;
      expect(data?.length).toBeLessThan(4096);
      expect(data?.buffer.byteLength).toBe(data?.length);
    }
  });

  it('joins pieces stored as they are with pieces deflated, whatever their sizes', () => {
    const pieces = [
      prefix.subarray(0, 65_536),
      prefix.subarray(65_536, 65_540),
      Buffer.alloc(0),
      prefix.subarray(65_540),
    ];
    const mixed = gzipPrefix(pieces.map((p, i) => (i % 2 === 0 ? storePiece(p) : deflatePiece(p))));
    const body = Buffer.concat(gzipWithTail(mixed, deflatedTail([tail])));
    expect(gunzipSync(body).equals(whole)).toBe(true);
    expect(inflateRawSync(body.subarray(10, -8)).equals(whole)).toBe(true);
    expect(body.length).toBeGreaterThan(65_536);
  });

  it('reuses one prefix for many tails', () => {
    const cached = prefixOf([prefix]);
    for (const t of ['a 1\n', 'b 2\n']) {
      const body = Buffer.concat(gzipWithTail(cached, deflatedTail([Buffer.from(t)])));
      expect(gunzipSync(body).toString().endsWith(t)).toBe(true);
    }
  });
});
