/**
 * The call log, written from call-control events: one Call row per call and one CallOffer row
 * per time an agent's phone rang. Every function is safe to repeat with the same event, since
 * call control may re-deliver events after it reconnects. Functions that update a call return
 * false when the call is unknown, so that the caller can log the stray event. Each writing
 * function runs in its own transaction, or in `options.transaction` when one is given (the
 * call-event handler writes several events in one transaction).
 */
import { Op } from 'sequelize';
import type { CallPhase, OfferOutcome } from '../../ivr/contract';
import type { CallParty, IvrChoice, Skill } from '../../server/domain/terms';
import type { Database } from '../database';
import type { CallRow } from '../models';
import { normalizePhoneNumber } from './phone-number';

export interface StartCallEvent {
  callId: string;
  channelId: string;
  callerNumber: string;
  callerName: string;
  calledNumber: string;
  startedAt: Date;
}

/** Stores a new call. A call that is already stored is left as it is. */
export async function startCall(db: Database, event: StartCallEvent, options: WriteOptions = {}): Promise<void> {
  await inTransaction(db, options, async (transaction) => {
    await db.models.Call.bulkCreate(
      [
        {
          id: event.callId,
          channelId: event.channelId,
          callerNumber: normalizePhoneNumber(event.callerNumber),
          callerName: event.callerName,
          calledNumber: normalizePhoneNumber(event.calledNumber),
          startedAt: event.startedAt,
        },
      ],
      { ignoreDuplicates: true, transaction },
    );
  });
}

/** Records the caller's IVR menu choice. */
export async function markMenuChoice(db: Database, event: { callId: string; choice: IvrChoice }, options: WriteOptions = {}): Promise<boolean> {
  return updateCall(db, event.callId, options, (call) => {
    call.ivrChoice = event.choice;
  });
}

/** Records the skill the call waits for. `queuedAt` keeps the first time the call was queued. */
export async function markQueued(db: Database, event: { callId: string; skill: Skill; queuedAt: Date }, options: WriteOptions = {}): Promise<boolean> {
  return updateCall(db, event.callId, options, (call) => {
    call.skill = event.skill;
    call.queuedAt ??= event.queuedAt;
  });
}

/** Records that an agent's phone started ringing. The call's `offeredAt` keeps the first offer. */
export async function markOffered(
  db: Database,
  event: { callId: string; agentUserId: number; offeredAt: Date },
  options: WriteOptions = {},
): Promise<boolean> {
  return updateCall(db, event.callId, options, async (call, transaction) => {
    call.offeredAt ??= event.offeredAt;
    const offer = { callId: event.callId, agentUserId: event.agentUserId, offeredAt: event.offeredAt };
    if (!(await db.models.CallOffer.findOne({ where: offer, transaction }))) {
      await db.models.CallOffer.create(offer, { transaction });
    }
  });
}

/** Records how the ringing of one agent ended without that agent answering. */
export async function endOffer(
  db: Database,
  event: { callId: string; agentUserId: number; outcome: Exclude<OfferOutcome, 'answered'>; endedAt: Date },
  options: WriteOptions = {},
): Promise<boolean> {
  return updateCall(db, event.callId, options, async (_call, transaction) => {
    await closeOpenOffers(db, { callId: event.callId, agentUserId: event.agentUserId }, event.outcome, event.endedAt, transaction);
  });
}

/** Records that the agent answered and the call is bridged (and recorded). */
export async function markAnswered(
  db: Database,
  event: { callId: string; agentUserId: number; bridgeId: string; recordingName: string | null; answeredAt: Date },
  options: WriteOptions = {},
): Promise<boolean> {
  return updateCall(db, event.callId, options, async (call, transaction) => {
    call.answeredAt ??= event.answeredAt;
    call.agentUserId = event.agentUserId;
    call.bridgeId = event.bridgeId;
    call.recordingName = event.recordingName ?? call.recordingName;
    await closeOpenOffers(db, { callId: event.callId, agentUserId: event.agentUserId }, 'answered', event.answeredAt, transaction);
  });
}

/**
 * Records the end of the call: who ended it and in which phase. An offer still ringing at that
 * moment is closed as `caller-gone`. A repeated end event keeps the first end time.
 */
export async function endCall(
  db: Database,
  event: { callId: string; endedBy: CallParty; phase: CallPhase; agentUserId: number | null; recordingName: string | null; endedAt: Date },
  options: WriteOptions = {},
): Promise<boolean> {
  return updateCall(db, event.callId, options, async (call, transaction) => {
    if (call.endedAt) {
      return;
    }
    call.endedAt = event.endedAt;
    call.endedBy = event.endedBy;
    call.endPhase = event.phase;
    call.agentUserId ??= event.agentUserId;
    call.recordingName = event.recordingName ?? call.recordingName;
    await closeOpenOffers(db, { callId: event.callId }, 'caller-gone', event.endedAt, transaction);
  });
}

export interface CallRecord {
  callId: string;
  channelId: string;
  callerNumber: string;
  callerName: string;
  calledNumber: string;
  ivrChoice: IvrChoice | null;
  skill: Skill | null;
  startedAt: string;
  queuedAt: string | null;
  offeredAt: string | null;
  answeredAt: string | null;
  endedAt: string | null;
  endedBy: CallParty | null;
  endPhase: CallPhase | null;
  agentUserId: number | null;
  recordingName: string | null;
  bridgeId: string | null;
}

export async function getCall(db: Database, callId: string): Promise<CallRecord | null> {
  const row = await db.models.Call.findByPk(callId);
  if (!row) {
    return null;
  }
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    callId: row.id,
    channelId: row.channelId,
    callerNumber: row.callerNumber,
    callerName: row.callerName,
    calledNumber: row.calledNumber,
    ivrChoice: row.ivrChoice,
    skill: row.skill,
    startedAt: row.startedAt.toISOString(),
    queuedAt: iso(row.queuedAt),
    offeredAt: iso(row.offeredAt),
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    endedBy: row.endedBy,
    endPhase: row.endPhase,
    agentUserId: row.agentUserId,
    recordingName: row.recordingName,
    bridgeId: row.bridgeId,
  };
}

/**
 * Counts the calls from `callerNumber` that started at or after `since`, for the repeat-caller
 * flag. Pass `excludeCallId` to leave out the call that is ringing now.
 */
export async function countRecentCalls(db: Database, callerNumber: string, since: Date, options: { excludeCallId?: string } = {}): Promise<number> {
  const number = normalizePhoneNumber(callerNumber);
  if (!number) {
    return 0;
  }
  return db.models.Call.count({
    where: {
      callerNumber: number,
      startedAt: { [Op.gte]: since },
      ...(options.excludeCallId ? { id: { [Op.ne]: options.excludeCallId } } : {}),
    },
  });
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

export interface WriteOptions {
  /** Runs the write in this transaction instead of a new one. */
  transaction?: Transaction;
}

function inTransaction<T>(db: Database, options: WriteOptions, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  return options.transaction ? work(options.transaction) : db.transaction(work);
}

async function updateCall(
  db: Database,
  callId: string,
  options: WriteOptions,
  change: (call: CallRow, transaction: Transaction) => void | Promise<void>,
): Promise<boolean> {
  return inTransaction(db, options, async (transaction) => {
    const call = await db.models.Call.findByPk(callId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!call) {
      return false;
    }
    await change(call, transaction);
    await call.save({ transaction });
    return true;
  });
}

async function closeOpenOffers(
  db: Database,
  match: { callId: string; agentUserId?: number },
  outcome: OfferOutcome,
  endedAt: Date,
  transaction: Transaction,
): Promise<void> {
  await db.models.CallOffer.update({ outcome, endedAt }, { where: { ...match, endedAt: null }, transaction });
}
