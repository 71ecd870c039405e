/** `GET /api/agents`: every known agent's status, for supervisors and admins. */
import { Router } from 'express';
import type { ServerContext } from '../../../context';
import { allow } from '../../auth-middleware';

export function agentsRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/agents', allow('agents:read'), (_request, response) => {
    response.json(context.agents.list());
  });

  return router;
}
