import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerlessRetired, SimulatorOptions } from '../options.js';
import type { ScenarioRoles, SimWorld } from '../world/model.js';
import { createMutators } from '../world/mutators.js';
import { mulberry32 } from '../world/prng.js';
import { buildScenario } from '../world/scenario.js';
import { applySize } from '../world/size.js';
import { createAuth, defaultCredentials, type SimCredentials } from './auth.js';
import { createFaults, type FaultSpec } from './faults.js';
import { answer, type Outcome, type PipelineState } from './pipeline.js';
import { createTokenBucket } from './rate-limit.js';
import { matchRoute, type SimEndpoint } from './routes.js';

/** One request as the simulator saw it; `status` 0 means the connection was reset. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  endpoint: SimEndpoint;
  /** when it arrived, by the simulator's clock (ms) */
  time: number;
  /** the Accept header as sent, if any */
  accept?: string;
}

/** A running simulator; see startSimulator. */
export interface Simulator extends ReturnType<typeof createMutators> {
  /** e.g. http://127.0.0.1:41234 (https with `tls`), no trailing slash */
  readonly url: string;
  readonly credentials: SimCredentials;
  readonly orgId: string;
  /** the live data; mutate it through the mutators */
  readonly world: SimWorld;
  /** the default scenario's clusters and projects by the problem they show */
  readonly roles: ScenarioRoles;
  readonly requests: RequestLogEntry[];
  resetRequests(): void;
  injectFault(spec: FaultSpec): void;
  clearFaults(): void;
  setServerlessRetired(retired: ServerlessRetired): void;
  /** from now on the credentials lack these roles (none: every route answers again) */
  setMissingRoles(roles: readonly string[]): void;
  /** revokes every access token issued so far: Bearer requests with them get Atlas's 401 */
  revokeTokens(): void;
  /** changes the latency added to every request from now on */
  setLatencyMs(ms: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes the outcome, damaged as its fault says; returns the status the client saw (0: none). */
function write(res: ServerResponse, { response, fault }: Outcome): number {
  if (fault?.kind === 'reset') {
    res.socket?.destroy();
    return 0;
  }
  const rewritten =
    fault?.rewrite && response.status < 300
      ? JSON.stringify(fault.rewrite(JSON.parse(response.body)))
      : undefined;
  const body = Buffer.from(rewritten ?? response.body);
  // Malformed: a well-framed response whose JSON stops half way.
  const sent = fault?.kind === 'malformed-json' ? body.subarray(0, Math.floor(body.length / 2)) : body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(sent.length) });
  if (fault?.kind === 'truncated') {
    // The full length was announced; half of it arrives, then the connection drops.
    res.write(sent.subarray(0, Math.floor(sent.length / 2)), () => res.destroy());
    return response.status;
  }
  res.end(sent);
  return response.status;
}

/** Starts the Atlas simulator on loopback: the default scenario, grown by the size options. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const { world, roles } = buildScenario(seed, now());
  applySize(world, options, seed, now());
  const generated = defaultCredentials(seed);
  const credentials: SimCredentials = {
    serviceAccount: options.serviceAccount ?? generated.serviceAccount,
    apiKey: options.apiKey ?? generated.apiKey,
  };
  const state: PipelineState = {
    world,
    auth: createAuth({
      credentials,
      tokenTtlMs: (options.tokenTtlSeconds ?? 3600) * 1000,
      nonceTtlMs: (options.nonceTtlSeconds ?? 30) * 1000,
      now,
    }),
    faults: createFaults(options.faultRate ?? 0, mulberry32(seed ^ 0xfa17), options.faultStatuses),
    bucket: options.rateLimit ? createTokenBucket(options.rateLimit, now) : undefined,
    rateLimit: options.rateLimit,
    knobs: { serverlessRetired: options.serverlessRetired ?? false },
    acceptVersions: options.acceptVersions ?? 'exact',
    unauthorizedStatus: options.unauthorizedStatus ?? 401,
    missingRoles: new Set(options.missingRoles),
  };
  const requests: RequestLogEntry[] = [];
  let latencyMs = options.latencyMs ?? 0;
  let url = '';

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const parsed = new URL(target, 'http://simulator.invalid');
    const match = matchRoute(method, parsed.pathname);
    const entry: RequestLogEntry = {
      method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      status: 0,
      endpoint: match?.route.endpoint ?? 'unknown',
      time: now(),
      ...(req.headers.accept === undefined ? {} : { accept: req.headers.accept }),
    };
    requests.push(entry);
    const body = await readBody(req);
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const base = req.headers.host ? `${scheme}://${req.headers.host}` : url;
    const headers = { authorization: req.headers.authorization, accept: req.headers.accept };
    const outcome = await answer(state, { method, target, url: parsed, base, match, headers, body });
    entry.status = write(res, outcome);
  }

  const scheme = options.tls ? 'https' : 'http';
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `${scheme}://${host}:${address.port}`;

  return {
    url,
    credentials,
    orgId: world.orgId,
    world,
    roles,
    requests,
    resetRequests: () => {
      requests.length = 0;
    },
    injectFault: state.faults.inject,
    clearFaults: state.faults.clear,
    setServerlessRetired: (retired) => {
      state.knobs.serverlessRetired = retired;
    },
    setMissingRoles: (roles) => {
      state.missingRoles = new Set(roles);
    },
    revokeTokens: state.auth.revokeTokens,
    setLatencyMs: (ms) => {
      latencyMs = ms;
    },
    ...createMutators(world, mulberry32(seed ^ 0x3a7), now),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
