/**
 * The case list (`GET /api/cases`): each case of the page with its completion due date, the
 * worst level of its running clocks and its supervision flag, read with two queries per page
 * rather than one per case.
 */
import { Op } from 'sequelize';
import type { Database } from '../../db/database';
import type { AuthUser } from '../auth/tokens';
import type { CaseSummary } from '../../db/repositories';
import type { DeadlineLevel } from '../workflow/working-calendar';
import { listVisibleCases, type CaseListRequest } from './case-access';
import { runningLevels } from './inbox';

export interface CaseListEntry extends CaseSummary {
  /** Completion due date, or null for a case never dispatched. */
  dueAt: string | null;
  /** Worst level of the running clocks, or null when none runs. */
  deadlineLevel: DeadlineLevel | null;
  /** Under supervision (督办). */
  supervised: boolean;
}

/** Lists the cases `user` may see with their due dates and levels at `now`. */
export async function listCaseEntries(
  db: Database,
  user: AuthUser,
  request: CaseListRequest,
  now = new Date(),
): Promise<{ total: number; items: CaseListEntry[] }> {
  const list = await listVisibleCases(db, user, request);
  const caseIds = list.items.map((item) => item.id);
  if (caseIds.length === 0) return { total: list.total, items: [] };

  const rows = await db.models.Case.findAll({ where: { id: { [Op.in]: caseIds } }, attributes: ['id', 'dueAt', 'supervised'] });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const levels = await runningLevels(db, caseIds, now);
  return {
    total: list.total,
    items: list.items.map((item) => ({
      ...item,
      dueAt: byId.get(item.id)?.dueAt?.toISOString() ?? null,
      deadlineLevel: levels.get(item.id) ?? null,
      supervised: byId.get(item.id)?.supervised ?? false,
    })),
  };
}
