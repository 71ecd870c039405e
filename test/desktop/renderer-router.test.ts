import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRendererRouter } from '../../agent-desktop/serve';

async function listen(router: express.Router): Promise<{ server: Server; baseUrl: string }> {
  const app = express();
  app.use(router);
  app.use((_request, response) => response.status(404).send('not the router'));
  const server = createServer(app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('renderer router', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    ({ server, baseUrl } = await listen(await createRendererRouter()));
  });

  afterAll(() => {
    server?.close();
  });

  it('serves a Chinese index page with a strict content security policy', async () => {
    const response = await fetch(`${baseUrl}/`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<div id="app"></div>');
    expect(await (await fetch(`${baseUrl}/index.html`)).text()).toBe(html);
  });

  it('refers only to its own assets', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);

    expect(references).toHaveLength(3);
    expect(references.filter((reference) => !reference.startsWith('assets/') && reference !== 'data:,')).toEqual([]);
  });

  it('serves the hashed script and stylesheet with long caching', async () => {
    const html = await (await fetch(`${baseUrl}/`)).text();
    const script = /src="(assets\/main-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    const stylesheet = /href="(assets\/styles-[A-Z0-9]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(stylesheet).toBeDefined();

    const js = await fetch(`${baseUrl}/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    // Checked with includes() so that a failure does not print the whole bundle.
    expect((await js.text()).includes('请输入用户名')).toBe(true);

    const css = await fetch(`${baseUrl}/${stylesheet}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).not.toMatch(/url\(\s*['"]?https?:/);
  });

  it('passes unknown assets and API paths on', async () => {
    expect((await fetch(`${baseUrl}/assets/main-NOPE.js`)).status).toBe(404);
    expect(await (await fetch(`${baseUrl}/api/cases`)).text()).toBe('not the router');
  });

  it('rebuilds on each page request when asked', async () => {
    const rebuilding = await listen(await createRendererRouter({ rebuild: true }));
    try {
      const html = await (await fetch(`${rebuilding.baseUrl}/`)).text();
      const script = /src="(assets\/main-[A-Z0-9]+\.js)"/.exec(html)![1];
      expect((await fetch(`${rebuilding.baseUrl}/${script}`)).status).toBe(200);
    } finally {
      rebuilding.server.close();
    }
  });
});
