/**
 * Per-address limits of the public pages' API, with express-rate-limit's in-memory store.
 * NOTE: with several server nodes each node counts on its own; a shared store (Redis) is needed
 * once the platform runs behind a load balancer.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';

export const PUBLIC_LIMIT_WINDOW_MS = 60 * 60 * 1000;

/**
 * Allows `limit()` requests per client address per hour, then responds with 429 RATE_LIMITED and
 * `message`. The address is Express's `request.ip`, which honours `trust proxy`.
 */
export function publicRateLimit(limit: () => number, message: string): RequestHandler {
  return rateLimit({
    windowMs: PUBLIC_LIMIT_WINDOW_MS,
    limit: () => limit(),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, _response, next) => next(new AppError('RATE_LIMITED', 429, message)),
  });
}
