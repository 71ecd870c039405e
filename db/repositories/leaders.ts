/** The leaders a case can be escalated to (专报批办), for the escalation form. */
import type { Database } from '../database';

export interface LeaderRecord {
  id: number;
  displayName: string;
}

/** Lists the active leader accounts, ordered by name. */
export async function listLeaders(db: Database): Promise<LeaderRecord[]> {
  const rows = await db.models.User.findAll({
    where: { role: 'leader', active: true },
    attributes: ['id', 'displayName'],
    order: [
      ['displayName', 'ASC'],
      ['id', 'ASC'],
    ],
  });
  return rows.map((row) => ({ id: row.id, displayName: row.displayName }));
}
