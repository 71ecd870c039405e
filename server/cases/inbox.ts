/**
 * The inbox (`GET /api/inbox`): for a unit handler the cases their unit works on, for a leader
 * the cases escalated to them that wait for an instruction, each with its deadline colour.
 */
import { Op } from 'sequelize';
import type { Database } from '../../db/database';
import { listInbox, type InboxItem } from '../../db/repositories';
import { deadlineLevelAt } from '../../db/repositories/case-deadlines';
import type { DeadlineLevel } from '../workflow/working-calendar';
import { forbidden } from '../errors';
import type { CaseActor } from './case-membership';

export interface InboxEntry extends InboxItem {
  /** Worst level of the running clocks, or null when none runs. */
  deadlineLevel: DeadlineLevel | null;
}

const LEVEL_ORDER: Record<DeadlineLevel, number> = { normal: 0, yellow: 1, red: 2 };

export async function listInboxOf(
  db: Database,
  actor: CaseActor,
  page: { limit: number; offset: number },
  now = new Date(),
): Promise<{ total: number; items: InboxEntry[] }> {
  if (actor.role !== 'unit-handler' && actor.role !== 'leader') throw forbidden('查看待办工单');
  const owner = actor.role === 'unit-handler' ? { orgUnitId: actor.orgUnitId } : { leaderUserId: actor.userId };

  const inbox = await listInbox(db, owner, page);
  const levels = await runningLevels(db, inbox.items.map((item) => item.id), now);
  return { total: inbox.total, items: inbox.items.map((item) => ({ ...item, deadlineLevel: levels.get(item.id) ?? null })) };
}

/** Worst level of the running clocks of each case, in one query for the whole page. */
export async function runningLevels(db: Database, caseIds: number[], now: Date): Promise<Map<number, DeadlineLevel>> {
  const levels = new Map<number, DeadlineLevel>();
  if (caseIds.length === 0) return levels;

  const running = await db.models.CaseDeadline.findAll({
    where: { caseId: { [Op.in]: caseIds }, metAt: null, cancelledAt: null },
    attributes: ['caseId', 'warnAt', 'dueAt'],
  });
  for (const deadline of running) {
    const level = deadlineLevelAt(deadline, now);
    const worst = levels.get(deadline.caseId);
    if (worst === undefined || LEVEL_ORDER[level] > LEVEL_ORDER[worst]) levels.set(deadline.caseId, level);
  }
  return levels;
}
