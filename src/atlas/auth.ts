import type { Headers } from './http.js';

/**
 * What a 401 means for the request that got it. 'challenge': it asked for credentials (Digest:
 * none were sent, or their nonce is stale) and is answered at once; it is no answer to the
 * request, so it is counted apart. 'again': credentials were refused, but worth one resend.
 */
export type RejectionVerdict = 'challenge' | 'again' | 'fail';

/**
 * One way of authenticating Atlas requests. The client calls `prepare` before it takes a
 * concurrency slot (so a token request never waits behind requests that wait for the token),
 * then `header` right before each exchange, and `rejected` on every 401.
 */
export interface Authenticator {
  prepare(signal: AbortSignal): Promise<void>;
  /** The `Authorization` value, or undefined to go without (Digest before the first challenge). */
  header(method: string, target: string): string | undefined;
  /**
   * A 401 came back for a request sent with `sent`; `round` counts the 401s this request has had
   * so far (1 on the first). 'challenge' and 'again' resend at once, not counted as a retry.
   */
  rejected(sent: string | undefined, headers: Headers, round: number): RejectionVerdict;
  /** Gives up anything cached; called on close. */
  close(): Promise<void>;
}
