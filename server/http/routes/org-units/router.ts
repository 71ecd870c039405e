/** `GET /api/org-units`: the active organisation units, flat and ordered by code, for choosing the units of a dispatch. */
import { Router } from 'express';
import { listOrgUnits } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { allow } from '../../auth-middleware';

export function orgUnitsRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/org-units', allow('org-units:read'), async (_request, response) => {
    const units = await listOrgUnits(context.db);
    response.json(units.map(({ id, code, name, type, parentId }) => ({ id, code, name, type, parentId })));
  });

  return router;
}
