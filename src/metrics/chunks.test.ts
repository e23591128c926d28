import { describe, expect, it } from 'vitest';
import { CHUNK_CHARS, createChunks, linesToChunks } from './chunks.js';

describe('text in pieces below the mmap threshold', () => {
  const lines = Array.from(
    { length: 20_000 },
    (_, i) => `mongodbatlas_backup_x{group_name="Zürich ✓ ${i}"} ${i}`,
  );
  const text = `${lines.join('\n')}\n`;

  it('cuts lines into pieces of about CHUNK_CHARS that join into the text, each under 128 KiB', () => {
    const chunks = linesToChunks(lines);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
    expect(chunks.length).toBeGreaterThan(text.length / CHUNK_CHARS - 1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThan(128 * 1024);
      expect(chunk.toString('utf8').endsWith('\n')).toBe(true);
    }
  });

  it('offers a turn of the event loop only after a piece was cut', async () => {
    const out = createChunks();
    out.push('a 1');
    expect(out.breathe()).toBeUndefined();
    out.push('b'.repeat(CHUNK_CHARS));
    await expect(out.breathe()).resolves.toBeUndefined();
    expect(out.breathe()).toBeUndefined();
    expect(out.done().map(String)).toEqual([`a 1\n${'b'.repeat(CHUNK_CHARS)}\n`]);
  });
});
