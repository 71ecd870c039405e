/**
 * Which cases a user sees. Supervisors and admins see every case; agents see the cases they
 * registered and the cases registered from calls they answered; unit handlers see the cases
 * dispatched to their unit; leaders see the cases escalated to them.
 */
import { Op, Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { Database } from '../../db/database';
import type { CaseRow } from '../../db/models';
import { findUserById, listCases, loadCaseWorkflow, type CaseDetail, type CaseList, type CaseListFilter, type CaseWorkflowRecord } from '../../db/repositories';
import { presentCaseSummary } from '../../db/repositories/presenters';
import { columnContains } from '../../db/repositories/text-search';
import { seesAllCases } from '../auth/policies';
import type { AuthUser } from '../auth/tokens';
import { AppError } from '../errors';
import { escalatedTo, unitOnCase, type CaseActor } from './case-membership';

export interface CaseListRequest {
  /** Only the cases the user registered. */
  mine: boolean;
  state?: CaseListFilter['state'];
  q?: string;
  limit: number;
  offset: number;
}

/** Lists the cases `user` may see that match the request, newest first. */
export async function listVisibleCases(db: Database, user: AuthUser, request: CaseListRequest): Promise<CaseList> {
  const filter: CaseListFilter = { state: request.state, q: request.q, limit: request.limit, offset: request.offset };
  if (request.mine) return listCases(db, { ...filter, createdById: user.userId });
  if (seesAllCases(user)) return listCases(db, filter);
  return listCasesOfAgent(db, user.userId, filter);
}

/** True when `user` may read the case. */
export async function canReadCase(db: Database, user: AuthUser, detail: CaseDetail): Promise<boolean> {
  if (seesAllCases(user) || detail.createdById === user.userId) return true;
  if (user.role === 'unit-handler' || user.role === 'leader') {
    const [actor, record] = await Promise.all([loadCaseActor(db, user), loadCaseWorkflow(db, detail.id)]);
    return actor !== null && record !== null && followsCase(actor, record);
  }
  if (!detail.callId) return false;

  const call = await db.models.Call.findByPk(detail.callId, { attributes: ['agentUserId'] });
  return call?.agentUserId === user.userId;
}

/**
 * Throws FORBIDDEN unless `actor` may read and act on the case. Runs inside the action's
 * transaction, because on SQLite a read outside it would wait for it.
 */
export async function requireCaseAccess(db: Database, actor: CaseActor, record: CaseWorkflowRecord, transaction: Transaction): Promise<void> {
  if (seesAllCases(actor) || record.createdById === actor.userId || followsCase(actor, record)) return;
  if (actor.role === 'agent' && record.callId) {
    const call = await db.models.Call.findByPk(record.callId, { attributes: ['agentUserId'], transaction });
    if (call?.agentUserId === actor.userId) return;
  }
  throw new AppError('FORBIDDEN', 403, '您无权办理此工单：它不是您登记或接听的，也没有转办给您的单位或专报给您');
}

/** A unit handler follows the cases of their unit, a leader those escalated to them. */
function followsCase(actor: CaseActor, record: CaseWorkflowRecord): boolean {
  if (actor.role === 'unit-handler') return unitOnCase(record, actor.orgUnitId) !== null;
  if (actor.role === 'leader') return escalatedTo(record, actor.userId);
  return false;
}

/** Returns the signed-in user with their unit, or null when the account is gone or disabled. */
export async function loadCaseActor(db: Database, user: AuthUser): Promise<CaseActor | null> {
  const record = await findUserById(db, user.userId);
  if (!record || !record.active) return null;
  return { ...user, orgUnitId: record.orgUnitId };
}

/**
 * The cases an agent registered or that belong to calls the agent answered.
 * TODO: move into db/repositories/case-queries.ts once `listCases` can filter by answering agent.
 */
async function listCasesOfAgent(db: Database, userId: number, filter: CaseListFilter): Promise<CaseList> {
  // userId is an integer from a verified token, so it is safe inside the literal.
  const answeredCalls = Sequelize.literal(`(SELECT id FROM calls WHERE agent_user_id = ${Math.trunc(userId)})`);
  const conditions: WhereOptions<CaseRow>[] = [{ [Op.or]: [{ createdById: userId }, { callId: { [Op.in]: answeredCalls } }] }];
  if (typeof filter.state === 'string') conditions.push({ state: filter.state });
  const q = filter.q?.trim();
  if (q) {
    conditions.push({ [Op.or]: ['case_no', 'title', 'content', 'caller_number'].map((column) => columnContains(db.sequelize, column, q)) });
  }

  const { count, rows } = await db.models.Case.findAndCountAll({
    where: { [Op.and]: conditions },
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: filter.limit,
    offset: filter.offset ?? 0,
  });
  return { total: count, items: rows.map(presentCaseSummary) };
}
