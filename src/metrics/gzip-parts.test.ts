import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type DeflatedParts, gzipParts, gzipPrefix, gzipWithTail } from './gzip-parts.js';

describe('gzip of a cached prefix and a per-scrape tail', () => {
  const prefix = Buffer.from('mongodbatlas_backup_collect_success{cluster_name="a"} 1\n'.repeat(5000));
  const tail = Buffer.from('mongodbatlas_exporter_up 1\n# EOF\n');
  const whole = Buffer.concat([prefix, tail]);

  it('is one gzip member whose single deflate stream holds both parts', async () => {
    const body = Buffer.concat(await gzipWithTail(await gzipPrefix([prefix]), [tail]));
    expect(gunzipSync(body).equals(whole)).toBe(true);
    // A decoder that stops after the first member (curl does) must still see the tail.
    expect(inflateRawSync(body.subarray(10, -8)).equals(whole)).toBe(true);
    expect(body.readUInt32LE(body.length - 8)).toBe(crc32(whole));
    expect(body.readUInt32LE(body.length - 4)).toBe(whole.length);
  });

  it('deflates a prefix kept in pieces as the body they join into', async () => {
    const pieces = [prefix.subarray(0, 1000), prefix.subarray(1000, 70_000), prefix.subarray(70_000)];
    const body = Buffer.concat(await gzipWithTail(await gzipPrefix(pieces), [tail]));
    expect(gunzipSync(body).equals(whole)).toBe(true);
    expect(body.readUInt32LE(body.length - 8)).toBe(crc32(whole));
  });

  it('continues a cached prefix with another, each deflated once, and keeps every piece small', async () => {
    const ages = Buffer.from(
      'mongodbatlas_backup_last_completed_snapshot_age_seconds{cluster_name="a"} 61\n'.repeat(5000),
    );
    const first = await gzipPrefix([prefix]);
    const both = await gzipPrefix([ages], first);
    expect(both.deflated.slice(0, first.deflated.length)).toEqual(first.deflated);
    const body = await gzipWithTail(both, [tail]);
    const all = Buffer.concat([prefix, ages, tail]);
    expect(gunzipSync(Buffer.concat(body)).equals(all)).toBe(true);
    expect(Buffer.concat(body).readUInt32LE(Buffer.concat(body).length - 8)).toBe(crc32(all));
    // Below glibc's mmap threshold (chunks.ts): zlib's pieces, never joined.
    for (const piece of body) expect(piece.length).toBeLessThanOrEqual(16 * 1024);
  });

  it('reuses one prefix for many tails', async () => {
    const cached = await gzipPrefix([prefix]);
    for (const t of ['a 1\n', 'b 2\n']) {
      const body = Buffer.concat(await gzipWithTail(cached, [Buffer.from(t)]));
      expect(gunzipSync(body).toString().endsWith(t)).toBe(true);
    }
  });

  it('deflates parts apart into one stream, and a part it has deflated before is not deflated again', async () => {
    const head = [Buffer.from('# HELP x\n')];
    const kept = [prefix.subarray(0, 40_000), prefix.subarray(40_000)];
    const deflated: DeflatedParts = new WeakMap();
    const first = await gzipParts([head, kept], deflated);
    const body = Buffer.concat(await gzipWithTail(first, [tail]));
    expect(gunzipSync(body).equals(Buffer.concat([...head, prefix, tail]))).toBe(true);

    const keptDeflate = await deflated.get(kept);
    const newHead = [Buffer.from('# HELP y\n')];
    const second = await gzipParts([newHead, kept], deflated);
    expect(second.deflated.slice(-(keptDeflate?.length ?? 0))).toEqual(keptDeflate);
    expect(second.deflated.at(-1)).toBe(keptDeflate?.at(-1));
    const again = Buffer.concat(await gzipWithTail(second, [tail]));
    expect(gunzipSync(again).equals(Buffer.concat([...newHead, prefix, tail]))).toBe(true);
  });
});
