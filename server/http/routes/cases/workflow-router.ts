/**
 * The case workflow: `POST /api/cases/:id/actions` (take an action), `POST
 * /api/cases/:id/reveal-identity` (release a protected identity to the units), `GET
 * /api/cases/:id/duplicates` (open cases to merge with) and `GET /api/cases/:id/identity-views`
 * (who saw the full identity).
 */
import { Router, type Request } from 'express';
import { getCase, listIdentityViews } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { forbidden, notFound } from '../../../errors';
import { canReadCase, loadCaseActor } from '../../../cases/case-access';
import { caseChangeNotice } from '../../../cases/case-change-notifier';
import { performCaseAction } from '../../../cases/case-actions';
import type { CaseActor } from '../../../cases/case-membership';
import { buildCaseView } from '../../../cases/case-workflow-view';
import { findDuplicates } from '../../../cases/duplicates';
import { releaseIdentity } from '../../../cases/identity-release';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput } from '../../validation';
import { CASE_ID_LABELS, caseIdSchema } from './schemas';
import { CASE_ACTION_LABELS, caseActionRequestSchema, REVEAL_IDENTITY_LABELS, revealIdentityRequestSchema } from './workflow-schemas';

export function caseWorkflowRouter(context: ServerContext): Router {
  const router = Router();
  const { db } = context;

  async function actorOf(request: Request): Promise<CaseActor> {
    const actor = await loadCaseActor(db, signedInUser(request));
    if (!actor) throw forbidden('办理工单（账号已停用）');
    return actor;
  }

  /** Returns the case id of the path after checking that the user may read the case. */
  async function readableCaseId(request: Request): Promise<number> {
    const { id } = parseInput(caseIdSchema, request.params, CASE_ID_LABELS);
    const detail = await getCase(db, id);
    if (!detail) throw notFound('工单');
    if (!(await canReadCase(db, signedInUser(request), detail))) throw forbidden('查看此工单');
    return id;
  }

  router.post('/api/cases/:id/actions', allow('cases:act'), async (request, response) => {
    const { id } = parseInput(caseIdSchema, request.params, CASE_ID_LABELS);
    const { action, version, ...input } = parseInput(caseActionRequestSchema, request.body, CASE_ACTION_LABELS);
    const actor = await actorOf(request);

    await performCaseAction(context, actor, id, { action, version, input });
    const view = await buildCaseView(db, actor, id);
    context.caseChanged?.(caseChangeNotice(view, actor.userId));
    response.json(view);
  });

  router.post('/api/cases/:id/reveal-identity', allow('identity:release'), async (request, response) => {
    const { id } = parseInput(caseIdSchema, request.params, CASE_ID_LABELS);
    const body = parseInput(revealIdentityRequestSchema, request.body, REVEAL_IDENTITY_LABELS);
    const actor = await actorOf(request);

    await releaseIdentity(db, actor, id, body);
    context.logger.info({ caseId: id, userId: actor.userId }, 'reporter identity released to the units');
    response.json(await buildCaseView(db, actor, id));
  });

  router.get('/api/cases/:id/duplicates', allow('cases:read'), async (request, response) => {
    const id = await readableCaseId(request);
    response.json({ items: await findDuplicates(db, id) });
  });

  router.get('/api/cases/:id/identity-views', allow('identity-views:read'), async (request, response) => {
    const id = await readableCaseId(request);
    response.json({ items: await listIdentityViews(db, id) });
  });

  return router;
}
