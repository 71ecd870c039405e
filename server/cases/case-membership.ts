/**
 * What roles cannot express: a unit handler acts only on cases of their own unit (as lead unit,
 * or as co-handling unit for a co-reply), and a leader instructs only on cases escalated to them.
 */
import type { CaseWorkflowRecord } from '../../db/repositories';
import type { AuthUser } from '../auth/tokens';
import { AppError } from '../errors';
import { caseActionLabel, type CaseAction } from '../workflow/case-transitions';

/** The signed-in user with the unit they belong to. */
export interface CaseActor extends AuthUser {
  orgUnitId: number;
}

/** Actions of the unit that leads the case; co-handling units reply to it through `co-reply`. */
const LEAD_UNIT_ACTIONS: ReadonlySet<CaseAction> = new Set(['sign', 'return', 'contact', 'request-extension', 'reply']);

/** Returns the unit's current row on the case, ignoring units the case was taken from. */
export function unitOnCase(record: CaseWorkflowRecord, orgUnitId: number) {
  return record.units.find((unit) => unit.orgUnitId === orgUnitId && unit.state !== 'withdrawn') ?? null;
}

/** True when the leader may read and instruct on the case: it was escalated to them, or to every principal leader. */
export function escalatedTo(record: CaseWorkflowRecord, userId: number): boolean {
  return record.escalationMajor || record.escalatedToUserId === userId;
}

/**
 * Returns FORBIDDEN or INVALID_STATE when the actor's unit or person does not fit the action,
 * or null when it does (or when the action does not depend on them).
 */
export function membershipError(actor: CaseActor, action: CaseAction, record: CaseWorkflowRecord): AppError | null {
  const label = caseActionLabel(action);

  if (actor.role === 'leader' && action === 'instruct') {
    return escalatedTo(record, actor.userId) ? null : new AppError('FORBIDDEN', 403, '该工单没有专报给您，不能批示');
  }
  if (actor.role !== 'unit-handler') return null;

  const unit = unitOnCase(record, actor.orgUnitId);
  if (!unit) return new AppError('FORBIDDEN', 403, `该工单没有转办给本单位，不能${label}`);

  if (LEAD_UNIT_ACTIONS.has(action) && unit.role !== 'lead') {
    return new AppError('FORBIDDEN', 403, `协办单位不能${label}：只有主办单位可以${label}，协办单位请提交协办意见`);
  }
  if (action === 'co-reply') {
    if (unit.role !== 'co') return new AppError('FORBIDDEN', 403, '主办单位不能提交协办意见，请直接答复');
    if (unit.state === 'co-replied') return new AppError('INVALID_STATE', 409, '本单位已提交协办意见，不能重复提交');
  }
  return null;
}
