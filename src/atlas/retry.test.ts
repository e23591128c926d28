import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter, retryReason } from './retry.js';

const policy = DEFAULT_RETRY_POLICY;
const NOW = Date.parse('2026-11-28T12:00:00Z');
const half = () => 0.5;
const top = () => 0.999999;
const zero = () => 0;

describe('retryReason', () => {
  it.each([
    [429, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
    [504, 'server_error'],
    [501, undefined],
    [200, undefined],
    [400, undefined],
    [401, undefined],
    [404, undefined],
    [410, undefined],
  ] as const)('status %i → %s', (status, reason) => {
    expect(retryReason({ kind: 'status', status })).toBe(reason);
  });

  it('retries timeouts and network errors', () => {
    expect(retryReason({ kind: 'timeout' })).toBe('timeout');
    expect(retryReason({ kind: 'network_error' })).toBe('network_error');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('55', NOW)).toBe(55_000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('bounds a delta too long to be meant: a year, not Infinity, and not waited for', () => {
    const huge = '9'.repeat(400);
    expect(parseRetryAfter(huge, NOW)).toBe(365 * 24 * 3600 * 1000);
    const decision = decideRetry(0, { kind: 'status', status: 429, retryAfter: huge }, policy, half, NOW);
    expect(decision).toEqual({
      retry: false,
      reason: 'rate_limited',
      why: 'Retry-After 31536000s is too long',
    });
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Sat, 28 Nov 2026 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Sat, 28 Nov 2026 11:00:00 GMT', NOW)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
  });
});

describe('backoffMs', () => {
  it('grows exponentially up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, policy, top))).toEqual([
      999, 1999, 3999, 7999, 15999, 29999, 29999,
    ]);
  });

  it('stays within [0, ceiling) for any random value', () => {
    for (let retry = 0; retry < 8; retry++) {
      const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
      for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
        const wait = backoffMs(retry, policy, () => r);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(ceiling);
      }
    }
    expect(backoffMs(2, policy, zero)).toBe(0);
    expect(backoffMs(2, policy, half)).toBe(2000);
  });
});

describe('decideRetry', () => {
  it('backs off with jitter when there is no Retry-After', () => {
    expect(decideRetry(0, { kind: 'status', status: 503 }, policy, half, NOW)).toEqual({
      retry: true,
      reason: 'server_error',
      waitMs: 500,
    });
    expect(decideRetry(2, { kind: 'timeout' }, policy, half, NOW)).toEqual({
      retry: true,
      reason: 'timeout',
      waitMs: 2000,
    });
  });

  it('honours Retry-After in seconds and as a date, plus up to one base of jitter', () => {
    expect(decideRetry(0, { kind: 'status', status: 429, retryAfter: '55' }, policy, zero, NOW)).toEqual({
      retry: true,
      reason: 'rate_limited',
      waitMs: 55_000,
    });
    const dated = decideRetry(
      0,
      { kind: 'status', status: 503, retryAfter: 'Sat, 28 Nov 2026 12:00:10 GMT' },
      policy,
      half,
      NOW,
    );
    expect(dated).toEqual({ retry: true, reason: 'server_error', waitMs: 10_500 });
  });

  it('gives up on a Retry-After longer than the maximum', () => {
    const decision = decideRetry(0, { kind: 'status', status: 429, retryAfter: '3600' }, policy, half, NOW);
    expect(decision).toMatchObject({ retry: false, reason: 'rate_limited' });
  });

  it('gives up after maxRetries', () => {
    expect(decideRetry(2, { kind: 'network_error' }, policy, half, NOW).retry).toBe(true);
    expect(decideRetry(3, { kind: 'network_error' }, policy, half, NOW)).toEqual({
      retry: false,
      reason: 'network_error',
      why: 'retries exhausted',
    });
    expect(decideRetry(0, { kind: 'timeout' }, { ...policy, maxRetries: 0 }, half, NOW).retry).toBe(false);
  });

  it('never retries final statuses', () => {
    expect(decideRetry(0, { kind: 'status', status: 404 }, policy, half, NOW)).toEqual({ retry: false });
    expect(decideRetry(0, { kind: 'status', status: 501, retryAfter: '1' }, policy, half, NOW)).toEqual({
      retry: false,
    });
  });
});
