/**
 * Which cases a user sees. Supervisors and admins see every case; agents see the cases they
 * registered and the cases registered from calls they answered.
 */
import { Op, Sequelize, type WhereOptions } from 'sequelize';
import type { Database } from '../../db/database';
import type { CaseRow } from '../../db/models';
import { getCall, listCases, type CaseDetail, type CaseList, type CaseListFilter } from '../../db/repositories';
import { presentCaseSummary } from '../../db/repositories/presenters';
import { columnContains } from '../../db/repositories/text-search';
import { seesAllCases } from '../auth/policies';
import type { AuthUser } from '../auth/tokens';

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
  if (!detail.callId) return false;

  const call = await getCall(db, detail.callId);
  return call?.agentUserId === user.userId;
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
