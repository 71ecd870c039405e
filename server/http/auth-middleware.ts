/**
 * Express guards: `authenticate` reads the Bearer token (401 AUTH_REQUIRED when missing,
 * 401 AUTH_INVALID when bad or expired) and `allow` checks the role for an action (403 FORBIDDEN).
 */
import type { Request, RequestHandler } from 'express';
import { authorize, type Action } from '../auth/policies';
import type { AuthUser, TokenService } from '../auth/tokens';
import { authRequired } from '../errors';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in user, set by `authenticate`. */
    user?: AuthUser;
  }
}

export function authenticate(tokens: TokenService): RequestHandler {
  return (request, _response, next) => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw authRequired();

    request.user = tokens.verify(match[1]);
    next();
  };
}

/** Lets the request through when the signed-in user's role may perform `action`. */
export function allow(action: Action): RequestHandler {
  return (request, _response, next) => {
    authorize(signedInUser(request), action);
    next();
  };
}

/** Returns the user set by `authenticate`; throws AUTH_REQUIRED on a route mounted without it. */
export function signedInUser(request: Request): AuthUser {
  if (!request.user) throw authRequired();
  return request.user;
}
