import { describe, expect, it } from 'vitest';
import { createLogger, formatLogfmt } from './logger.js';

function capture(format: 'json' | 'logfmt') {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', format }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

describe('logger', () => {
  it('writes logfmt with quoting where a value needs it', () => {
    expect(
      formatLogfmt({ level: 'warn', msg: 'cannot list clusters', group_id: 'abc', status: 401, empty: '' }),
    ).toBe('level=warn msg="cannot list clusters" group_id=abc status=401 empty=""');
    const { logger, lines } = capture('logfmt');
    logger.info({ cluster_name: 'orders-prod' }, 'recovered');
    expect(lines[0]).toMatch(/^level=info time=\S+ cluster_name=orders-prod msg=recovered\n$/);
  });

  it('writes one JSON object per line with the level as a word', () => {
    const { logger, lines } = capture('json');
    logger.warn({ code: 'ATLAS_TIMEOUT' }, 'cannot read backup snapshots');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      level: 'warn',
      code: 'ATLAS_TIMEOUT',
      msg: 'cannot read backup snapshots',
    });
  });

  it('redacts secret-looking fields if a caller ever logs them', () => {
    const { logger, lines } = capture('json');
    logger.info(
      { headers: { authorization: 'Bearer abc' }, clientSecret: 'mdb_sa_sk_x', token: 't' },
      'oops',
    );
    expect(lines.join('')).not.toMatch(/Bearer abc|mdb_sa_sk_x|"t"/);
  });
});
