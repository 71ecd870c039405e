/**
 * Reading cases: one case with its timeline, and filtered lists, newest first.
 */
import { Op, type WhereOptions } from 'sequelize';
import type { CaseState } from '../../server/domain/terms';
import type { Database } from '../database';
import type { CaseRow } from '../models';
import { presentCaseDetail, presentCaseSummary, type CaseDetail, type CaseSummary } from './presenters';
import { columnContains } from './text-search';

export const MAX_LIST_LIMIT = 200;

/** Returns the case with its category, enterprise, units and timeline, or null when there is none. */
export async function getCase(db: Database, caseId: number): Promise<CaseDetail | null> {
  const { Category, Enterprise, OrgUnit, User, CaseEvent } = db.models;
  const row = await db.models.Case.findByPk(caseId, {
    include: [
      { model: Category, as: 'category' },
      { model: Enterprise, as: 'enterprise', include: [{ model: OrgUnit, as: 'township' }] },
      { model: User, as: 'createdBy', attributes: ['id', 'displayName'] },
      { model: OrgUnit, as: 'handlingUnit' },
      { model: CaseEvent, as: 'events', include: [{ model: User, as: 'actor', attributes: ['id', 'displayName'] }] },
    ],
    order: [[{ model: CaseEvent, as: 'events' }, 'id', 'ASC']],
  });
  return row ? presentCaseDetail(row) : null;
}

export interface CaseListFilter {
  createdById?: number;
  handlingUnitId?: number;
  /** One state or any of several. */
  state?: CaseState | readonly CaseState[];
  /** Text found in the case number, title, content or caller number. */
  q?: string;
  /** At most `MAX_LIST_LIMIT`, and larger values are reduced to it. */
  limit: number;
  offset?: number;
}

export interface CaseList {
  /** Number of cases matching the filter, over all pages. */
  total: number;
  items: CaseSummary[];
}

/** Lists cases matching the filter, newest first. */
export async function listCases(db: Database, filter: CaseListFilter): Promise<CaseList> {
  const conditions: WhereOptions<CaseRow>[] = [];
  if (filter.createdById !== undefined) {
    conditions.push({ createdById: filter.createdById });
  }
  if (filter.handlingUnitId !== undefined) {
    conditions.push({ handlingUnitId: filter.handlingUnitId });
  }
  if (filter.state !== undefined) {
    conditions.push({ state: typeof filter.state === 'string' ? filter.state : { [Op.in]: [...filter.state] } });
  }
  const q = filter.q?.trim();
  if (q) {
    conditions.push({
      [Op.or]: ['case_no', 'title', 'content', 'caller_number'].map((column) => columnContains(db.sequelize, column, q)),
    });
  }

  const { count, rows } = await db.models.Case.findAndCountAll({
    where: { [Op.and]: conditions },
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: Math.min(Math.max(filter.limit, 1), MAX_LIST_LIMIT),
    offset: Math.max(filter.offset ?? 0, 0),
  });
  return { total: count, items: rows.map(presentCaseSummary) };
}
