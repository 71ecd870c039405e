/** `GET /api/me`: the signed-in user, read fresh from the database. */
import { Router } from 'express';
import { findUserById } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { authInvalid } from '../../../errors';
import { findAgentProfile, presentUserView } from '../../../users/signed-in-user';
import { signedInUser } from '../../auth-middleware';

export function meRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/me', async (request, response) => {
    const { userId } = signedInUser(request);
    const user = await findUserById(context.db, userId);
    if (!user || !user.active) throw authInvalid();

    response.json(presentUserView(user, await findAgentProfile(context.db, userId)));
  });

  return router;
}
