import { describe, expect, it } from 'vitest';
import { unixSeconds } from './lenient.js';

const T = (iso: string) => Date.parse(iso) / 1000;

describe('unixSeconds', () => {
  it('parses ISO 8601 and rejects the rest', () => {
    expect(unixSeconds('2026-08-10T17:05:10Z')).toBe(T('2026-08-10T17:05:10Z'));
    expect(unixSeconds('2026-08-10T17:05:10.500+02:00')).toBe(T('2026-08-10T15:05:10.500Z'));
    expect(unixSeconds('yesterday')).toBeUndefined();
    expect(unixSeconds('2026-13-45T99:00:00Z')).toBeUndefined();
    expect(unixSeconds(1_700_000_000)).toBeUndefined();
    expect(unixSeconds(undefined)).toBeUndefined();
  });
});
