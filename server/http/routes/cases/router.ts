/**
 * `GET /api/cases` (the cases the user may see, paged), `GET /api/cases/:id` (one case with its
 * timeline, units, due dates and the reader's actions) and `POST /api/cases` (register a case
 * from the desk), plus the workflow routes of caseWorkflowRouter.
 */
import { Router } from 'express';
import { getCase } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { forbidden, notFound } from '../../../errors';
import { canReadCase, loadCaseActor } from '../../../cases/case-access';
import { listCaseEntries } from '../../../cases/case-list';
import { buildCaseView } from '../../../cases/case-workflow-view';
import { CREATE_CASE_LABELS, createCaseRequestSchema } from '../../../cases/create-case-request';
import { presentCase } from '../../../cases/present-case';
import { registerCase } from '../../../cases/register-case';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput } from '../../validation';
import { CASE_ID_LABELS, CASE_LIST_LABELS, caseIdSchema, caseListQuerySchema } from './schemas';
import { caseWorkflowRouter } from './workflow-router';

export function casesRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/cases', allow('cases:read'), async (request, response) => {
    const query = parseInput(caseListQuerySchema, request.query, CASE_LIST_LABELS);
    response.json(await listCaseEntries(context.db, signedInUser(request), query));
  });

  router.get('/api/cases/:id', allow('cases:view'), async (request, response) => {
    const { id } = parseInput(caseIdSchema, request.params, CASE_ID_LABELS);
    const detail = await getCase(context.db, id);
    if (!detail) throw notFound('工单');
    const user = signedInUser(request);
    const actor = await loadCaseActor(context.db, user);
    if (!actor || !(await canReadCase(context.db, user, detail))) throw forbidden('查看此工单');

    response.json(await buildCaseView(context.db, actor, id));
  });

  router.post('/api/cases', allow('cases:create'), async (request, response) => {
    const body = parseInput(createCaseRequestSchema, request.body, CREATE_CASE_LABELS);
    const user = signedInUser(request);
    const detail = await registerCase(context, user, body);
    const actor = await loadCaseActor(context.db, user);
    // The workflow view offers the open cases this one may duplicate, for merging instead of dispatching.
    response.status(201).json(actor ? await buildCaseView(context.db, actor, detail.id) : presentCase(detail));
  });

  router.use(caseWorkflowRouter(context));
  return router;
}
