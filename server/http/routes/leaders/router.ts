/** `GET /api/leaders`: the active leaders, for choosing who receives an escalated case. */
import { Router } from 'express';
import { listLeaders } from '../../../../db/repositories/leaders';
import type { ServerContext } from '../../../context';
import { allow } from '../../auth-middleware';

export function leadersRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/leaders', allow('leaders:read'), async (_request, response) => {
    response.json(await listLeaders(context.db));
  });

  return router;
}
