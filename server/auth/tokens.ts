/**
 * Login tokens: JWTs signed with HS256 and the configured secret. The payload carries what
 * every request needs without a database read: the user id, the role and the agent id.
 */
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES, type Role } from '../domain/terms';
import { authInvalid } from '../errors';

/** The signed-in user as the HTTP and socket layers see it. */
export interface AuthUser {
  userId: number;
  role: Role;
  agentId: string | null;
}

const payloadSchema = z.object({
  sub: z.string().regex(/^\d+$/),
  role: z.enum(ROLES),
  agentId: z.string().nullable(),
});

export interface TokenService {
  /** Signs a token for `user` that expires after the configured lifetime. */
  sign(user: AuthUser): string;
  /** Returns the user of a valid token; throws AUTH_INVALID for a bad, tampered or expired one. */
  verify(token: string): AuthUser;
}

export function createTokenService(options: { secret: string; ttlSeconds: number }): TokenService {
  return {
    sign(user) {
      return jwt.sign({ role: user.role, agentId: user.agentId }, options.secret, {
        algorithm: 'HS256',
        subject: String(user.userId),
        expiresIn: options.ttlSeconds,
      });
    },

    verify(token) {
      let decoded: unknown;
      try {
        decoded = jwt.verify(token, options.secret, { algorithms: ['HS256'] });
      } catch {
        throw authInvalid();
      }

      const payload = payloadSchema.safeParse(decoded);
      if (!payload.success) throw authInvalid();
      return { userId: Number(payload.data.sub), role: payload.data.role, agentId: payload.data.agentId };
    },
  };
}
