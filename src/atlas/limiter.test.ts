import { describe, expect, it } from 'vitest';
import { abortableSleep, createLimiter } from './limiter.js';

const signal = new AbortController().signal;

describe('limiter', () => {
  it('grants at most `limit` slots and serves waiters in order', async () => {
    const limiter = createLimiter(2);
    const a = await limiter.acquire(signal);
    const b = await limiter.acquire(signal);
    const order: string[] = [];
    const c = limiter.acquire(signal).then((r) => {
      order.push('c');
      return r;
    });
    const d = limiter.acquire(signal).then((r) => {
      order.push('d');
      return r;
    });
    expect(limiter.inFlight).toBe(2);
    a();
    a(); // a second release of the same slot is ignored
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(limiter.inFlight).toBe(0);
  });

  it('drops an aborted waiter without losing the slot', async () => {
    const limiter = createLimiter(1);
    const held = await limiter.acquire(signal);
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    held();
    expect(limiter.inFlight).toBe(0);
    (await limiter.acquire(signal))();
  });

  it('rejects a bad limit', () => {
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});

describe('abortableSleep', () => {
  it('resolves after the time, and rejects at once on abort', async () => {
    await abortableSleep(1, signal);
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
