import { describe, expect, it } from 'vitest';
import { parseSimulateArgs, SIMULATE_FLAGS, SIMULATE_USAGE } from '../../simulator/cli/args.js';
import { envName, FLAGS } from '../../src/config/flags.js';
import { helpText } from '../../src/config/help.js';
import { parseConfig } from '../../src/config/parse.js';

function help(): string {
  return helpText(SIMULATE_FLAGS);
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
      'atlas-backup-exporter healthcheck [--ready] [--from-pid=PID]',
      'anchored',
      '  2  bad flags',
    ]) {
      expect(text).toContain(needle);
    }
  });

  it('fits in 80 columns', () => {
    const long = help()
      .split('\n')
      .filter((line) => line.length > 80);
    expect(long).toEqual([]);
  });

  it('lists every simulate flag, as simulate --help does, and each is one the simulator takes', () => {
    const text = help();
    const sample: Record<string, string> = { ADDR: '127.0.0.1:0', N: '2', D: '1s', F: '0.5', 'N/D': '10/1m' };
    for (const flag of SIMULATE_FLAGS) {
      const usage = [flag.name, flag.value].filter(Boolean).join(' ');
      expect(text).toContain(`[${usage}]`);
      expect(SIMULATE_USAGE).toContain(`  ${usage} `);
      const args = flag.value ? [flag.name, sample[flag.value] ?? ''] : [flag.name];
      expect(parseSimulateArgs(args)).toMatchObject({ kind: 'run' });
    }
    for (const name of ['--dedicated', '--serverless-retired', '--token-ttl', '--nonce-ttl'])
      expect(text).toContain(`[${name}`);
  });

  it('takes -h and -v as --help and --version', () => {
    expect(parseConfig(['-h'], {}, () => '').kind).toBe('help');
    expect(parseConfig(['-v'], {}, () => '').kind).toBe('version');
  });
});

describe('envName', () => {
  it('upper-snake-cases the flag', () => {
    expect(envName('atlas.cache-ttl')).toBe('ATLAS_EXPORTER_ATLAS_CACHE_TTL');
    expect(envName('web.listen-address')).toBe('ATLAS_EXPORTER_WEB_LISTEN_ADDRESS');
    expect(envName('web.config.file')).toBe('ATLAS_EXPORTER_WEB_CONFIG_FILE');
  });
});
