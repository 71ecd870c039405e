/**
 * The log of every showing of a protected reporter's full identity (a confidential or anonymous
 * case). Entries are only ever added.
 */
import type { Transaction } from 'sequelize';
import type { Database } from '../database';
import type { IdentityViewKind } from '../models';

export interface IdentityViewRecord {
  id: number;
  caseId: number;
  userId: number;
  userName: string;
  kind: IdentityViewKind;
  reason: string | null;
  at: string;
}

export interface IdentityViewInput {
  caseId: number;
  userId: number;
  kind: IdentityViewKind;
  reason?: string | null;
}

export async function recordIdentityView(db: Database, view: IdentityViewInput, now = new Date(), transaction?: Transaction): Promise<void> {
  await db.models.IdentityView.create({ ...view, reason: view.reason ?? null, createdAt: now }, { transaction });
}

/** Lists the identity views of a case, oldest first. */
export async function listIdentityViews(db: Database, caseId: number): Promise<IdentityViewRecord[]> {
  const rows = await db.models.IdentityView.findAll({
    where: { caseId },
    include: [{ model: db.models.User, as: 'user', attributes: ['displayName'] }],
    order: [['id', 'ASC']],
  });
  return rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    userId: row.userId,
    userName: row.user?.displayName ?? '',
    kind: row.kind,
    reason: row.reason,
    at: row.createdAt.toISOString(),
  }));
}
