/**
 * Express router that serves the renderer: index.html at "/" and the hashed JS, CSS and source
 * maps under "assets/". The platform server mounts it at "/". It handles no other path, so the
 * API routes and Socket.IO stay untouched.
 */
import express from 'express';
import { buildRendererBundle, type RendererBundle } from './bundle';

export interface RendererRouterOptions {
  /** Build again on every request of index.html, for working on the renderer; default false. */
  rebuild?: boolean;
}

/**
 * Only same-origin scripts, styles and connections (HTTP and the Socket.IO WebSocket); no
 * inline code and no other host.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Builds the bundle once (throws when the build fails) and returns the router serving it. */
export async function createRendererRouter(options: RendererRouterOptions = {}): Promise<express.Router> {
  let bundle: RendererBundle = await buildRendererBundle();
  const router = express.Router();

  const sendIndex: express.RequestHandler = async (_request, response, next) => {
    try {
      if (options.rebuild) bundle = mergeBundles(bundle, await buildRendererBundle());
      response
        .set('Content-Type', 'text/html; charset=utf-8')
        .set('Cache-Control', 'no-cache')
        .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
        .set('X-Content-Type-Options', 'nosniff')
        .send(bundle.html);
    } catch (error) {
      next(error);
    }
  };
  router.get('/', sendIndex);
  router.get('/index.html', sendIndex);

  router.get('/assets/:file', (request, response, next) => {
    const file = bundle.files.get(`assets/${request.params.file}`);
    if (!file) return next();
    response
      .set('Content-Type', file.contentType)
      // File names carry the content hash, so a changed file always has a new name.
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      .set('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(file.contents));
  });

  return router;
}

/** Keeps the files of earlier builds, so that a page loaded before a rebuild still finds its assets. */
function mergeBundles(previous: RendererBundle, next: RendererBundle): RendererBundle {
  return { html: next.html, files: new Map([...previous.files, ...next.files]) };
}
