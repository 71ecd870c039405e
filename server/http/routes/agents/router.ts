/**
 * `GET /api/agents`: the status of every active agent, for supervisors and admins. The agent
 * list is read from the database each time, so agents created since the start appear too.
 */
import { Router } from 'express';
import { agentProfiles } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { toAgentProfile } from '../../../users/signed-in-user';
import { allow } from '../../auth-middleware';

export function agentsRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/agents', allow('agents:read'), async (_request, response) => {
    const profiles = await agentProfiles(context.db);
    for (const profile of profiles) context.agents.upsertProfile(toAgentProfile(profile));

    const active = new Set(profiles.map((profile) => toAgentProfile(profile).agentId));
    response.json(context.agents.list().filter((status) => active.has(status.agentId)));
  });

  return router;
}
