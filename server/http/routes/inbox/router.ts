/** `GET /api/inbox`: the cases of the unit handler's unit, or the cases escalated to the leader. */
import { Router } from 'express';
import type { ServerContext } from '../../../context';
import { forbidden } from '../../../errors';
import { loadCaseActor } from '../../../cases/case-access';
import { listInboxOf } from '../../../cases/inbox';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput } from '../../validation';
import { INBOX_LABELS, inboxQuerySchema } from '../cases/workflow-schemas';

export function inboxRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/inbox', allow('inbox:read'), async (request, response) => {
    const page = parseInput(inboxQuerySchema, request.query, INBOX_LABELS);
    const actor = await loadCaseActor(context.db, signedInUser(request));
    if (!actor) throw forbidden('查看待办工单（账号已停用）');

    response.json(await listInboxOf(context.db, actor, page));
  });

  return router;
}
