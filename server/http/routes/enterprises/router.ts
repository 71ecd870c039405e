/**
 * `GET /api/enterprises?creditCode=` (the enterprise with this code, as a list of zero or
 * one) and `GET /api/enterprises?q=` (name contains, or credit code starts with, `q`).
 */
import { Router } from 'express';
import { findEnterpriseByCreditCode, searchEnterprises } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { allow } from '../../auth-middleware';
import { parseInput } from '../../validation';
import { ENTERPRISE_QUERY_LABELS, enterpriseQuerySchema } from './schemas';

export function enterprisesRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/enterprises', allow('enterprises:read'), async (request, response) => {
    const query = parseInput(enterpriseQuerySchema, request.query, ENTERPRISE_QUERY_LABELS);
    if (query.creditCode !== undefined) {
      const enterprise = await findEnterpriseByCreditCode(context.db, query.creditCode);
      response.json(enterprise ? [enterprise] : []);
      return;
    }
    response.json(await searchEnterprises(context.db, { q: query.q ?? '', limit: query.limit }));
  });

  return router;
}
