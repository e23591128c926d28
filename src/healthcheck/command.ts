import { readFileSync } from 'node:fs';
import { parseArgs } from '../config/args.js';
import { readSecret } from '../config/credentials.js';
import {
  HEALTHCHECK_PASSWORD as PROBE_PASSWORD,
  HEALTHCHECK_USERNAME as PROBE_USERNAME,
} from '../config/flags.js';
import { type Env, envValue, resolveSettings } from '../config/settings.js';
import { duration, listenAddress } from '../config/validate.js';
import { reachableHost, serverUrl } from '../http/local-url.js';
import { loadWebConfig, type WebConfig } from '../http/web-config.js';
import { type ProbeAnswer, ProbeError, type ProbeRequest, probe } from './probe.js';
import { exporterArgsOf } from './process-args.js';

const DEFAULT_TIMEOUT = '3s';

export const HEALTHCHECK_USAGE = [
  'Usage: atlas-backup-exporter healthcheck [--ready] [--from-pid=PID] [--timeout=DURATION]',
  '                                         [exporter flags]',
  '',
  'GETs /-/healthy where an exporter with these flags and environment serves, over',
  'HTTPS when --web.config.file has tls_server_config (trusting exactly its certificate).',
  'Exits 0 when it answers 200, else 1 with one line on stderr.',
  '',
  '  --ready             GET /-/ready instead: 200 once the first refresh has finished',
  `  --from-pid=PID      take the exporter flags from process PID's command line`,
  '                      (the image runs `healthcheck --from-pid=1`)',
  `  --timeout=DURATION  give up after this long; default ${DEFAULT_TIMEOUT}`,
  '',
  'With basic_auth_users in the web config and no password given, an answer from the',
  "exporter's own server, 401 included, proves it alive (over TLS, its certificate",
  'proves whose server it is); to check the status too, give the probe a password:',
  `  ${PROBE_USERNAME}  (default: the only user of the web config)`,
  `  ${PROBE_PASSWORD}, or ${PROBE_PASSWORD}_FILE`,
  "      that user's password in plain text (the web config holds only its hash).",
  '',
].join('\n');

type Probe = { kind: 'probe'; request: ProbeRequest; user: string; basicAuth: boolean };
type Plan = { kind: 'help' } | Probe | { kind: 'error'; problem: string };

/** Splits off the healthcheck's own flags; the rest are the exporter's. */
function ownFlags(argv: readonly string[]) {
  const own = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(from-pid|timeout)(?:=(.*))?$/.exec(arg);
    if (arg === '-h' || arg === '--help') own.set('help', 'true');
    else if (arg === '--ready') own.set('ready', 'true');
    else if (!match?.[1]) rest.push(arg);
    else own.set(match[1], match[2] ?? argv[++i] ?? '');
  }
  return { own, rest };
}

/** The basic-auth header the probe sends: none when basic auth is off or no password is given. */
function login(web: WebConfig, env: Env): { authorization?: string; user: string } | { problem: string } {
  const users = web.basicAuthUsers;
  if (!users) return { user: '' };
  const errors: string[] = [];
  const password = readSecret([PROBE_PASSWORD], env, (path) => readFileSync(path, 'utf8'), errors);
  if (errors.length > 0) return { problem: errors.join('; ') };
  if (password.value === undefined) return { user: '' };
  const names = [...users.keys()];
  const user = envValue(env, PROBE_USERNAME) ?? (names.length === 1 ? names[0] : undefined);
  if (user === undefined)
    return {
      problem: `basic auth has ${names.length} users: set ${PROBE_USERNAME} to the one the probe uses`,
    };
  if (!users.has(user)) return { problem: `${PROBE_USERNAME}: "${user}" is not one of basic_auth_users` };
  const token = Buffer.from(`${user}:${password.value}`).toString('base64');
  return { authorization: `Basic ${token}`, user };
}

/** Reads what to probe from the flags, the environment and the web config. */
function plan(argv: readonly string[], env: Env, script: string): Plan {
  const { own, rest } = ownFlags(argv);
  if (own.has('help')) return { kind: 'help' };
  const timeout = duration(100, 60_000)(own.get('timeout') ?? DEFAULT_TIMEOUT);
  if (!timeout.ok) return { kind: 'error', problem: `--timeout: ${timeout.problem}` };
  const pid = own.get('from-pid');
  let exporterArgs = rest;
  if (pid !== undefined) {
    if (!/^\d+$/.test(pid)) return { kind: 'error', problem: `--from-pid: "${pid}" is not a process id` };
    if (rest.length > 0) return { kind: 'error', problem: '--from-pid: give either it or exporter flags' };
    const found = exporterArgsOf(Number(pid), script);
    if ('problem' in found) return { kind: 'error', problem: found.problem };
    exporterArgs = found.args;
  }
  const args = parseArgs(exporterArgs);
  if (args.errors.length > 0) return { kind: 'error', problem: args.errors.join('; ') };
  const settings = resolveSettings(args.values, env);
  const address = settings.get('web.listen-address');
  const listen = listenAddress(address?.values[0] ?? '');
  if (!listen.ok) return { kind: 'error', problem: `${address?.label}: ${listen.problem}` };
  if (listen.value.port === 0)
    return { kind: 'error', problem: `${address?.label}: port 0 cannot be probed` };
  const file = settings.get('web.config.file')?.values[0];
  const web =
    file === undefined ? { kind: 'ok' as const, config: undefined } : loadWebConfig(file, readFileSync);
  if (web.kind === 'error') return { kind: 'error', problem: web.errors.join('; ') };
  const auth = web.config ? login(web.config, env) : { user: '' };
  if ('problem' in auth) return { kind: 'error', problem: auth.problem };
  const tls = web.config?.tls;
  return {
    kind: 'probe',
    user: auth.user,
    basicAuth: web.config?.basicAuthUsers !== undefined,
    request: {
      host: reachableHost(listen.value.host),
      port: listen.value.port,
      path: own.has('ready') ? '/-/ready' : '/-/healthy',
      cert: tls?.cert,
      clientCertificateRequired:
        tls?.clientAuth === 'RequireAnyClientCert' || tls?.clientAuth === 'RequireAndVerifyClientCert',
      authorization: auth.authorization,
      timeoutMs: timeout.value,
    },
  };
}

/** The realm the exporter's own 401 names; over plain HTTP, what tells its answer from another server's. */
const OWN_REALM = 'realm="atlas-backup-exporter"';

/**
 * Whether the answer proves the exporter alive (and ready, for --ready): 200; or, with basic auth
 * on and no password given, the exporter's own 401 (its certificate, or over plain HTTP its
 * realm, says whose it is); or, over TLS, its refusal of a probe that has no client certificate.
 */
function proves(answer: ProbeAnswer, planned: Probe): boolean {
  if (answer.kind === 'client-certificate-required') return true;
  if (answer.status === 200) return true;
  const own = planned.request.cert !== undefined || (answer.wwwAuthenticate ?? '').includes(OWN_REALM);
  return answer.status === 401 && planned.basicAuth && !planned.request.authorization && own;
}

function refused(planned: Probe): string {
  if (planned.request.authorization) return `; the password of "${planned.user}" was refused`;
  return planned.basicAuth
    ? ' without the realm of the exporter: another server answers there'
    : '; it asks for basic auth, but the web config given has no basic_auth_users';
}

/**
 * `atlas-backup-exporter healthcheck`: 0 when the exporter's answer proves it alive (or ready),
 * else 1 (Docker reserves 2) and one line on stderr that names no secret.
 */
export async function runHealthcheckCommand(
  argv: readonly string[],
  env: Env,
  script: string,
): Promise<number> {
  const planned = plan(argv, env, script);
  if (planned.kind === 'help') {
    process.stdout.write(HEALTHCHECK_USAGE);
    return 0;
  }
  if (planned.kind === 'error') {
    process.stderr.write(`healthcheck: ${planned.problem}\n`);
    return 1;
  }
  const { request } = planned;
  const url = `${serverUrl(request.cert !== undefined, request.host, request.port)}${request.path}`;
  try {
    const answer = await probe(request);
    if (proves(answer, planned)) return 0;
    const { status } = answer as { status: number };
    process.stderr.write(`healthcheck: ${url} answered ${status}${status === 401 ? refused(planned) : ''}\n`);
  } catch (err) {
    if (!(err instanceof ProbeError)) throw err;
    process.stderr.write(`healthcheck: ${url}: ${err.message}\n`);
  }
  return 1;
}
