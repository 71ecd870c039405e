/**
 * Registers a case from the desk: checks what the request refers to (category, call,
 * enterprise) before anything is written, registers a new enterprise when needed, stores the
 * case and tells the user's desktops.
 */
import { createCase, getCall, getCase, listCategories, type CaseDetail } from '../../db/repositories';
import { seesAllCases } from '../auth/policies';
import type { AuthUser } from '../auth/tokens';
import type { ServerContext } from '../context';
import { validationFailed, type FieldProblem } from '../errors';
import type { CreateCaseRequest } from './create-case-request';
import { findOrRegisterEnterprise } from './enterprise-registration';

export async function registerCase(context: ServerContext, user: AuthUser, request: CreateCaseRequest): Promise<CaseDetail> {
  const { db } = context;
  const problems = (await Promise.all([checkCategory(context, request.categoryId), checkCall(context, user, request.callId)])).flat();
  if (problems.length > 0) throw validationFailed(problems);

  const enterpriseId = request.enterprise ? (await findOrRegisterEnterprise(db, request.enterprise)).id : (request.enterpriseId ?? null);

  const summary = await createCase(
    db,
    {
      channel: request.channel,
      kind: request.kind,
      categoryId: request.categoryId,
      enterpriseId,
      callerName: request.callerName || null,
      callerNumber: request.callerNumber || null,
      anonymous: request.anonymous,
      confidential: request.confidential,
      title: request.title,
      content: request.content,
      callId: request.callId ?? null,
    },
    { userId: user.userId },
  );
  context.logger.info({ caseId: summary.id, caseNo: summary.caseNo, userId: user.userId, callId: request.callId ?? null }, 'case registered');

  const detail = await getCase(db, summary.id);
  if (!detail) throw new Error(`case ${summary.id} missing right after it was registered`);
  context.caseRegistered(user.userId, detail);
  return detail;
}

async function checkCategory(context: ServerContext, categoryId: number): Promise<FieldProblem[]> {
  const categories = await listCategories(context.db, { includeInactive: true });
  const category = categories.find((candidate) => candidate.id === categoryId);
  if (!category) return [{ field: 'categoryId', message: '所选诉求分类不存在' }];
  if (!category.active) return [{ field: 'categoryId', message: '所选诉求分类已停用，请重新选择' }];
  return [];
}

/**
 * An agent may link only a call it answered or the one its phone is on right now; supervisors
 * and admins may link any call, as they register cases on an agent's behalf.
 */
async function checkCall(context: ServerContext, user: AuthUser, callId: string | undefined): Promise<FieldProblem[]> {
  if (callId === undefined) return [];

  const call = await getCall(context.db, callId);
  if (!call) return [{ field: 'callId', message: '关联的通话记录不存在' }];
  if (seesAllCases(user)) return [];

  const onThisCall = user.agentId !== null && context.agents.currentCallId(user.agentId) === callId;
  if (call.agentUserId !== user.userId && !onThisCall) {
    return [{ field: 'callId', message: '只能关联您本人接听的通话' }];
  }
  return [];
}
