/**
 * Plain objects the repositories return, shaped like the types of the Socket.IO map, so that
 * no model instance leaves the database layer.
 */
import type { CaseChannel, CaseKind, CaseState, OrgUnitType, Role, Skill } from '../../server/domain/terms';
import type { CaseSummary, EnterpriseSummary } from '../../server/realtime/socket-events';
import type { CaseEventData, CaseEventRow, CaseRow, CategoryRow, EnterpriseRow, OrgUnitRow, UserRow } from '../models';

export type { CaseSummary, EnterpriseSummary };

export interface CaseEventRecord {
  id: number;
  type: string;
  fromState: CaseState | null;
  toState: CaseState | null;
  actorUserId: number | null;
  actorName: string | null;
  note: string | null;
  data: CaseEventData | null;
  createdAt: string;
}

/**
 * A case with everything the case screen shows. The caller's identity is not masked here:
 * the server masks it for units when the case is confidential.
 */
export interface CaseDetail extends CaseSummary {
  categoryId: number | null;
  categoryName: string | null;
  enterprise: EnterpriseSummary | null;
  callerName: string | null;
  callerNumber: string | null;
  anonymous: boolean;
  confidential: boolean;
  content: string;
  callId: string | null;
  createdById: number;
  createdByName: string;
  handlingUnitId: number | null;
  handlingUnitName: string | null;
  updatedAt: string;
  /** The timeline, oldest first. */
  events: CaseEventRecord[];
}

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: number;
  active: boolean;
}

/** A user with the password hash for checking a login. Never send it to a client. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
}

export interface AgentProfileRecord {
  userId: number;
  username: string;
  displayName: string;
  extension: string;
  skills: Skill[];
  active: boolean;
}

export interface CategoryRecord {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  active: boolean;
}

export interface OrgUnitRecord {
  id: number;
  code: string;
  name: string;
  type: OrgUnitType;
  parentId: number | null;
  dutyPhone: string | null;
  active: boolean;
}

export function presentCaseSummary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    caseNo: row.caseNo,
    state: row.state,
    kind: row.kind as CaseKind,
    channel: row.channel as CaseChannel,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Expects the `township` association to be loaded. */
export function presentEnterprise(row: EnterpriseRow): EnterpriseSummary {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    address: row.address,
    township: row.township?.name ?? null,
  };
}

export function presentCaseEvent(row: CaseEventRow): CaseEventRecord {
  return {
    id: row.id,
    type: row.type,
    fromState: row.fromState,
    toState: row.toState,
    actorUserId: row.actorUserId,
    actorName: row.actor?.displayName ?? null,
    note: row.note,
    data: row.data,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Expects `category`, `enterprise.township`, `createdBy`, `handlingUnit` and `events.actor` to be loaded. */
export function presentCaseDetail(row: CaseRow): CaseDetail {
  return {
    ...presentCaseSummary(row),
    categoryId: row.categoryId,
    categoryName: row.category?.name ?? null,
    enterprise: row.enterprise ? presentEnterprise(row.enterprise) : null,
    callerName: row.callerName,
    callerNumber: row.callerNumber,
    anonymous: row.anonymous,
    confidential: row.confidential,
    content: row.content,
    callId: row.callId,
    createdById: row.createdById,
    createdByName: row.createdBy?.displayName ?? '',
    handlingUnitId: row.handlingUnitId,
    handlingUnitName: row.handlingUnit?.name ?? null,
    updatedAt: row.updatedAt.toISOString(),
    events: (row.events ?? []).map(presentCaseEvent),
  };
}

export function presentUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    orgUnitId: row.orgUnitId,
    active: row.active,
  };
}

export function presentCategory(row: CategoryRow): CategoryRecord {
  return { id: row.id, code: row.code, name: row.name, parentId: row.parentId, active: row.active };
}

export function presentOrgUnit(row: OrgUnitRow): OrgUnitRecord {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    parentId: row.parentId,
    dutyPhone: row.dutyPhone,
    active: row.active,
  };
}
