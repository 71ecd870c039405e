/**
 * Applies a planned transition to the database inside the action's transaction: the case's
 * workflow columns (with the version check), the timeline entry, the units, the time-limit
 * clocks and the link of a merged duplicate.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../../db/database';
import type { CaseEventData } from '../../db/models';
import {
  assignCaseUnits,
  insertCaseEvent,
  setCaseUnitState,
  updateCaseWorkflow,
  type CaseWorkflowChanges,
  type CaseWorkflowRecord,
} from '../../db/repositories';
import type { CaseState } from '../domain/terms';
import { conflict } from '../errors';
import type { ActionInput, CaseAction, CaseTransitionEvent } from '../workflow/case-transitions';
import { checkDispatchUnits, checkEscalationLeader, checkMergeTarget } from './action-references';
import type { CaseActor } from './case-membership';
import { caseDispatched, caseSentBack, extensionApproved, stageMet } from './workflow-side-effects';

export interface AppliedTransition {
  caseId: number;
  type: string;
  fromState: CaseState;
  toState: CaseState;
  eventId: number;
}

/** The error of a change based on a version of the case that someone else changed since. */
export const staleVersion = () => conflict('该工单刚被其他人办理过，请刷新后查看最新状态再操作');

/** Actions that put the case on (new) units: the lead unit and the co-handling units of the input. */
const DISPATCHING: ReadonlySet<CaseAction> = new Set(['dispatch', 'review-return-accept', 'redispatch']);

/**
 * Writes the transition. Throws CONFLICT when another transaction changed the case since
 * `record` was read, and VALIDATION_FAILED when the input names a unit, leader or case that
 * cannot be used. The caller's transaction then rolls everything back.
 */
export async function applyTransition(
  db: Database,
  actor: CaseActor,
  record: CaseWorkflowRecord,
  event: CaseTransitionEvent,
  now: Date,
  transaction: Transaction,
): Promise<AppliedTransition> {
  const changes: CaseWorkflowChanges = {};
  const data: CaseEventData = { ...event.data };
  if (event.toState !== record.state) changes.state = event.toState;
  applyEffects(record, event, changes);

  let unitNames: Map<number, string> | null = null;
  let mergeTargetNo: string | null = null;
  const input = event.data as Record<string, unknown>;

  if (DISPATCHING.has(event.action)) {
    const units = input as ActionInput<'dispatch'>;
    unitNames = await checkDispatchUnits(db, units, transaction);
    Object.assign(changes, { handlingUnitId: units.leadUnitId, dispatchedAt: now, extensionDays: 0, extensionPending: false, extensionRequestedDays: null });
    data.leadUnitName = unitNames.get(units.leadUnitId);
    data.coUnitNames = units.coUnitIds.map((id) => unitNames!.get(id));
  } else if (event.action === 'request-extension') {
    changes.extensionRequestedDays = (input as ActionInput<'request-extension'>).workingDays;
  } else if (event.action === 'approve-extension') {
    changes.extensionDays = record.extensionDays + (input as ActionInput<'approve-extension'>).workingDays;
  } else if (event.action === 'callback') {
    changes.satisfaction = (input as ActionInput<'callback'>).rating;
  } else if (event.action === 'escalate') {
    const escalation = input as ActionInput<'escalate'>;
    data.leaderName = await checkEscalationLeader(db, escalation, transaction);
    Object.assign(changes, { escalatedToUserId: escalation.leaderUserId ?? null, escalationMajor: escalation.major });
  } else if (event.action === 'merge') {
    const { intoCaseId } = input as ActionInput<'merge'>;
    mergeTargetNo = await checkMergeTarget(db, record, intoCaseId, transaction);
    changes.mergedIntoCaseId = intoCaseId;
    data.intoCaseNo = mergeTargetNo;
  } else if (event.action === 'co-reply') {
    data.orgUnitId = actor.orgUnitId;
  }

  // The versioned update comes first: it takes the row lock, so a concurrent action fails here
  // before it writes anything else.
  if (!(await updateCaseWorkflow(db, record.id, record.version, changes, now, transaction))) throw staleVersion();

  const eventId = await insertCaseEvent(
    db,
    { caseId: record.id, type: event.type, fromState: event.fromState, toState: event.toState, actorUserId: actor.userId, note: event.note, data },
    now,
    transaction,
  );
  await applySideEffects(db, actor, record, event, now, transaction, mergeTargetNo);
  return { caseId: record.id, type: event.type, fromState: event.fromState, toState: event.toState, eventId };
}

function applyEffects(record: CaseWorkflowRecord, event: CaseTransitionEvent, changes: CaseWorkflowChanges): void {
  const { effects } = event;
  if (effects.extensionPending !== undefined) {
    changes.extensionPending = effects.extensionPending;
    if (!effects.extensionPending) changes.extensionRequestedDays = null;
  }
  if (effects.escalationPending !== undefined) changes.escalationPending = effects.escalationPending;
  if (effects.supervised) changes.supervised = true;
  if (effects.reopened) changes.reopenCount = record.reopenCount + 1;
}

async function applySideEffects(
  db: Database,
  actor: CaseActor,
  record: CaseWorkflowRecord,
  event: CaseTransitionEvent,
  now: Date,
  transaction: Transaction,
  mergeTargetNo: string | null,
): Promise<void> {
  const input = event.data as Record<string, unknown>;

  if (DISPATCHING.has(event.action)) {
    const units = input as ActionInput<'dispatch'>;
    await assignCaseUnits(db, record.id, units, now, transaction);
    const dueAt = await caseDispatched(db, record.id, [units.leadUnitId, ...units.coUnitIds], now, transaction);
    await db.models.Case.update({ dueAt }, { where: { id: record.id }, transaction, silent: true });
    return;
  }

  // Rework, a dissatisfied callback and reopening a closed case send it back to its unit with a
  // new completion clock; reopening a refused or answered matter sends it back to registration.
  if (event.effects.reopened && event.toState === 'in-progress') {
    const dueAt = await caseSentBack(db, record.id, now, transaction);
    await db.models.Case.update({ dueAt }, { where: { id: record.id }, transaction, silent: true });
    return;
  }

  switch (event.action) {
    case 'sign':
    case 'return':
      // A returning unit has read the case, so its sign-for clock stops either way.
      await stageMet(db, record.id, 'sign', now, transaction);
      break;
    case 'contact':
      await stageMet(db, record.id, 'first-contact', now, transaction);
      break;
    case 'reply':
      await stageMet(db, record.id, 'complete', now, transaction);
      break;
    case 'approve-extension': {
      const { workingDays } = input as ActionInput<'approve-extension'>;
      const dueAt = await extensionApproved(db, record.id, { amount: workingDays, unit: 'working-days' }, now, transaction);
      await db.models.Case.update({ dueAt }, { where: { id: record.id }, transaction, silent: true });
      break;
    }
    case 'co-reply':
      await setCaseUnitState(db, record.id, actor.orgUnitId, 'co-replied', now, transaction);
      break;
    case 'merge':
      await insertCaseEvent(
        db,
        {
          caseId: (input as ActionInput<'merge'>).intoCaseId,
          type: 'duplicate-merged',
          fromState: null,
          toState: null,
          actorUserId: actor.userId,
          note: event.note,
          data: { caseId: record.id, caseNo: record.caseNo, intoCaseNo: mergeTargetNo },
        },
        now,
        transaction,
      );
      break;
    default:
      break;
  }
}
