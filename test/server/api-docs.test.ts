import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ServerContext } from '../../server/context';
import { createHttpApp } from '../../server/http/app';
import { buildOpenApiDocument } from '../../server/http/openapi/document';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../server/http/openapi/write';
import { CLIENT_TO_SERVER_EVENTS, SERVER_TO_CLIENT_EVENTS } from '../../server/realtime/socket-events';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /path` the Express app routes, with `:param` written as `{param}` like OpenAPI. */
function expressRoutes(): string[] {
  const context = { logger: pino({ level: 'silent' }) } as unknown as ServerContext;
  const app = createHttpApp(context) as unknown as { router: { stack: Layer[] } };
  const routes: string[] = [];
  const visit = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) {
          for (const method of Object.keys(layer.route.methods)) {
            routes.push(`${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      } else if (layer.handle?.stack) {
        visit(layer.handle.stack);
      }
    }
  };
  visit(app.router.stack);
  return routes.sort();
}

function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

describe('API documentation', () => {
  it('documents exactly the routes of the Express app', () => {
    const routes = expressRoutes();

    expect(routes).toContain('GET /api/cases/{id}');
    expect(routes).toContain('POST /api/auth/login');
    expect(documentedRoutes(buildOpenApiDocument() as never)).toEqual(routes);
  });

  it('keeps docs/openapi.json in step with the code (npm run docs:openapi)', () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(renderOpenApiDocument());
  });

  it('lists every socket event in docs/socket-events.md', () => {
    const page = readFileSync(new URL('../../docs/socket-events.md', import.meta.url), 'utf8');

    for (const event of [...SERVER_TO_CLIENT_EVENTS, ...CLIENT_TO_SERVER_EVENTS]) {
      expect(page, `docs/socket-events.md lacks ${event}`).toContain(`| \`${event}\` |`);
    }
  });
});
