/**
 * The workflow columns of a case and its units, read and written inside the transaction of one
 * workflow action. Every write to the case checks and raises its version, so a change based on
 * a stale read is refused instead of overwriting another user's change.
 */
import { Op, type Transaction } from 'sequelize';
import type { CaseKind, CaseState, SatisfactionLevel } from '../../server/domain/terms';
import type { Database } from '../database';
import type { CaseEventData, CaseRow, CaseUnitRole, CaseUnitState } from '../models';

export interface CaseUnitRecord {
  orgUnitId: number;
  name: string;
  role: CaseUnitRole;
  state: CaseUnitState;
}

/** The columns of a case that the workflow reads and writes, with its units. */
export interface CaseWorkflowRecord {
  id: number;
  caseNo: string;
  state: CaseState;
  version: number;
  kind: CaseKind;
  title: string;
  categoryId: number | null;
  /** Code of the case's category, or null without a category. */
  categoryCode: string | null;
  enterpriseId: number | null;
  callerNumber: string | null;
  createdById: number;
  /** Call the case was registered from. */
  callId: string | null;
  anonymous: boolean;
  confidential: boolean;
  handlingUnitId: number | null;
  priority: number;
  supervised: boolean;
  extensionPending: boolean;
  extensionRequestedDays: number | null;
  extensionDays: number;
  escalationPending: boolean;
  escalationMajor: boolean;
  escalatedToUserId: number | null;
  reopenCount: number;
  mergedIntoCaseId: number | null;
  identityReleased: boolean;
  satisfaction: SatisfactionLevel | null;
  dispatchedAt: Date | null;
  dueAt: Date | null;
  /** Every unit the case was ever dispatched to: current units first, lead before co-handling units. */
  units: CaseUnitRecord[];
}

/** Workflow columns an action may change. */
export type CaseWorkflowChanges = Partial<
  Pick<
    CaseRow,
    | 'state'
    | 'handlingUnitId'
    | 'supervised'
    | 'extensionPending'
    | 'extensionRequestedDays'
    | 'extensionDays'
    | 'escalationPending'
    | 'escalationMajor'
    | 'escalatedToUserId'
    | 'reopenCount'
    | 'mergedIntoCaseId'
    | 'identityReleased'
    | 'satisfaction'
    | 'dispatchedAt'
    | 'dueAt'
  >
>;

/** Returns the workflow record of a case, or null when there is none. */
export async function loadCaseWorkflow(db: Database, caseId: number, transaction?: Transaction): Promise<CaseWorkflowRecord | null> {
  const { Case, Category, CaseUnit, OrgUnit } = db.models;
  const row = await Case.findByPk(caseId, { include: [{ model: Category, as: 'category', attributes: ['code'] }], transaction });
  if (!row) return null;

  const unitRows = await CaseUnit.findAll({
    where: { caseId },
    include: [{ model: OrgUnit, as: 'orgUnit', attributes: ['name'] }],
    order: [['id', 'ASC']],
    transaction,
  });
  const units = unitRows
    .map((unit) => ({ orgUnitId: unit.orgUnitId, name: unit.orgUnit?.name ?? '', role: unit.role, state: unit.state }))
    .sort((a, b) => Number(a.state === 'withdrawn') - Number(b.state === 'withdrawn') || Number(a.role !== 'lead') - Number(b.role !== 'lead'));

  return {
    id: row.id,
    caseNo: row.caseNo,
    state: row.state,
    version: row.version,
    kind: row.kind,
    title: row.title,
    categoryId: row.categoryId,
    categoryCode: row.category?.code ?? null,
    enterpriseId: row.enterpriseId,
    callerNumber: row.callerNumber,
    createdById: row.createdById,
    callId: row.callId,
    anonymous: row.anonymous,
    confidential: row.confidential,
    handlingUnitId: row.handlingUnitId,
    priority: row.priority,
    supervised: row.supervised,
    extensionPending: row.extensionPending,
    extensionRequestedDays: row.extensionRequestedDays,
    extensionDays: row.extensionDays,
    escalationPending: row.escalationPending,
    escalationMajor: row.escalationMajor,
    escalatedToUserId: row.escalatedToUserId,
    reopenCount: row.reopenCount,
    mergedIntoCaseId: row.mergedIntoCaseId,
    identityReleased: row.identityReleased,
    satisfaction: row.satisfaction,
    dispatchedAt: row.dispatchedAt,
    dueAt: row.dueAt,
    units,
  };
}

/**
 * Writes `changes` to the case when it is still at `expectedVersion`, raising the version by one.
 * Returns false, writing nothing, when another transaction changed the case first. On MySQL the
 * UPDATE waits for the other transaction's row lock and then sees its committed version.
 */
export async function updateCaseWorkflow(
  db: Database,
  caseId: number,
  expectedVersion: number,
  changes: CaseWorkflowChanges,
  now: Date,
  transaction: Transaction,
): Promise<boolean> {
  const [updated] = await db.models.Case.update(
    { ...changes, version: expectedVersion + 1, updatedAt: now },
    { where: { id: caseId, version: expectedVersion }, transaction, silent: true },
  );
  return updated === 1;
}

/**
 * Makes `leadUnitId` the lead and `coUnitIds` the co-handling units of a case. Units that were
 * on the case and are not named again become `withdrawn`; no row is removed.
 */
export async function assignCaseUnits(
  db: Database,
  caseId: number,
  units: { leadUnitId: number; coUnitIds: readonly number[] },
  now: Date,
  transaction: Transaction,
): Promise<void> {
  const { CaseUnit } = db.models;
  const wanted = new Map<number, CaseUnitRole>([[units.leadUnitId, 'lead']]);
  for (const unitId of units.coUnitIds) wanted.set(unitId, 'co');

  await CaseUnit.update(
    { state: 'withdrawn', updatedAt: now },
    { where: { caseId, orgUnitId: { [Op.notIn]: [...wanted.keys()] }, state: { [Op.ne]: 'withdrawn' } }, transaction },
  );
  const existing = new Map((await CaseUnit.findAll({ where: { caseId }, transaction })).map((row) => [row.orgUnitId, row]));
  for (const [orgUnitId, role] of wanted) {
    const row = existing.get(orgUnitId);
    if (row) {
      await row.update({ role, state: 'active', updatedAt: now }, { transaction });
    } else {
      await CaseUnit.create({ caseId, orgUnitId, role, state: 'active', createdAt: now, updatedAt: now }, { transaction });
    }
  }
}

/** Sets the state of one unit's row on a case, such as `co-replied`. */
export async function setCaseUnitState(
  db: Database,
  caseId: number,
  orgUnitId: number,
  state: CaseUnitState,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await db.models.CaseUnit.update({ state, updatedAt: now }, { where: { caseId, orgUnitId }, transaction });
}

export interface WorkflowEventInput {
  caseId: number;
  type: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  /** Null for events of the system, such as an overdue escalation. */
  actorUserId: number | null;
  note: string | null;
  data: CaseEventData | null;
}

/** Adds a timeline entry inside the transaction of the change it records. */
export async function insertCaseEvent(db: Database, event: WorkflowEventInput, now: Date, transaction: Transaction): Promise<number> {
  const row = await db.models.CaseEvent.create({ ...event, createdAt: now }, { transaction });
  return row.id;
}
