/**
 * Serves the public pages `/intake` and `/progress` and their assets under `/public-assets/`.
 * The pages are built on the first request, so starting the server costs nothing when no one
 * opens them.
 */
import { Router, type RequestHandler } from 'express';
import { buildPublicPages, PUBLIC_ASSET_PREFIX, type PublicPagesBundle } from './bundle';

/** Same-origin scripts, styles and requests only; no inline code, no frames. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function publicPagesRouter(): Router {
  let building: Promise<PublicPagesBundle> | null = null;
  const bundle = () => {
    building ??= buildPublicPages().catch((error: unknown) => {
      // A later request tries again instead of keeping the failure.
      building = null;
      throw error;
    });
    return building;
  };
  const router = Router();

  const sendPage =
    (name: keyof PublicPagesBundle['pages']): RequestHandler =>
    async (_request, response) => {
      const { pages } = await bundle();
      response
        .set('Content-Type', 'text/html; charset=utf-8')
        .set('Cache-Control', 'no-cache')
        .set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
        .set('X-Content-Type-Options', 'nosniff')
        .send(pages[name]);
    };
  router.get('/intake', sendPage('intake'));
  router.get('/progress', sendPage('progress'));

  router.get(`${PUBLIC_ASSET_PREFIX}/:file`, async (request, response, next) => {
    const file = (await bundle()).files.get(request.params.file);
    if (!file) return next();
    response
      .set('Content-Type', file.contentType)
      // Names carry the content hash, so a changed file always has a new name.
      .set('Cache-Control', 'public, max-age=31536000, immutable')
      .set('X-Content-Type-Options', 'nosniff')
      .send(Buffer.from(file.contents));
  });

  return router;
}
