/**
 * API keys of the intake front ends, for admins: `GET /api/admin/intake-api-keys`,
 * `POST /api/admin/intake-api-keys` (returns the key once) and
 * `POST /api/admin/intake-api-keys/:id/revoke`.
 */
import { Router } from 'express';
import { z } from 'zod';
import { createIntakeApiKey, listIntakeApiKeys, revokeIntakeApiKey } from '../../../../db/repositories/intake';
import type { ServerContext } from '../../../context';
import { notFound } from '../../../errors';
import { generateApiKey } from '../../../intake/api-key';
import { allow, signedInUser } from '../../auth-middleware';
import { parseInput, type FieldLabels } from '../../validation';

/** Channels whose front ends send cases through the intake API. */
export const API_INTAKE_CHANNELS = ['wechat', 'app', 'weibo'] as const;

export const createApiKeyRequestSchema = z.strictObject({
  name: z.string({ error: '请填写密钥名称' }).trim().min(1, { error: '请填写密钥名称' }).max(100, { error: '密钥名称不能超过100个字' }),
  channel: z.enum(API_INTAKE_CHANNELS, { error: '受理渠道应为微信、客户端或微博' }),
});

export const apiKeyIdSchema = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

const LABELS: FieldLabels = { name: '密钥名称', channel: '受理渠道', id: '密钥编号' };

export function intakeAdminRouter(context: ServerContext): Router {
  const router = Router();

  router.get('/api/admin/intake-api-keys', allow('intake:manage'), async (_request, response) => {
    response.json(await listIntakeApiKeys(context.db));
  });

  router.post('/api/admin/intake-api-keys', allow('intake:manage'), async (request, response) => {
    const { name, channel } = parseInput(createApiKeyRequestSchema, request.body, LABELS);
    const user = signedInUser(request);
    const { key, keyPrefix, keyHash } = generateApiKey();

    const record = await createIntakeApiKey(context.db, { name, channel, keyPrefix, keyHash, createdById: user.userId });
    context.logger.info({ apiKeyId: record.id, channel, keyPrefix, userId: user.userId }, 'intake API key created');
    response.status(201).json({ ...record, key });
  });

  router.post('/api/admin/intake-api-keys/:id/revoke', allow('intake:manage'), async (request, response) => {
    const { id } = parseInput(apiKeyIdSchema, request.params, LABELS);
    const record = await revokeIntakeApiKey(context.db, id);
    if (!record) throw notFound('API 密钥');

    context.logger.info({ apiKeyId: id, userId: signedInUser(request).userId }, 'intake API key revoked');
    response.json(record);
  });

  return router;
}
