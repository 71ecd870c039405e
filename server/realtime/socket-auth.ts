/**
 * Authentication of Socket.IO connections: the client sends `auth: { token }` in the
 * handshake. A missing or invalid token rejects the connection, and the client's
 * `connect_error` carries the code as `message` and `{ code, message }` (Chinese) as `data`.
 */
import type { Socket } from 'socket.io';
import type { TokenService } from '../auth/tokens';
import { AppError, authRequired } from '../errors';

/** Error passed to Socket.IO's `next()`; Socket.IO sends `message` and `data` to the client. */
export class SocketAuthError extends Error {
  readonly data: { code: string; message: string };

  constructor(error: AppError) {
    super(error.code);
    this.name = 'SocketAuthError';
    this.data = { code: error.code, message: error.userMessage };
  }
}

/**
 * Checks the handshake token once, when the socket connects.
 * NOTE: a socket stays connected after its token expires; the desktop's next REST call or
 * reconnect then needs a new login.
 */
export function socketAuthMiddleware(tokens: TokenService) {
  return (socket: Socket, next: (error?: Error) => void) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      if (typeof token !== 'string' || token === '') throw authRequired();
      const user = tokens.verify(token);
      socket.data.userId = user.userId;
      socket.data.role = user.role;
      socket.data.agentId = user.agentId;
      next();
    } catch (error) {
      next(error instanceof AppError ? new SocketAuthError(error) : error instanceof Error ? error : new Error(String(error)));
    }
  };
}
