/** `GET /api/categories`: the active case categories, flat and ordered by code. */
import { Router } from 'express';
import { listCategories } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { allow } from '../../auth-middleware';

export function categoriesRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/categories', allow('categories:read'), async (_request, response) => {
    const categories = await listCategories(context.db);
    response.json(categories.map(({ id, code, name, parentId }) => ({ id, code, name, parentId })));
  });

  return router;
}
