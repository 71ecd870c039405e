/**
 * Deliveries of dispatched cases to the systems of units (二次推送): queued in the dispatch
 * transaction, claimed by a worker with a lease, and every attempt stored.
 */
import { Op, type Transaction } from 'sequelize';
import type { Database } from '../database';
import type { DeliveryRow, DeliveryStatus } from '../models';

/** Webhook event of a case dispatched to a unit. */
export const CASE_DISPATCHED_EVENT = 'case.dispatched';

/**
 * Queues a `case.dispatched` delivery for each of `unitIds` that has an active endpoint, inside
 * the caller's transaction (the dispatch's), so a rolled-back dispatch pushes nothing. Units
 * without a system of their own are skipped. Returns the ids of the queued deliveries.
 */
export async function enqueueDeliveries(db: Database, caseId: number, unitIds: readonly number[], transaction: Transaction): Promise<number[]> {
  if (unitIds.length === 0) return [];

  const endpoints = await db.models.UnitEndpoint.findAll({
    where: { orgUnitId: { [Op.in]: [...new Set(unitIds)] }, active: true },
    attributes: ['orgUnitId'],
    transaction,
  });
  const now = new Date();
  const ids: number[] = [];
  for (const endpoint of endpoints) {
    const row = await db.models.Delivery.create(
      { caseId, orgUnitId: endpoint.orgUnitId, event: CASE_DISPATCHED_EVENT, status: 'pending', nextAttemptAt: now, createdAt: now, updatedAt: now },
      { transaction },
    );
    ids.push(row.id);
  }
  return ids;
}

export interface ClaimedDelivery {
  id: number;
  caseId: number;
  orgUnitId: number;
  event: string;
  /** Attempts made before this one. */
  attempts: number;
  url: string;
  /** HMAC key of the unit. Never log it. */
  secret: string;
}

/**
 * Claims up to `limit` pending deliveries that are due, each for `leaseMs`: a claim is an update
 * that succeeds only while no other worker holds an unexpired lease, so several server nodes
 * never send one delivery at once. A delivery whose endpoint was removed or turned off is
 * marked failed.
 */
export async function claimDueDeliveries(db: Database, options: { now: Date; limit: number; leaseMs: number }): Promise<ClaimedDelivery[]> {
  const { Delivery, UnitEndpoint } = db.models;
  const { now } = options;
  const unlocked = { [Op.or]: [{ lockedUntil: { [Op.is]: null } }, { lockedUntil: { [Op.lte]: now } }] };
  const due = await Delivery.findAll({
    where: { status: 'pending', nextAttemptAt: { [Op.lte]: now }, ...unlocked },
    order: [['nextAttemptAt', 'ASC'], ['id', 'ASC']],
    limit: options.limit,
  });

  const claimed: ClaimedDelivery[] = [];
  for (const delivery of due) {
    const lockedUntil = new Date(now.getTime() + options.leaseMs);
    const [won] = await Delivery.update({ lockedUntil }, { where: { id: delivery.id, status: 'pending', ...unlocked } });
    if (won === 0) continue;

    const endpoint = await UnitEndpoint.findOne({ where: { orgUnitId: delivery.orgUnitId } });
    if (!endpoint || !endpoint.active) {
      await Delivery.update(
        { status: 'failed', lockedUntil: null, nextAttemptAt: null, lastError: 'unit endpoint removed or turned off' },
        { where: { id: delivery.id } },
      );
      continue;
    }
    claimed.push({ ...pick(delivery), url: endpoint.url, secret: endpoint.secret });
  }
  return claimed;
}

function pick(row: DeliveryRow) {
  return { id: row.id, caseId: row.caseId, orgUnitId: row.orgUnitId, event: row.event, attempts: row.attempts };
}

export interface AttemptOutcome {
  startedAt: Date;
  responseCode: number | null;
  succeeded: boolean;
  /** Short description of the failure; never a secret. */
  error: string | null;
  /** When to try again after a failure; null gives up and marks the delivery failed. */
  nextAttemptAt: Date | null;
}

/**
 * Stores one attempt and moves the delivery on: delivered after a success (with a timeline
 * entry on the case), pending until `nextAttemptAt` after a failure, or failed. Releases the lease.
 * Returns the delivery's new status.
 */
export async function recordDeliveryAttempt(db: Database, delivery: ClaimedDelivery, outcome: AttemptOutcome, now = new Date()): Promise<DeliveryStatus> {
  const attempt = delivery.attempts + 1;
  const status = statusAfter(outcome);
  const error = outcome.error ? outcome.error.slice(0, 500) : null;

  await db.transaction(async (transaction) => {
    await db.models.DeliveryAttempt.create(
      { deliveryId: delivery.id, attempt, startedAt: outcome.startedAt, responseCode: outcome.responseCode, succeeded: outcome.succeeded, error },
      { transaction },
    );
    await db.models.Delivery.update(
      {
        status,
        attempts: attempt,
        responseCode: outcome.responseCode,
        lastError: error,
        nextAttemptAt: status === 'pending' ? outcome.nextAttemptAt : null,
        deliveredAt: outcome.succeeded ? now : null,
        lockedUntil: null,
        updatedAt: now,
      },
      { where: { id: delivery.id }, transaction, silent: true },
    );
    if (status !== 'pending') {
      await db.models.CaseEvent.create(
        {
          caseId: delivery.caseId,
          type: status === 'delivered' ? 'pushed-to-unit-system' : 'push-to-unit-system-failed',
          actorUserId: null,
          data: { deliveryId: delivery.id, orgUnitId: delivery.orgUnitId, attempts: attempt },
          createdAt: now,
        },
        { transaction },
      );
    }
  });
  return status;
}

function statusAfter(outcome: AttemptOutcome): DeliveryStatus {
  if (outcome.succeeded) return 'delivered';
  if (outcome.nextAttemptAt) return 'pending';
  return 'failed';
}

export interface DeliveryAttemptRecord {
  attempt: number;
  startedAt: string;
  responseCode: number | null;
  succeeded: boolean;
  error: string | null;
}

export interface DeliveryRecord {
  id: number;
  caseId: number;
  orgUnitId: number;
  orgUnitName: string | null;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  responseCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
  attemptLog: DeliveryAttemptRecord[];
}

/** Lists the deliveries of a case, oldest first, each with its attempts in order. */
export async function listCaseDeliveries(db: Database, caseId: number): Promise<DeliveryRecord[]> {
  const rows = await db.models.Delivery.findAll({
    where: { caseId },
    include: [
      { model: db.models.DeliveryAttempt, as: 'attemptRows' },
      { model: db.models.OrgUnit, as: 'orgUnit', attributes: ['id', 'name'] },
    ],
    order: [
      ['id', 'ASC'],
      [{ model: db.models.DeliveryAttempt, as: 'attemptRows' }, 'attempt', 'ASC'],
    ],
  });
  return rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnit?.name ?? null,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    responseCode: row.responseCode,
    lastError: row.lastError,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    attemptLog: (row.attemptRows ?? []).map((attempt) => ({
      attempt: attempt.attempt,
      startedAt: attempt.startedAt.toISOString(),
      responseCode: attempt.responseCode,
      succeeded: attempt.succeeded,
      error: attempt.error,
    })),
  }));
}

/** True when the case was pushed to the unit's system at least once, so the unit may report on it. */
export async function wasPushedToUnit(db: Database, caseId: number, orgUnitId: number): Promise<boolean> {
  return (await db.models.Delivery.count({ where: { caseId, orgUnitId } })) > 0;
}
