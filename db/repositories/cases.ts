/**
 * Writing cases: registration with its case number and first timeline entry, state changes,
 * and further timeline entries. Each write is one transaction, so a case never exists without
 * its `registered` entry and a state never changes without an entry.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { conflict, invalidState, notFound } from '../../server/errors';
import { CASE_STATE_LABELS, type CaseState } from '../../server/domain/terms';
import type { Database } from '../database';
import type { CaseEventData } from '../models';
import { caseNumberDay, ensureSequenceDay, takeCaseNumber } from './case-number';
import { checkCaseReferences, findOrCreateEnterprise, validateCaseInput, type CaseValues, type CreateCaseInput } from './case-input';
import { presentCaseEvent, presentCaseSummary, type CaseEventRecord, type CaseSummary } from './presenters';

export type { CreateCaseInput, NewEnterpriseInput } from './case-input';

/** The user who performs a write. */
export interface CaseActor {
  userId: number;
}

export interface WriteOptions {
  /** Time of the write, by default the current time. Seeds and imports set it. */
  now?: Date;
}

/**
 * Registers a case: takes the next case number of the day, stores the case in state
 * `registered` and adds the `registered` timeline entry, all in one transaction.
 * A new enterprise given in `input.enterprise` is created in the same transaction.
 * Throws `VALIDATION_FAILED` for invalid fields or missing references, and `CONFLICT` when the
 * call already has a case.
 */
export async function createCase(db: Database, input: CreateCaseInput, actor: CaseActor, options: WriteOptions = {}): Promise<CaseSummary> {
  const values = validateCaseInput(input);
  const now = options.now ?? new Date();
  const day = caseNumberDay(now);
  if (db.dialect === 'mysql') {
    await ensureSequenceDay(db, day);
  }

  for (let attempt = 1; ; attempt++) {
    try {
      return await registerCase(db, values, actor, day, now);
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) {
        throw error;
      }
      const fields = JSON.stringify(error.fields);
      if (fields.includes('call_id')) {
        throw conflict('该通话已登记过工单，请在原工单中补充');
      }
      // Another agent registered the same new enterprise at the same moment: the next attempt finds it.
      if (!fields.includes('credit_code') || attempt >= 2) {
        throw error;
      }
    }
  }
}

async function registerCase(db: Database, values: CaseValues, actor: CaseActor, day: string, now: Date): Promise<CaseSummary> {
  return db.transaction((transaction) => insertCase(db, values, actor, { day, now }, transaction));
}

/**
 * Registers a case inside the caller's transaction, for writes that must commit together with
 * the case (such as an intake request's idempotency key). `values` come from `validateCaseInput`.
 * On MySQL, call `ensureSequenceDay(db, day)` before the transaction starts.
 */
export async function insertCase(
  db: Database,
  values: CaseValues,
  actor: CaseActor,
  { day, now }: { day: string; now: Date },
  transaction: Transaction,
): Promise<CaseSummary> {
  await checkCaseReferences(db, values, transaction);
  const enterpriseId = await findOrCreateEnterprise(db, values, transaction);
  const caseNo = await takeCaseNumber(db, day, transaction);

  const { enterprise: _newEnterprise, ...caseValues } = values;
  const row = await db.models.Case.create(
    { ...caseValues, enterpriseId, caseNo, state: 'registered', createdById: actor.userId, createdAt: now, updatedAt: now },
    { transaction },
  );
  await db.models.CaseEvent.create(
    {
      caseId: row.id,
      type: 'registered',
      fromState: null,
      toState: 'registered',
      actorUserId: actor.userId,
      data: { channel: values.channel, callId: values.callId },
      createdAt: now,
    },
    { transaction },
  );
  return presentCaseSummary(row);
}

export interface CaseTransition {
  caseId: number;
  /** State the case must be in, so the change fails when another user moved it first. */
  from: CaseState;
  to: CaseState;
  /** Kind of timeline entry, such as `dispatched`. The case workflow defines the values. */
  type: string;
  /** Null for changes the system makes. */
  actorUserId: number | null;
  note?: string | null;
  data?: CaseEventData | null;
  /** New lead unit. The unit stays as it is when this is undefined. */
  handlingUnitId?: number | null;
}

/**
 * Moves a case from one state to another and adds the timeline entry, in one transaction.
 * It does not know which transitions the workflow allows: the case workflow decides that.
 * Throws `NOT_FOUND` for an unknown case and `INVALID_STATE` when the case is no longer in `from`.
 */
export async function transitionCase(db: Database, transition: CaseTransition, options: WriteOptions = {}): Promise<CaseSummary> {
  const now = options.now ?? new Date();
  const { Case, CaseEvent } = db.models;

  return db.transaction(async (transaction) => {
    const changes = transition.handlingUnitId === undefined ? {} : { handlingUnitId: transition.handlingUnitId };
    const [updated] = await Case.update(
      { ...changes, state: transition.to, updatedAt: now },
      { where: { id: transition.caseId, state: transition.from }, transaction, silent: true },
    );
    const row = await Case.findByPk(transition.caseId, { transaction });
    if (!row) {
      throw notFound('工单');
    }
    if (updated === 0) {
      throw invalidState(`工单当前状态为“${CASE_STATE_LABELS[row.state as CaseState]}”，无法完成此操作，请刷新后重试`);
    }

    await CaseEvent.create(
      {
        caseId: transition.caseId,
        type: transition.type,
        fromState: transition.from,
        toState: transition.to,
        actorUserId: transition.actorUserId,
        note: transition.note ?? null,
        data: transition.data ?? null,
        createdAt: now,
      },
      { transaction },
    );
    return presentCaseSummary(row);
  });
}

export interface CaseNote {
  caseId: number;
  /** Kind of entry, such as `note` or `identity-viewed`. */
  type: string;
  actorUserId: number | null;
  note?: string | null;
  data?: CaseEventData | null;
}

/** Adds a timeline entry that does not change the state. Throws `NOT_FOUND` for an unknown case. */
export async function addCaseEvent(db: Database, entry: CaseNote, options: WriteOptions = {}): Promise<CaseEventRecord> {
  const now = options.now ?? new Date();
  return db.transaction(async (transaction) => {
    if (!(await db.models.Case.findByPk(entry.caseId, { transaction, attributes: ['id'] }))) {
      throw notFound('工单');
    }
    const row = await db.models.CaseEvent.create(
      {
        caseId: entry.caseId,
        type: entry.type,
        actorUserId: entry.actorUserId,
        note: entry.note ?? null,
        data: entry.data ?? null,
        createdAt: now,
      },
      { transaction },
    );
    return presentCaseEvent(row);
  });
}
