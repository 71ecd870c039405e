/**
 * Cases the screen pop shows about a caller: the earlier and open cases of the number and of
 * the matched enterprise.
 */
import { Op, type WhereOptions } from 'sequelize';
import { OPEN_CASE_STATES } from '../../server/domain/terms';
import type { Database } from '../database';
import type { CaseRow } from '../models';
import { normalizePhoneNumber } from './phone-number';
import { presentCaseSummary, type CaseSummary } from './presenters';

export interface ScreenPopQuery {
  callerNumber: string | null;
  enterpriseId: number | null;
  /** Maximum of recent cases, and separately of open cases. */
  limit: number;
}

export interface ScreenPopCases {
  /** The newest `limit` cases plus every open one found, newest first. */
  earlierCases: CaseSummary[];
  /** The open cases among `earlierCases`, newest first. */
  openCases: CaseSummary[];
}

const newestFirst: [string, string][] = [
  ['createdAt', 'DESC'],
  ['id', 'DESC'],
];

/**
 * Finds the cases of the caller's number or of the enterprise. Open cases matter most to the
 * agent, so they are included even when they are older than the newest `limit` cases.
 */
export async function casesForScreenPop(db: Database, query: ScreenPopQuery): Promise<ScreenPopCases> {
  const matches: WhereOptions<CaseRow>[] = [];
  const number = query.callerNumber ? normalizePhoneNumber(query.callerNumber) : '';
  if (number) {
    matches.push({ callerNumber: number });
  }
  if (query.enterpriseId !== null) {
    matches.push({ enterpriseId: query.enterpriseId });
  }
  if (matches.length === 0) {
    return { earlierCases: [], openCases: [] };
  }

  const { Case } = db.models;
  const [recent, open] = await Promise.all([
    Case.findAll({ where: { [Op.or]: matches }, order: newestFirst, limit: query.limit }),
    Case.findAll({
      where: { [Op.and]: [{ [Op.or]: matches }, { state: { [Op.in]: [...OPEN_CASE_STATES] } }] },
      order: newestFirst,
      limit: query.limit,
    }),
  ]);

  const byId = new Map<number, CaseRow>();
  for (const row of [...recent, ...open]) {
    byId.set(row.id, row);
  }
  const merged = [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  return {
    earlierCases: merged.map(presentCaseSummary),
    openCases: open.map(presentCaseSummary),
  };
}
