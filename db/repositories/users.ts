/**
 * Users for login and the agents that call control may ring.
 */
import type { Database } from '../database';
import { presentUser, type AgentProfileRecord, type UserCredentials, type UserRecord } from './presenters';

/** Returns the user with the password hash for checking a login, or null when there is none. */
export async function findUserByUsername(db: Database, username: string): Promise<UserCredentials | null> {
  const row = await db.models.User.findOne({ where: { username: username.trim() } });
  return row ? { ...presentUser(row), passwordHash: row.passwordHash } : null;
}

export async function findUserById(db: Database, userId: number): Promise<UserRecord | null> {
  const row = await db.models.User.findByPk(userId);
  return row ? presentUser(row) : null;
}

/** Profiles of the active agents, by extension. */
export async function agentProfiles(db: Database): Promise<AgentProfileRecord[]> {
  const rows = await db.models.AgentProfile.findAll({
    include: [{ model: db.models.User, as: 'user', where: { active: true, role: 'agent' }, required: true }],
    order: [['extension', 'ASC']],
  });
  return rows.map((row) => ({
    userId: row.userId,
    username: row.user!.username,
    displayName: row.user!.displayName,
    extension: row.extension,
    skills: row.skills,
    active: row.user!.active,
  }));
}
