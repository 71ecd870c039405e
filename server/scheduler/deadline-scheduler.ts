/**
 * Runs a deadline pass (deadline-pass.ts) every `intervalMs` and sends its outcome to the
 * desktops. Passes of one node never overlap; passes of several nodes may, and stay correct
 * because every row is claimed by one pass in the database.
 */
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { loadWorkingCalendar } from '../../db/repositories/working-calendar';
import { runDeadlinePass, type DeadlinePassResult } from './deadline-pass';
import { escalationCutoff } from './escalation-cutoff';

export interface DeadlineSchedulerOptions {
  db: Database;
  logger: Logger;
  /** Milliseconds between the end of one pass and the start of the next. */
  intervalMs: number;
  /** Working days after a missed due date until its open supervision notice escalates. */
  escalationWorkingDays: number;
  /** Receives the outcome of every pass that changed something, such as notifyDeadlinePass. */
  notify?: (result: DeadlinePassResult) => void;
}

export class DeadlineScheduler {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<DeadlinePassResult | null> | null = null;
  private stopped = true;

  constructor(private readonly options: DeadlineSchedulerOptions) {
    this.logger = options.logger.child({ component: 'deadline-scheduler' });
  }

  /** Starts the timer; the first pass runs at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.logger.info({ intervalMs: this.options.intervalMs, escalationWorkingDays: this.options.escalationWorkingDays }, 'deadline scheduler started');
    this.schedule(0);
  }

  /** Stops the timer and waits for a running pass to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.stopped) this.logger.info('deadline scheduler stopped');
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  /**
   * Runs one pass at `now` and notifies. Returns null without running when a pass of this node
   * is still running. Throws when the pass fails; the timer logs that and tries again later.
   */
  async runPass(now: Date = new Date()): Promise<DeadlinePassResult | null> {
    if (this.running) return null;
    this.running = this.pass(now);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async pass(now: Date): Promise<DeadlinePassResult> {
    const started = performance.now();
    const calendar = await loadWorkingCalendar(this.options.db);
    const cutoff = escalationCutoff(calendar, now, this.options.escalationWorkingDays);
    const result = await runDeadlinePass(this.options.db, now, cutoff);

    const summary = {
      passId: result.passId,
      levelChanges: result.levelChanges.length,
      notices: result.notices.length,
      ms: Math.round(performance.now() - started),
    };
    if (result.levelChanges.length > 0 || result.notices.length > 0) {
      this.logger.info(summary, 'deadline pass changed cases');
      this.options.notify?.(result);
    } else {
      this.logger.debug(summary, 'deadline pass found nothing to change');
    }
    return result;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runPass()
        .catch((error: unknown) => this.logger.error({ err: error }, 'deadline pass failed; retrying at the next interval'))
        .finally(() => {
          if (!this.stopped) this.schedule(this.options.intervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
