/** `GET /api/openapi.json`: the OpenAPI document of this API, without login. */
import { Router } from 'express';
import { buildOpenApiDocument } from '../../openapi/document';

export function openApiRouter(): Router {
  const router = Router();
  const document = buildOpenApiDocument();

  router.get('/api/openapi.json', (_request, response) => {
    response.json(document);
  });

  return router;
}
