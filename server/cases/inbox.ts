/**
 * The inbox (`GET /api/inbox`): for a unit handler the cases their unit works on, for a leader
 * the cases escalated to them that wait for an instruction, each with its deadline colour.
 */
import type { Database } from '../../db/database';
import { listInbox, type InboxItem } from '../../db/repositories';
import { getCaseDueDates, type CaseDueDates } from '../../db/repositories/case-deadlines';
import { forbidden } from '../errors';
import type { CaseActor } from './case-membership';

export interface InboxEntry extends InboxItem {
  /** Worst level of the running clocks, or null when none runs. */
  deadlineLevel: CaseDueDates['deadlineLevel'];
}

export async function listInboxOf(
  db: Database,
  actor: CaseActor,
  page: { limit: number; offset: number },
  now = new Date(),
): Promise<{ total: number; items: InboxEntry[] }> {
  if (actor.role !== 'unit-handler' && actor.role !== 'leader') throw forbidden('查看待办工单');
  const owner = actor.role === 'unit-handler' ? { orgUnitId: actor.orgUnitId } : { leaderUserId: actor.userId };

  const inbox = await listInbox(db, owner, page);
  const items = await Promise.all(
    inbox.items.map(async (item) => ({ ...item, deadlineLevel: (await getCaseDueDates(db, item.id, { now })).deadlineLevel })),
  );
  return { total: inbox.total, items };
}
