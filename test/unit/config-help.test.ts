import { describe, expect, it } from 'vitest';
import { envName, FLAGS } from '../../src/config/flags.js';
import { parseConfig } from '../../src/config/parse.js';

function help(): string {
  const result = parseConfig(['--help'], {}, () => '');
  if (result.kind !== 'help') throw new Error(result.kind);
  return result.text;
}

describe('help text', () => {
  it('lists every flag with its default and variable', () => {
    const text = help();
    for (const flag of FLAGS) {
      expect(text).toContain(`${flag.name}`);
      expect(text).toContain(envName(flag.name));
      if ('default' in flag) expect(text).toContain(`default: ${flag.default}`);
    }
    expect(text).toContain('MONGODB_ATLAS_PROJECT_IDS');
    expect(text).toContain('--version');
  });

  it('explains credentials, the simulate subcommand and exit codes', () => {
    const text = help();
    for (const needle of [
      'MONGODB_ATLAS_CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET',
      'MONGODB_ATLAS_PUBLIC_API_KEY, MONGODB_ATLAS_PRIVATE_API_KEY',
      'MONGODB_ATLAS_PUBLIC_KEY / MONGODB_ATLAS_PRIVATE_KEY',
      '<NAME>_FILE',
      'atlas-backup-exporter simulate [--listen ADDR]',
      '[--rate-limit N/D]',
      'anchored',
      '  2  bad flags',
    ]) {
      expect(text).toContain(needle);
    }
  });

  it('fits in 110 columns', () => {
    for (const line of help().split('\n')) expect(line.length).toBeLessThanOrEqual(110);
  });
});

describe('envName', () => {
  it('upper-snake-cases the flag', () => {
    expect(envName('atlas.cache-ttl')).toBe('ATLAS_EXPORTER_ATLAS_CACHE_TTL');
    expect(envName('web.listen-address')).toBe('ATLAS_EXPORTER_WEB_LISTEN_ADDRESS');
    expect(envName('web.config.file')).toBe('ATLAS_EXPORTER_WEB_CONFIG_FILE');
  });
});
