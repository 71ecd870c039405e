/** Reconnect delays shared by the ARI and AMI links. */

export interface BackoffOptions {
  /** First delay in milliseconds. */
  initialDelayMs: number;
  /** Largest delay in milliseconds; attempts go on forever at this pace. */
  maxDelayMs: number;
}

/**
 * Exponential backoff with jitter: each failure doubles the delay up to `maxDelayMs`, and each
 * delay is drawn between half and all of that value so that restarted clients do not retry in step.
 */
export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** Delay before the next attempt, in milliseconds; counts one more failure. */
  next(): number {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.initialDelayMs * 2 ** this.failures);
    this.failures = Math.min(this.failures + 1, 30);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  /** Number of failures since the last success. */
  get attempts(): number {
    return this.failures;
  }

  reset(): void {
    this.failures = 0;
  }
}

/** Resolves after `ms` milliseconds, or at once when `signal` aborts. Never rejects. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
