/**
 * The user as the desktop sees it after login and from `GET /api/me`: the account with its
 * agent id, extension and skills when the user takes calls.
 */
import { agentProfiles, type AgentProfileRecord, type UserRecord } from '../../db/repositories';
import type { Database } from '../../db/database';
import type { Role, Skill } from '../domain/terms';
import type { AgentProfile } from '../agents/agent-state-store';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The agent id (the username) of a user with an agent profile, else null. */
  agentId: string | null;
  extension: string | null;
  skills: Skill[];
}

export function presentUserView(user: UserRecord, profile: AgentProfileRecord | null): UserView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    agentId: profile ? agentIdOf(profile) : null,
    extension: profile?.extension ?? null,
    skills: profile ? [...profile.skills] : [],
  };
}

/** An agent is known to call control and the desktop by the username of its account. */
export function agentIdOf(profile: Pick<AgentProfileRecord, 'username'>): string {
  return profile.username;
}

export function toAgentProfile(record: AgentProfileRecord): AgentProfile {
  return { agentId: agentIdOf(record), userId: record.userId, extension: record.extension, skills: [...record.skills] };
}

/** Returns the active agent profile of `userId`, or null. */
export async function findAgentProfile(db: Database, userId: number): Promise<AgentProfileRecord | null> {
  const profiles = await agentProfiles(db);
  return profiles.find((profile) => profile.userId === userId) ?? null;
}

/** Returns the active agent profile with this agent id, or null. */
export async function findAgentProfileByAgentId(db: Database, agentId: string): Promise<AgentProfileRecord | null> {
  const profiles = await agentProfiles(db);
  return profiles.find((profile) => agentIdOf(profile) === agentId) ?? null;
}
