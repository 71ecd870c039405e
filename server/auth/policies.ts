/**
 * The role rules of the platform, in one place. Routes and socket handlers name an action and
 * this module decides whether the user's role may perform it. It also decides case visibility.
 */
import type { Role } from '../domain/terms';
import { forbidden } from '../errors';
import type { AuthUser } from './tokens';

/** Roles that work at the agent desk: take calls and register cases. */
const DESK_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];
/** Roles that see every agent and every case. */
const OVERSIGHT_ROLES: readonly Role[] = ['supervisor', 'admin'];

/** Actions that routes and socket events require, with the roles allowed and the Chinese name shown when the role is rejected. */
export const ACTIONS = {
  'categories:read': { roles: ['agent', 'supervisor', 'unit-handler', 'leader', 'admin'], label: '查看诉求分类' },
  'enterprises:read': { roles: DESK_ROLES, label: '查询企业' },
  'cases:read': { roles: DESK_ROLES, label: '查看工单' },
  'cases:create': { roles: DESK_ROLES, label: '登记工单' },
  'agents:read': { roles: OVERSIGHT_ROLES, label: '查看坐席状态' },
  'desk:use': { roles: DESK_ROLES, label: '使用坐席功能' },
  'cases:view': { roles: ['agent', 'supervisor', 'unit-handler', 'leader', 'admin'], label: '查看工单' },
  'cases:act': { roles: ['agent', 'supervisor', 'unit-handler', 'leader', 'admin'], label: '办理工单' },
  'inbox:read': { roles: ['unit-handler', 'leader'], label: '查看待办工单' },
  'identity:release': { roles: OVERSIGHT_ROLES, label: '向承办单位公开诉求人身份' },
  'identity-views:read': { roles: OVERSIGHT_ROLES, label: '查看身份查阅记录' },
  'intake:manage': { roles: ['admin'], label: '管理受理渠道密钥' },
  'deliveries:read': { roles: DESK_ROLES, label: '查看部门系统推送记录' },
  'unit-endpoints:manage': { roles: ['admin'], label: '管理部门系统对接' },
  'leaders:read': { roles: OVERSIGHT_ROLES, label: '查看领导名单' },
  'org-units:read': { roles: ['agent', 'supervisor', 'unit-handler', 'leader', 'admin'], label: '查看组织机构' },
  'attachments:read': { roles: ['agent', 'supervisor', 'unit-handler', 'leader', 'admin'], label: '查看附件' },
  'attachments:upload': { roles: ['agent', 'supervisor', 'unit-handler', 'admin'], label: '上传附件' },
  'calendar:manage': { roles: ['admin'], label: '维护工作日历' },
  'time-limits:manage': { roles: ['admin'], label: '设置办理时限' },
  'supervision:read': { roles: ['supervisor', 'unit-handler', 'leader', 'admin'], label: '查看督办单' },
} as const satisfies Record<string, { roles: readonly Role[]; label: string }>;

export type Action = keyof typeof ACTIONS;

export function isAllowed(user: AuthUser, action: Action): boolean {
  return (ACTIONS[action].roles as readonly Role[]).includes(user.role);
}

/** Throws FORBIDDEN when the user's role may not perform `action`. */
export function authorize(user: AuthUser, action: Action): void {
  if (!isAllowed(user, action)) throw forbidden(ACTIONS[action].label);
}

/** True when the user sees every case; otherwise only their own and those of their calls. */
export function seesAllCases(user: AuthUser): boolean {
  return OVERSIGHT_ROLES.includes(user.role);
}

/** Throws FORBIDDEN unless the user takes calls under an agent id; returns that id. */
export function requireAgentId(user: AuthUser): string {
  authorize(user, 'desk:use');
  if (!user.agentId) throw forbidden('接听电话（您的账号未配置坐席工号）');
  return user.agentId;
}
