/**
 * The account a unit's own system acts under when its status reports take workflow actions
 * (sign, contact, reply, return). It is one unit handler per unit, so the case timeline shows
 * the unit's system as the actor, and the workflow applies the same unit checks as in the portal.
 */
import { randomBytes } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { Database } from '../../db/database';
import { hashPassword } from '../auth/passwords';
import type { AuthUser } from '../auth/tokens';

/** Username of the system account of the unit with this code. */
export const unitSystemUsername = (orgUnitCode: string) => `unit-system-${orgUnitCode}`;

/**
 * Returns the unit's system account, creating it on first use. Its password is 32 random bytes
 * that are thrown away, so no one can log in with it.
 */
export async function ensureUnitSystemAccount(db: Database, unit: { orgUnitId: number; orgUnitCode: string }): Promise<AuthUser> {
  const { User } = db.models;
  const username = unitSystemUsername(unit.orgUnitCode);
  const existing = await User.findOne({ where: { username }, attributes: ['id'] });
  if (existing) return { userId: existing.id, role: 'unit-handler', agentId: null };

  try {
    const created = await User.create({
      username,
      passwordHash: await hashPassword(randomBytes(32).toString('base64')),
      displayName: '部门业务系统',
      role: 'unit-handler',
      orgUnitId: unit.orgUnitId,
      active: true,
    });
    return { userId: created.id, role: 'unit-handler', agentId: null };
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
    const winner = await User.findOne({ where: { username }, attributes: ['id'] });
    if (!winner) throw error;
    return { userId: winner.id, role: 'unit-handler', agentId: null };
  }
}
