/**
 * Side effects of workflow actions besides the case row and its timeline entry: the time-limit
 * clocks and the pushes to the units' own systems. Each runs inside the action's transaction,
 * so a failure rolls the whole action back.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../../db/database';
import { extendCaseDeadlines, markStageMet, restartCaseStage, startCaseDeadlines } from '../../db/repositories/case-deadlines';
import { enqueueDeliveries } from '../../db/repositories/deliveries';
import type { TimeLimit, TimeLimitStage } from '../workflow/time-limits';

/**
 * Starts the clocks of a new dispatch to `unitIds` (lead first) and queues the pushes to the
 * units that have their own system. Returns the completion due date, which the case row keeps
 * for the inbox order.
 */
export async function caseDispatched(db: Database, caseId: number, unitIds: readonly number[], at: Date, transaction: Transaction): Promise<Date | null> {
  const deadlines = await startCaseDeadlines(db, caseId, at, transaction, { orgUnitId: unitIds[0] ?? null });
  await enqueueDeliveries(db, caseId, unitIds, transaction);
  const complete = deadlines.find((deadline) => deadline.stage === 'complete');
  return complete ? new Date(complete.dueAt) : null;
}

/** Moves the completion clock by an approved extension; returns the new completion due date. */
export async function extensionApproved(db: Database, caseId: number, extension: TimeLimit, at: Date, transaction: Transaction): Promise<Date> {
  const deadline = await extendCaseDeadlines(db, caseId, extension, at, transaction);
  return new Date(deadline.dueAt);
}

/** Stops the clock of a stage the unit completed (signed for, contacted the caller, replied). */
export async function stageMet(db: Database, caseId: number, stage: TimeLimitStage, at: Date, transaction: Transaction): Promise<void> {
  await markStageMet(db, caseId, stage, at, transaction);
}

/**
 * Starts a new completion clock for a case sent back to its unit after it replied (rework, a
 * dissatisfied caller, a reopening). Returns the new completion due date.
 */
export async function caseSentBack(db: Database, caseId: number, at: Date, transaction: Transaction): Promise<Date> {
  const deadline = await restartCaseStage(db, caseId, 'complete', at, transaction);
  return new Date(deadline.dueAt);
}
