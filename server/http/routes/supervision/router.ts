/**
 * `GET /api/supervision-notices`: the supervision notices (督办单) raised by the time-limit
 * scheduler. Supervisors, leaders and admins get every unit's notices, and a unit handler gets
 * only the notices of their own unit.
 */
import { Router } from 'express';
import { z } from 'zod';
import { findUserById, listSupervisionNotices, MAX_NOTICE_LIST_LIMIT } from '../../../../db/repositories';
import type { ServerContext } from '../../../context';
import { authRequired } from '../../../errors';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput, type FieldLabels } from '../../validation';

export const supervisionQuerySchema = z.strictObject({
  /** `true`: only open notices; `false`: only resolved ones. */
  open: z.enum(['1', 'true', '0', 'false']).transform((value) => value === '1' || value === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(MAX_NOTICE_LIST_LIMIT).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const LABELS: FieldLabels = { open: '“只看未办结”', limit: '每页条数', offset: '起始位置' };

export function supervisionRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/supervision-notices', allow('supervision:read'), async (request, response) => {
    const query = parseInput(supervisionQuerySchema, request.query, LABELS);
    const user = signedInUser(request);
    let orgUnitId: number | undefined;
    if (user.role === 'unit-handler') {
      const record = await findUserById(context.db, user.userId);
      if (!record) throw authRequired();
      orgUnitId = record.orgUnitId;
    }
    response.json(await listSupervisionNotices(context.db, { ...query, orgUnitId }));
  });

  return router;
}
