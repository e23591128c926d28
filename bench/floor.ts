import { Agent, request } from 'undici';
import type { RequestLogEntry, SimCredentials } from '../simulator/index.js';

/** A Bearer token from the simulator's OAuth endpoint, outside the timed part. */
export async function bearerToken(baseUrl: string, credentials: SimCredentials): Promise<string> {
  const { clientId, clientSecret } = credentials.serviceAccount;
  const res = await request(`${baseUrl}/api/oauth/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await res.body.json()) as { access_token?: string };
  if (res.statusCode !== 200 || !body.access_token) throw new Error(`token: ${res.statusCode}`);
  return body.access_token;
}

export function targetOf(entry: RequestLogEntry): string {
  const query = new URLSearchParams(entry.query).toString();
  return query ? `${entry.path}?${query}` : entry.path;
}

/**
 * The floor of a refresh: the same requests (targets and Accept headers, in the order the
 * exporter sent them) from `concurrency` workers over a pool of as many connections, each only
 * reading and parsing the JSON. Returns the wall time in ms.
 */
export async function replay(
  baseUrl: string,
  token: string,
  entries: readonly RequestLogEntry[],
  concurrency: number,
): Promise<{ ms: number; failed: number }> {
  const dispatcher = new Agent({ connections: concurrency });
  let next = 0;
  let failed = 0;
  const worker = async () => {
    for (let i = next++; i < entries.length; i = next++) {
      const e = entries[i] as RequestLogEntry;
      const res = await request(`${baseUrl}${targetOf(e)}`, {
        dispatcher,
        headers: { authorization: `Bearer ${token}`, ...(e.accept ? { accept: e.accept } : {}) },
      });
      await res.body.json();
      if (res.statusCode !== e.status) failed++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  await dispatcher.close();
  return { ms, failed };
}
