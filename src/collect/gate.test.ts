import { describe, expect, it } from 'vitest';
import { createGate } from './gate.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('createGate', () => {
  it('runs at most `limit` tasks at once, all of them, in the order they came', async () => {
    const inTurn = createGate(3);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        inTurn(async () => {
          started.push(i);
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
          return i * 2;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(started).toEqual([...Array(20).keys()]);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });

  it('frees the slot of a task that throws', async () => {
    const inTurn = createGate(1);
    await expect(inTurn(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(inTurn(async () => 'next')).resolves.toBe('next');
  });
});
