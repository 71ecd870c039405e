/**
 * Candidates for merging (并单): the open cases of the same caller number or enterprise.
 * Whether a candidate is about the same matter is decided by the server (category, title).
 */
import { Op, type WhereOptions } from 'sequelize';
import { OPEN_CASE_STATES } from '../../server/domain/terms';
import type { Database } from '../database';
import type { CaseRow } from '../models';
import { presentCaseSummary, type CaseSummary } from './presenters';

export interface DuplicateCandidate extends CaseSummary {
  categoryId: number | null;
  categoryName: string | null;
  /** The candidate has the same caller number as the case. */
  sameCaller: boolean;
  /** The candidate is about the same enterprise as the case. */
  sameEnterprise: boolean;
}

/** Most candidates read per case; a caller with more open cases than this is rare. */
const MAX_CANDIDATES = 50;

/** Lists the other open cases, newest first, that share the caller number or the enterprise. */
export async function findOpenCasesOfSameOrigin(
  db: Database,
  of: { id: number; callerNumber: string | null; enterpriseId: number | null },
): Promise<DuplicateCandidate[]> {
  const origin: WhereOptions<CaseRow>[] = [];
  if (of.callerNumber) origin.push({ callerNumber: of.callerNumber });
  if (of.enterpriseId !== null) origin.push({ enterpriseId: of.enterpriseId });
  if (origin.length === 0) return [];

  const rows = await db.models.Case.findAll({
    where: { [Op.and]: [{ [Op.or]: origin }, { id: { [Op.ne]: of.id } }, { state: { [Op.in]: [...OPEN_CASE_STATES] } }] },
    include: [{ model: db.models.Category, as: 'category', attributes: ['name'] }],
    order: [
      ['createdAt', 'DESC'],
      ['id', 'DESC'],
    ],
    limit: MAX_CANDIDATES,
  });
  return rows.map((row) => ({
    ...presentCaseSummary(row),
    categoryId: row.categoryId,
    categoryName: row.category?.name ?? null,
    sameCaller: of.callerNumber !== null && row.callerNumber === of.callerNumber,
    sameEnterprise: of.enterpriseId !== null && row.enterpriseId === of.enterpriseId,
  }));
}
