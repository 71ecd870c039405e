/**
 * The Express application: JSON bodies up to `JSON_BODY_LIMIT`, the public routes (health,
 * login, OpenAPI document), the routes behind a login, and one error middleware. The
 * renderer of the agent desktop, when given, is served at `/`.
 */
import express, { type Express, type Router } from 'express';
import type { ServerContext } from '../context';
import { authenticate } from './auth-middleware';
import { errorHandler, unknownApiRoute } from './error-handler';
import { agentsRouter } from './routes/agents/router';
import { attachmentsRouter } from './routes/attachments/router';
import { authRouter } from './routes/auth/router';
import { departmentRouter } from './routes/department/router';
import { departmentStatusRouter } from './routes/department/status-router';
import { intakeAdminRouter } from './routes/intake/admin-router';
import { intakeApiRouter } from './routes/intake/api-router';
import { publicIntakeRouter } from './routes/intake/public-router';
import { casesRouter } from './routes/cases/router';
import { categoriesRouter } from './routes/categories/router';
import { enterprisesRouter } from './routes/enterprises/router';
import { healthRouter } from './routes/health/router';
import { inboxRouter } from './routes/inbox/router';
import { meRouter } from './routes/me/router';
import { openApiRouter } from './routes/openapi/router';
import { supervisionRouter } from './routes/supervision/router';
import { timeLimitsRouter } from './routes/time-limits/router';
import { orgUnitsRouter } from './routes/org-units/router';
import { leadersRouter } from './routes/leaders/router';

/** Largest accepted JSON body; a case's content is at most 4000 characters. */
export const JSON_BODY_LIMIT = '64kb';

export function createHttpApp(context: ServerContext, options: { renderer?: Router | null } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Before the JSON parser, because units sign the raw body.
  app.use(departmentStatusRouter(context));
  app.use('/api', express.json({ limit: JSON_BODY_LIMIT }));

  app.use(healthRouter(context));
  app.use(openApiRouter());
  app.use(authRouter(context));
  app.use(publicIntakeRouter(context));
  app.use(intakeApiRouter(context));

  app.use('/api', authenticate(context.tokens));
  app.use(meRouter(context));
  app.use(categoriesRouter(context));
  app.use(enterprisesRouter(context));
  app.use(casesRouter(context));
  app.use(inboxRouter(context));
  app.use(attachmentsRouter(context));
  app.use(orgUnitsRouter(context));
  app.use(leadersRouter(context));
  app.use(agentsRouter(context));
  app.use(intakeAdminRouter(context));
  app.use(departmentRouter(context));
  app.use(timeLimitsRouter(context));
  app.use(supervisionRouter(context));
  app.use('/api', unknownApiRoute);

  if (options.renderer) app.use(options.renderer);
  app.use(errorHandler(context.logger.child({ component: 'http' })));
  return app;
}
