/**
 * Department platforms for signed-in users: `GET /api/cases/:id/deliveries` (every push of a
 * case and each attempt), and for admins the units' endpoints:
 * `GET /api/admin/unit-endpoints` and `PUT /api/admin/unit-endpoints/:orgUnitId`.
 */
import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { getCase } from '../../../../db/repositories';
import { listCaseDeliveries } from '../../../../db/repositories/deliveries';
import { listUnitEndpoints, saveUnitEndpoint } from '../../../../db/repositories/unit-endpoints';
import type { ServerContext } from '../../../context';
import { forbidden, notFound } from '../../../errors';
import { canReadCase } from '../../../cases/case-access';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput, type FieldLabels } from '../../validation';
import { CASE_ID_LABELS, caseIdSchema } from '../cases/schemas';

export const orgUnitIdSchema = z.object({ orgUnitId: z.coerce.number().int().positive().max(2 ** 31 - 1) });

export const unitEndpointRequestSchema = z.strictObject({
  url: z
    .url({ protocol: /^https?$/, error: '推送地址应为 http 或 https 开头的网址' })
    .max(500, { error: '推送地址不能超过500个字符' }),
  /** Omit to have the platform generate one; it is returned once. */
  secret: z.string().min(32, { error: '签名密钥至少32个字符' }).max(128, { error: '签名密钥不能超过128个字符' }).optional(),
  active: z.boolean({ error: '“启用”应为是或否' }).default(true),
});

const ENDPOINT_LABELS: FieldLabels = { orgUnitId: '单位编号', url: '推送地址', secret: '签名密钥', active: '启用' };

export function departmentRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/cases/:id/deliveries', allow('deliveries:read'), async (request, response) => {
    const { id } = parseInput(caseIdSchema, request.params, CASE_ID_LABELS);
    const detail = await getCase(context.db, id);
    if (!detail) throw notFound('工单');
    if (!(await canReadCase(context.db, signedInUser(request), detail))) throw forbidden('查看此工单');

    response.json(await listCaseDeliveries(context.db, id));
  });

  router.get('/api/admin/unit-endpoints', allow('unit-endpoints:manage'), async (_request, response) => {
    response.json(await listUnitEndpoints(context.db));
  });

  router.put('/api/admin/unit-endpoints/:orgUnitId', allow('unit-endpoints:manage'), async (request, response) => {
    const { orgUnitId } = parseInput(orgUnitIdSchema, request.params, ENDPOINT_LABELS);
    const body = parseInput(unitEndpointRequestSchema, request.body, ENDPOINT_LABELS);
    if (!(await context.db.models.OrgUnit.findByPk(orgUnitId))) throw notFound('单位');

    const secret = body.secret ?? randomBytes(32).toString('base64url');
    await saveUnitEndpoint(context.db, { orgUnitId, url: body.url, secret, active: body.active });
    context.logger.info({ orgUnitId, active: body.active, userId: signedInUser(request).userId }, 'unit endpoint saved');

    const saved = (await listUnitEndpoints(context.db)).find((endpoint) => endpoint.orgUnitId === orgUnitId);
    // The secret goes back only when the platform generated it, so the unit's admin can copy it.
    response.json({ ...saved, ...(body.secret ? {} : { secret }) });
  });

  return router;
}
