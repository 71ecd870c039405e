/**
 * Adds `Connection: close` to every REST request of ari-client, so that no request reuses an
 * idle keep-alive connection.
 *
 * ari-client 2.2 sends requests through swagger-client 2.0 and shred on Node's global HTTP agent,
 * which keeps idle connections. When the event loop is blocked for longer than the server's
 * keep-alive time-out, the server closes them unseen and the next requests go out on dead
 * connections. Each fails with ECONNRESET, which shred emits as `request_error`. swagger-client
 * does not listen to that event, so the request never settles until our time-out rejects it.
 */
import { createRequire } from 'node:module';

interface SwaggerAuthorization {
  apply(request: { headers: Record<string, string> }): boolean;
}

interface SwaggerClientModule {
  authorizations: { add(name: string, authorization: SwaggerAuthorization): unknown };
}

const AUTHORIZATION_NAME = 'hotline-connection-close';

let applied = false;

/** Registers the header once per process in the swagger-client instance that ari-client loads. */
export function useFreshConnectionPerRequest(): void {
  if (applied) return;
  const requireFromHere = createRequire(import.meta.url);
  const requireFromAriClient = createRequire(requireFromHere.resolve('ari-client'));
  const swagger = requireFromAriClient('swagger-client') as SwaggerClientModule;
  // swagger-client applies each registered authorization to every request it sends.
  swagger.authorizations.add(AUTHORIZATION_NAME, {
    apply(request) {
      request.headers.Connection = 'close';
      return true;
    },
  });
  applied = true;
}
