import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, pino } from 'pino';
import { afterEach } from 'vitest';
import type { ApiObserver, AtlasClient, Credentials, RetryReason, StreamReader } from './api.js';
import { type AtlasClientOptions, createAtlasClient } from './client.js';
import type { EndpointName } from './endpoints.js';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void | Promise<void>;

/** A real loopback HTTP server that records every request and the most it had in flight. */
export interface TestServer {
  url: string;
  seen: Seen[];
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  let inFlight = 0;
  const state: TestServer = { url: '', seen: [], maxInFlight: 0, close: async () => {} };
  const server = createServer(async (req, res) => {
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    };
    state.seen.push(seen);
    try {
      await handler(req, res, seen);
    } catch (err) {
      res.statusCode = 599;
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Records every observer call. */
export function recordingObserver() {
  const calls = {
    requests: [] as Array<[EndpointName, string]>,
    challenges: [] as EndpointName[],
    retries: [] as Array<[EndpointName, RetryReason]>,
    remaining: [] as Array<[EndpointName, number]>,
    capacity: [] as Array<[EndpointName, number]>,
    sunsets: [] as Array<[EndpointName, number]>,
  };
  const observer: ApiObserver = {
    request: (endpoint, code) => calls.requests.push([endpoint, code]),
    challenge: (endpoint) => calls.challenges.push(endpoint),
    retry: (endpoint, reason) => calls.retries.push([endpoint, reason]),
    rateLimitRemaining: (endpoint, n) => calls.remaining.push([endpoint, n]),
    rateLimitCapacity: (endpoint, n) => calls.capacity.push([endpoint, n]),
    sunset: (endpoint, ts) => calls.sunsets.push([endpoint, ts]),
  };
  return { observer, calls };
}

/** A logger that keeps its lines, to check that no secret is ever written. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

export const API_KEY: Credentials = {
  kind: 'api-key',
  publicKey: 'pubkey',
  privateKey: 'private-key-SECRET',
};
export const SERVICE_ACCOUNT: Credentials = {
  kind: 'service-account',
  clientId: 'mdb_sa_id_0123456789abcdef01234567',
  clientSecret: 'mdb_sa_sk_SECRET_with_underscores',
};

/** A client with immediate sleeps, so retries cost nothing in tests. */
export function testClient(url: string, overrides: Partial<AtlasClientOptions> = {}) {
  const { observer, calls } = recordingObserver();
  const { logger, lines } = memoryLogger();
  const sleeps: number[] = [];
  const client = createAtlasClient({
    baseUrl: url,
    credentials: overrides.credentials ?? { kind: 'service-account', clientId: 'id', clientSecret: 'secret' },
    observer,
    logger,
    requestTimeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { client, calls, lines, sleeps };
}

/** Answers the token endpoint; anything else is left to `api`. */
export function withToken(api: Handler, token = 'tok-1', expiresIn = 3600): Handler {
  return (req, res, seen) => {
    if (seen.url === '/api/oauth/token')
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });
    return api(req, res, seen);
  };
}

export async function collect<T>(pages: AsyncIterable<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page.items);
  return all;
}

/**
 * The loopback Atlas and the client of the test that is running: a test sets them, and both are
 * closed (client first) and forgotten after it.
 */
export function loopbackAtlas(): { server?: TestServer; client?: AtlasClient } {
  const current: { server?: TestServer; client?: AtlasClient } = {};
  afterEach(async () => {
    await current.client?.close();
    await current.server?.close();
    current.client = undefined;
    current.server = undefined;
  });
  return current;
}

/** Readers that keep the chunks they are given, one list per reader made (one per attempt). */
export function chunkReaders() {
  const made: string[][] = [];
  const reader = (): StreamReader<string> => {
    const chunks: string[] = [];
    made.push(chunks);
    return {
      write: (text) => {
        chunks.push(text);
      },
      end: () => {},
      result: () => chunks.join(''),
    };
  };
  return { made, reader };
}
