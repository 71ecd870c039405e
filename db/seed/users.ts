/**
 * One sample user per role. Passwords are never stored here: `seed` takes one password for
 * all new users.
 */
import type { Role, Skill } from '../../server/domain/terms';
import { MARKET_REGULATION_CODE, PLATFORM_CODE } from './organisation';

export interface UserSeed {
  username: string;
  displayName: string;
  role: Role;
  orgUnitCode: string;
  agent?: { extension: string; skills: Skill[] };
}

export const USERS: UserSeed[] = [
  { username: 'agent1', displayName: '王静', role: 'agent', orgUnitCode: PLATFORM_CODE, agent: { extension: '8001', skills: ['enterprise', 'general'] } },
  { username: 'agent2', displayName: '李娜', role: 'agent', orgUnitCode: PLATFORM_CODE, agent: { extension: '8002', skills: ['general'] } },
  { username: 'agent3', displayName: '张伟', role: 'agent', orgUnitCode: PLATFORM_CODE, agent: { extension: '8003', skills: ['enterprise'] } },
  { username: 'monitor1', displayName: '刘洋', role: 'supervisor', orgUnitCode: PLATFORM_CODE },
  { username: 'unit1', displayName: '陈磊', role: 'unit-handler', orgUnitCode: MARKET_REGULATION_CODE },
  { username: 'leader1', displayName: '赵敏', role: 'leader', orgUnitCode: PLATFORM_CODE },
  { username: 'admin', displayName: '系统管理员', role: 'admin', orgUnitCode: PLATFORM_CODE },
];
