/**
 * The public intake routes, reachable without an account: `POST /api/public/intake` (the web
 * form) and `POST /api/public/progress` (a case's progress by number and query code), both
 * limited per client address, and the two pages `/intake` and `/progress` that use them.
 */
import { Router } from 'express';
import type { ServerContext } from '../../../context';
import { PROGRESS_LABELS, WEB_INTAKE_LABELS, progressRequestSchema, webIntakeRequestSchema } from '../../../intake/intake-request';
import { lookUpProgress, submitWebCase } from '../../../intake/intake-service';
import { publicPagesRouter } from '../../../intake/pages/pages-router';
import { publicRateLimit } from '../../../intake/rate-limits';
import { parseInput } from '../../validation';

export function publicIntakeRouter(context: ServerContext): Router {
  const router = Router();
  const intakeLimit = publicRateLimit(() => context.config.PUBLIC_INTAKE_LIMIT, '提交过于频繁，请一小时后再试，或拨打 12345 热线');
  const progressLimit = publicRateLimit(() => context.config.PUBLIC_PROGRESS_LIMIT, '查询过于频繁，请一小时后再试');

  router.post('/api/public/intake', intakeLimit, async (request, response) => {
    const body = parseInput(webIntakeRequestSchema, request.body, WEB_INTAKE_LABELS);
    const receipt = await submitWebCase(context.db, context.logger.child({ component: 'intake' }), body);
    response.status(201).json({ caseNo: receipt.caseNo, queryCode: receipt.queryCode });
  });

  router.post('/api/public/progress', progressLimit, async (request, response) => {
    const { caseNo, queryCode } = parseInput(progressRequestSchema, request.body, PROGRESS_LABELS);
    response.set('Cache-Control', 'no-store').json(await lookUpProgress(context.db, caseNo, queryCode));
  });

  router.use(publicPagesRouter());
  return router;
}
