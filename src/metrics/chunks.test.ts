import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, createChunks, linesToChunks } from './chunks.js';

describe('text in pieces below the mmap threshold', () => {
  const lines = Array.from(
    { length: 20_000 },
    (_, i) => `mongodbatlas_backup_x{group_name="Zürich ✓ ${i}"} ${i}`,
  );
  const text = `${lines.join('\n')}\n`;

  it('cuts lines into pieces of at most CHUNK_BYTES that join into the text, each under 128 KiB', () => {
    const chunks = linesToChunks(lines);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
    expect(chunks.length).toBeGreaterThan(Buffer.byteLength(text) / CHUNK_BYTES);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
      expect(CHUNK_BYTES).toBeLessThan(128 * 1024);
      expect(chunk.toString('utf8').endsWith('\n')).toBe(true);
    }
  });

  it('offers a turn of the event loop only after a piece was cut', async () => {
    const out = createChunks();
    out.push('a 1');
    expect(out.breathe()).toBeUndefined();
    out.write('b'.repeat(CHUNK_BYTES));
    await expect(out.breathe()).resolves.toBeUndefined();
    expect(out.breathe()).toBeUndefined();
    expect(out.done().map(String)).toEqual(['a 1\n', 'b'.repeat(CHUNK_BYTES)]);
  });

  it('copies what an earlier body holds at a place, byte for byte, in one piece', () => {
    const first = createChunks();
    first.write('x'.repeat(CHUNK_BYTES - 5));
    const place = first.write('Zürich ✓\n');
    const earlier = first.done();
    expect(place[0]).toBe(1);

    const next = createChunks();
    next.write('head\n');
    const copied = next.copy(earlier, ...place);
    expect(next.done().map(String)).toEqual(['head\nZürich ✓\n']);
    expect(copied).toEqual([0, 5, Buffer.byteLength('Zürich ✓\n')]);
  });

  it('holds a piece cut short at its size, not in a whole piece of room', () => {
    const out = createChunks();
    out.write('a'.repeat(10_000));
    const [piece] = out.done();
    expect(piece?.length).toBe(10_000);
    expect(piece?.buffer.byteLength).toBe(10_000);
  });

  it('takes a piece of an earlier body whole, between pieces of its own', () => {
    const earlier = linesToChunks(['kept 1']);
    const out = createChunks();
    out.push('before 1');
    const at = out.reuse(earlier[0] as Buffer);
    out.push('after 1');
    const chunks = out.done();
    expect(at).toBe(1);
    expect(chunks[at]).toBe(earlier[0]);
    expect(chunks.map(String)).toEqual(['before 1\n', 'kept 1\n', 'after 1\n']);
  });
});
