import { describe, expect, it } from 'vitest';
import { createJsonScanner, type JsonPath } from './json-stream.js';

/** Scans `chunks`, picking every value two levels down; what it picked, by path. */
function pickAt2(chunks: readonly string[], maxChars = 1_000_000): Array<[string, unknown]> {
  const picked: Array<[string, unknown]> = [];
  const scanner = createJsonScanner(
    {
      starts: (path) => path.length === 2,
      value: (path: JsonPath, text) => picked.push([path.join('.'), JSON.parse(text)]),
    },
    maxChars,
  );
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return picked;
}

/** The values two levels down, as JSON.parse sees them. */
function expectedAt2(text: string): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const top = JSON.parse(text) as Record<string, unknown>;
  for (const [k, v] of Object.entries(top))
    if (typeof v === 'object' && v !== null)
      for (const [i, item] of Object.entries(v)) out.push([`${k}.${i}`, item]);
  return out;
}

const TRICKY = JSON.stringify({
  links: [],
  results: [
    { a: '}{][', b: 'say "hi" \\ there \\"', c: [1, -2.5e3, true, false, null, { d: '\\u' }] },
    'é€😀 ok',
    { '}': { '"': '\u0001\n\t' }, e: '\\', f: 0 },
    [],
    {},
    12.5,
  ],
  totalCount: 6,
  more: { x: { y: '[' }, z: 'ü' },
});

/** A seeded generator, so a failing split can be found again. */
function randomFrom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('the incremental JSON scanner', () => {
  it('picks the same values as JSON.parse, the text whole', () => {
    expect(pickAt2([TRICKY])).toEqual(expectedAt2(TRICKY));
  });

  it('picks the same values whatever offset a chunk ends at', () => {
    const expected = expectedAt2(TRICKY);
    for (let i = 0; i <= TRICKY.length; i++)
      expect(pickAt2([TRICKY.slice(0, i), TRICKY.slice(i)]), `split at ${i}`).toEqual(expected);
  });

  it('picks the same values from one character at a time, and from random splits', () => {
    const expected = expectedAt2(TRICKY);
    expect(pickAt2([...TRICKY])).toEqual(expected);
    const random = randomFrom(7);
    for (let round = 0; round < 200; round++) {
      const chunks: string[] = [];
      for (let at = 0; at < TRICKY.length; ) {
        const size = 1 + Math.floor(random() * 12);
        chunks.push(TRICKY.slice(at, at + size));
        at += size;
      }
      expect(pickAt2(chunks), `round ${round}`).toEqual(expected);
    }
  });

  it.each([
    ['nothing', ''],
    ['truncated in an object', '{"results":[{"a":1}'],
    ['truncated in a string', '{"results":["ab'],
    ['truncated in a key', '{"resu'],
    ['truncated after a colon', '{"a":'],
    ['truncated literal', '{"a":tru'],
    ['a missing colon', '{"a" 1}'],
    ['a missing value', '{"a":}'],
    ['a trailing comma in an array', '[1,]'],
    ['a trailing comma in an object', '{"a":1,}'],
    ['a missing comma', '[1 2]'],
    ['a leading comma', '{,}'],
    ['a mismatched close', '[}'],
    ['a close too many', '{"a":1}}'],
    ['text after the value', '{"a":1} x'],
    ['a second value', '{} {}'],
    ['a bad escape', '{"a":"\\x"}'],
    ['a bad unicode escape', '{"a":"\\u12g4"}'],
    ['a raw control character', '{"a":"\u0001"}'],
    ['a bad literal', '{"a":nul}'],
    ['a leading zero', '[01]'],
    ['a key without quotes', '{a:1}'],
    ['an HTML page', '<html>'],
  ])('refuses %s, as JSON.parse does', (_name, text) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(() => pickAt2([text])).toThrow(/^not valid JSON: /);
    // and whatever chunk it breaks in
    expect(() => pickAt2([...text])).toThrow(/^not valid JSON: /);
  });

  it('says where the text goes wrong, counted across chunks', () => {
    expect(() => pickAt2(['{"a":[1,', '2,]}'])).toThrow("not valid JSON: unexpected ']' at character 10");
    expect(() => pickAt2(['{"a":[1,2'])).toThrow('not valid JSON: the text ends early');
  });

  it('refuses a picked value, key or literal longer than its bound, so nothing grows unbounded', () => {
    const long = JSON.stringify({ a: ['x'.repeat(200)] });
    expect(pickAt2([long], 300)).toHaveLength(1);
    expect(() => pickAt2([long], 100)).toThrow('a value longer than 100 characters');
    expect(() => pickAt2([...long], 100)).toThrow('a value longer than 100 characters');
    expect(() => pickAt2([`{"${'k'.repeat(200)}":1}`], 100)).toThrow('longer than 100');
    expect(() => pickAt2([`[${'1'.repeat(200)}]`], 100)).toThrow('longer than 100');
    // a value it does not pick may be any length: it is not kept
    expect(pickAt2([JSON.stringify({ a: 'x'.repeat(10_000) })], 100)).toEqual([]);
  });
});
