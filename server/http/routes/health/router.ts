/**
 * `GET /api/health`: whether the database answers and whether the links to Asterisk are up.
 * It needs no login, so load balancers can call it; it returns 503 when the database is down.
 */
import { Router } from 'express';
import type { ServerContext } from '../../../context';

/** Milliseconds the database may take to answer the health query. */
const DATABASE_TIMEOUT_MS = 2000;

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  database: { ok: boolean };
  asterisk: { ari: boolean; ami: boolean | null };
}

export function healthRouter(context: ServerContext): Router {
  const router = Router();
  const logger = context.logger.child({ component: 'health' });

  router.get('/api/health', async (_request, response) => {
    const database = await checkDatabase(context).catch((error: unknown) => {
      logger.warn({ err: error }, 'database health check failed');
      return false;
    });
    const hotline = context.hotline();
    const ari = hotline?.isConnected() ?? false;
    const ami = hotline?.ami ? hotline.ami.isConnected() : null;

    const status = !database ? 'down' : ari && ami !== false ? 'ok' : 'degraded';
    const report: HealthReport = { status, database: { ok: database }, asterisk: { ari, ami } };
    response.status(database ? 200 : 503).json(report);
  });

  return router;
}

async function checkDatabase(context: ServerContext): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${DATABASE_TIMEOUT_MS} ms`)), DATABASE_TIMEOUT_MS);
  });
  try {
    await Promise.race([context.db.sequelize.query('SELECT 1'), timeout]);
    return true;
  } finally {
    clearTimeout(timer);
  }
}
