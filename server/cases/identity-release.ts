/**
 * Releasing a protected reporter's identity to the handling units (`POST
 * /api/cases/:id/reveal-identity`). The release adds a timeline entry and an identity view with
 * the reason. From then on the units' case screens show the full identity and log each showing.
 */
import type { Database } from '../../db/database';
import { insertCaseEvent, loadCaseWorkflow, recordIdentityView, updateCaseWorkflow } from '../../db/repositories';
import { invalidState, notFound } from '../errors';
import { staleVersion } from './apply-transition';
import type { CaseActor } from './case-membership';
import { isProtectedIdentity } from './identity-masking';

export async function releaseIdentity(db: Database, actor: CaseActor, caseId: number, request: { reason: string; version?: number }): Promise<void> {
  const now = new Date();
  await db.transaction(async (transaction) => {
    const record = await loadCaseWorkflow(db, caseId, transaction);
    if (!record) throw notFound('工单');
    if (request.version !== undefined && request.version !== record.version) throw staleVersion();
    if (!isProtectedIdentity(record)) throw invalidState('该工单的诉求人既未匿名也未要求保密，承办单位本来就能看到其身份');
    if (record.identityReleased) throw invalidState('诉求人身份已向承办单位公开，无需重复操作');

    if (!(await updateCaseWorkflow(db, caseId, record.version, { identityReleased: true }, now, transaction))) throw staleVersion();
    await insertCaseEvent(
      db,
      { caseId, type: 'identity-released', fromState: null, toState: null, actorUserId: actor.userId, note: request.reason, data: null },
      now,
      transaction,
    );
    await recordIdentityView(db, { caseId, userId: actor.userId, kind: 'release', reason: request.reason }, now, transaction);
  });
}
