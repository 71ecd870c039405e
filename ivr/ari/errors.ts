/** Errors of the ARI adapter. */

/**
 * Why a REST request failed:
 * - `gone`: the channel, bridge, playback or recording no longer exists or left Stasis, which is
 *   normal for anything that hung up;
 * - `rejected`: Asterisk refused the request (bad endpoint, allocation failed, ...);
 * - `timeout`: no answer in time;
 * - `disconnected`: there is no ARI connection.
 */
export type AriFailure = 'gone' | 'rejected' | 'timeout' | 'disconnected';

export class AriRequestError extends Error {
  readonly code = 'ARI_REQUEST_FAILED';

  constructor(
    readonly operation: string,
    readonly failure: AriFailure,
    /** Asterisk's own message, such as `Channel not found`. */
    readonly reason: string,
  ) {
    super(`ARI ${operation} failed (${failure}): ${reason}`);
    this.name = 'AriRequestError';
  }
}

/** True when `error` says the target of the request has hung up or was destroyed. */
export function isGone(error: unknown): boolean {
  return error instanceof AriRequestError && error.failure === 'gone';
}

/** Messages with which Asterisk 22 answers a request on something that no longer exists. */
const GONE_PATTERNS = [/not found/i, /not in stasis/i];

/**
 * Builds an `AriRequestError` from what `ari-client` rejects with: an `Error` whose message is
 * Asterisk's JSON body (`{"message": "Channel not found"}`), since ari-client drops the status code.
 */
export function toAriRequestError(operation: string, error: unknown): AriRequestError {
  if (error instanceof AriRequestError) return error;

  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error ?? null);
  let reason = raw;
  try {
    const body = JSON.parse(raw) as { message?: unknown; error?: unknown };
    reason = String(body.message ?? body.error ?? raw);
  } catch {
    // Not JSON: a transport error such as ECONNRESET, reported as it is.
  }
  const failure: AriFailure = GONE_PATTERNS.some((pattern) => pattern.test(reason)) ? 'gone' : 'rejected';
  return new AriRequestError(operation, failure, reason);
}
