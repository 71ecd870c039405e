/** `POST /api/auth/login`: checks the password and returns a signed token with the user. */
import { Router } from 'express';
import { findUserByUsername } from '../../../../db/repositories';
import { checkPassword } from '../../../auth/passwords';
import type { ServerContext } from '../../../context';
import { loginFailed, rateLimited } from '../../../errors';
import { findAgentProfile, presentUserView, toAgentProfile } from '../../../users/signed-in-user';
import { parseInput } from '../../validation';
import { LOGIN_LABELS, loginRequestSchema } from './schemas';

export function authRouter(context: ServerContext): Router {
  const router = Router();
  const logger = context.logger.child({ component: 'login' });

  router.post('/api/auth/login', async (request, response) => {
    const { username, password } = parseInput(loginRequestSchema, request.body, LOGIN_LABELS);
    const ip = request.ip ?? 'unknown';
    if (context.loginLimiter.isBlocked(username, ip)) {
      logger.warn({ username, ip }, 'login rejected: too many failed attempts');
      throw rateLimited();
    }

    const user = await findUserByUsername(context.db, username);
    const usable = user !== null && user.active;
    const matches = await checkPassword(password, usable ? user.passwordHash : null);
    if (!usable || !matches) {
      context.loginLimiter.recordFailure(username, ip);
      logger.info({ username, ip, known: user !== null }, 'login failed');
      throw loginFailed();
    }

    context.loginLimiter.reset(username, ip);
    const profile = await findAgentProfile(context.db, user.id);
    const view = presentUserView(user, profile);
    const token = context.tokens.sign({ userId: user.id, role: user.role, agentId: view.agentId });
    if (profile) context.agents.upsertProfile(toAgentProfile(profile));

    logger.info({ userId: user.id, role: user.role }, 'login succeeded');
    response.json({ token, user: view });
  });

  return router;
}
