/**
 * The worker that pushes dispatched cases to units' systems: every pass claims the deliveries
 * that are due, sends each as a signed POST, stores the attempt, and schedules the next try
 * with exponential backoff until the endpoint returns 2xx or the attempts run out.
 */
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { claimDueDeliveries, recordDeliveryAttempt, type ClaimedDelivery } from '../../db/repositories/deliveries';
import { buildCaseDispatchedPayload } from './payload';
import { DELIVERY_HEADER, EVENT_HEADER, signatureHeaders } from './signature';

export interface BackoffOptions {
  /** Delay after the first failure, in milliseconds (default 10 000). */
  initialMs: number;
  /** Each further failure multiplies the delay by this (default 2). */
  factor: number;
  /** Maximum delay, in milliseconds (default one hour). */
  maxMs: number;
  /** Attempts before the delivery is marked failed (default 48, about two days with the defaults). */
  maxAttempts: number;
}

export interface DeliveryWorkerOptions {
  db: Database;
  logger: Logger;
  /** Milliseconds between passes. */
  intervalMs: number;
  /** Deliveries sent per pass at most (default 20). */
  batchSize?: number;
  /** Time-out of one POST in milliseconds (default 10 000). */
  requestTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 10_000, factor: 2, maxMs: 3_600_000, maxAttempts: 48 };

/** Delay before attempt `failedAttempts + 1`, after `failedAttempts` failures. */
export function backoffDelay(backoff: BackoffOptions, failedAttempts: number): number {
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** Math.max(failedAttempts - 1, 0));
}

export class DeliveryWorker {
  private readonly db: Database;
  private readonly logger: Logger;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly requestTimeoutMs: number;
  private readonly backoff: BackoffOptions;
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<number> | null = null;
  private stopped = true;

  constructor(options: DeliveryWorkerOptions) {
    this.db = options.db;
    this.logger = options.logger.child({ component: 'department-push' });
    this.intervalMs = options.intervalMs;
    this.batchSize = options.batchSize ?? 20;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.logger.info({ intervalMs: this.intervalMs }, 'department push worker started');
    this.schedule(0);
  }

  /** Stops scheduling passes and waits for the running one. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.pass?.catch(() => undefined);
    this.logger.info('department push worker stopped');
  }

  /** Runs one pass now (waiting for a running one first); returns how many deliveries it attempted. */
  async runOnce(): Promise<number> {
    while (this.pass) await this.pass.catch(() => undefined);
    this.pass = this.sendDue().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce()
        .catch((error: unknown) => this.logger.error({ err: error }, 'department push pass failed'))
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  private async sendDue(): Promise<number> {
    const now = new Date();
    const leaseMs = this.requestTimeoutMs + 30_000;
    const claimed = await claimDueDeliveries(this.db, { now, limit: this.batchSize, leaseMs });
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const attempt = delivery.attempts + 1;
    const log = this.logger.child({ deliveryId: delivery.id, caseId: delivery.caseId, orgUnitId: delivery.orgUnitId, attempt });
    const startedAt = new Date();
    const { responseCode, error } = await this.post(delivery, startedAt);
    const succeeded = responseCode !== null && responseCode >= 200 && responseCode < 300;

    const nextAttemptAt =
      succeeded || attempt >= this.backoff.maxAttempts ? null : new Date(Date.now() + backoffDelay(this.backoff, attempt));
    const status = await recordDeliveryAttempt(this.db, delivery, {
      startedAt,
      responseCode,
      succeeded,
      error: succeeded ? null : (error ?? `HTTP ${responseCode}`),
      nextAttemptAt,
    });

    if (status === 'delivered') log.info({ responseCode }, 'case pushed to unit system');
    else if (status === 'pending') log.warn({ responseCode, error, nextAttemptAt }, 'push to unit system failed, retrying later');
    else log.error({ responseCode, error }, 'push to unit system failed, giving up');
  }

  /** Sends the signed POST; returns the status code, or null and the error when no response arrived. */
  private async post(delivery: ClaimedDelivery, now: Date): Promise<{ responseCode: number | null; error: string | null }> {
    try {
      const body = JSON.stringify(await buildCaseDispatchedPayload(this.db, delivery));
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [DELIVERY_HEADER]: String(delivery.id),
          [EVENT_HEADER]: delivery.event,
          ...signatureHeaders(delivery.secret, body, now),
        },
        body,
        // A redirect could carry the signed case to another host, so it counts as a failure.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
      await response.body?.cancel();
      return { responseCode: response.status, error: null };
    } catch (error) {
      return { responseCode: null, error: describeFetchError(error) };
    }
  }
}

/** Describes the cause of a failed fetch in a few words, such as `ECONNREFUSED` or `TimeoutError`. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (error instanceof Error) return error.name === 'TypeError' ? (cause?.message ?? error.message) : `${error.name}: ${error.message}`;
  return String(error);
}
