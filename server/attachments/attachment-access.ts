/**
 * Access to the attachments of a case: reading them is allowed to anyone who may read the case,
 * and adding them only while the case is still being handled.
 */
import type { Database } from '../../db/database';
import { findUserById, getCase, type CaseDetail } from '../../db/repositories';
import { isAllowed } from '../auth/policies';
import type { AuthUser } from '../auth/tokens';
import { canReadCase } from '../cases/case-access';
import { CASE_STATE_LABELS, type CaseState } from '../domain/terms';
import { forbidden, invalidState, notFound } from '../errors';

/** States in which a unit handler works on a case and may add files to it. */
const UNIT_UPLOAD_STATES: readonly CaseState[] = ['dispatched', 'signed', 'in-progress'];

export interface CaseAccess {
  detail: CaseDetail;
  /** The user's unit, recorded with an upload. */
  orgUnitId: number | null;
}

/**
 * Loads the case and checks that `user` may read it. Throws NOT_FOUND for an unknown case and
 * FORBIDDEN for a case of another unit or agent.
 */
export async function requireAttachmentReadAccess(db: Database, user: AuthUser, caseId: number): Promise<CaseAccess> {
  const detail = await getCase(db, caseId);
  if (!detail) throw notFound('工单');
  const account = await findUserById(db, user.userId);
  const orgUnitId = account?.orgUnitId ?? null;

  if (!account?.active || !(await canReadCase(db, user, detail))) throw forbidden('查看此工单的附件');
  return { detail, orgUnitId };
}

/**
 * Like requireAttachmentReadAccess, and also checks that the role may add files and that the case
 * accepts them: never once archived, and for a unit only while the case is at the unit.
 * Throws FORBIDDEN or INVALID_STATE with a Chinese message.
 */
export async function requireAttachmentUploadAccess(db: Database, user: AuthUser, caseId: number): Promise<CaseAccess> {
  if (!isAllowed(user, 'attachments:upload')) throw forbidden('上传附件');
  const access = await requireAttachmentReadAccess(db, user, caseId);
  const state = access.detail.state;
  const label = CASE_STATE_LABELS[state];

  if (state === 'archived') throw invalidState('工单已归档，不能再添加附件');
  if (user.role === 'unit-handler' && !UNIT_UPLOAD_STATES.includes(state)) {
    throw invalidState(`工单当前状态为${label}，承办单位只能在办理期间（已转办、已签收、办理中）上传附件`);
  }
  return access;
}
