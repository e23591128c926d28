import type { Headers } from './http.js';

/** What a 401 means for the request that got it. */
export type RejectionVerdict = 'again' | 'fail';

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
   * so far (1 on the first). 'again' resends at once, without counting as a retry.
   */
  rejected(sent: string | undefined, headers: Headers, round: number): RejectionVerdict;
  /** Gives up anything cached; called on close. */
  close(): Promise<void>;
}
