/**
 * Writes the call log in batches. The writes queued while one batch runs go together into the
 * next transaction, each in a savepoint of its own, so a failed write is rolled back alone and
 * the others are kept. One batch runs at a time and the queue is first in, first out, so the
 * writes of one call keep their event order.
 *
 * Why: every call event wrote its own transaction. On SQLite each one opened a connection of
 * its own and synced the log at commit, and on MySQL each one took a pool connection, which
 * delayed the screen pop's reads under a burst of calls. Batched, a burst costs a few commits
 * and leaves the other pool connections to the reads.
 */
import type { Logger } from 'pino';
import type { Transaction } from 'sequelize';
import type { Database } from '../../db/database';

/** One write of the call log, run inside `transaction`; false means the call is not stored. */
export type CallLogWrite = (transaction: Transaction) => Promise<boolean | void>;

interface QueuedWrite {
  write: CallLogWrite;
  resolve: (stored: boolean | void) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; stored: boolean | void } | { ok: false; error: unknown };

/** Maximum of writes in one transaction, so that one batch does not keep the database for long. */
const MAX_BATCH = 50;

export class CallLogWriter {
  private queue: QueuedWrite[] = [];
  private draining = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  /** Queues `write`; resolves with its result once its batch committed, rejects with its own or the commit's error. */
  write(write: CallLogWrite): Promise<boolean | void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.runBatch(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: QueuedWrite[]): Promise<void> {
    let outcomes: Outcome[] = [];
    try {
      await this.db.transaction(async (transaction) => {
        // Filled again on each attempt: MySQL runs the whole batch again after a deadlock.
        outcomes = [];
        for (const queued of batch) {
          outcomes.push(await this.runInSavepoint(queued.write, transaction));
        }
      });
    } catch (error) {
      this.logger.error({ err: error, writes: batch.length }, 'committing a batch of call-log writes failed');
      for (const queued of batch) queued.reject(error);
      return;
    }
    batch.forEach((queued, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) queued.resolve(outcome.stored);
      else queued.reject(outcome.error);
    });
  }

  private async runInSavepoint(write: CallLogWrite, transaction: Transaction): Promise<Outcome> {
    try {
      const stored = await this.db.sequelize.transaction({ transaction }, (savepoint) => write(savepoint));
      return { ok: true, stored };
    } catch (error) {
      // MySQL has rolled back the whole transaction of a deadlock victim, so the batch must retry.
      if (isDeadlock(error)) throw error;
      return { ok: false, error };
    }
  }
}

function isDeadlock(error: unknown): boolean {
  const parent = (error as { parent?: { code?: string } } | null)?.parent;
  return parent?.code === 'ER_LOCK_DEADLOCK';
}
