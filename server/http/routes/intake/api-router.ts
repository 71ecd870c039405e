/**
 * `POST /api/intake/cases`: the intake API of the WeChat, app and Weibo front ends, with an
 * `X-Api-Key` per front end and an `Idempotency-Key` per request.
 */
import { Router, type Request } from 'express';
import { findActiveIntakeApiKey, type IntakeApiKeyRecord } from '../../../../db/repositories/intake';
import type { ServerContext } from '../../../context';
import { AppError } from '../../../errors';
import { hashApiKey, looksLikeApiKey } from '../../../intake/api-key';
import { API_INTAKE_LABELS, apiIntakeRequestSchema, idempotencyKeySchema } from '../../../intake/intake-request';
import { submitApiCase } from '../../../intake/intake-service';
import { parseInput } from '../../validation';
import { z } from 'zod';

const idempotencyHeaderSchema = z.object({ idempotencyKey: idempotencyKeySchema });

const apiKeyInvalid = () => new AppError('AUTH_INVALID', 401, 'API 密钥（X-Api-Key）缺失、无效或已停用');

export function intakeApiRouter(context: ServerContext): Router {
  const router = Router();

  router.post('/api/intake/cases', async (request, response) => {
    const apiKey = await authenticateApiKey(context, request);
    const { idempotencyKey } = parseInput(idempotencyHeaderSchema, { idempotencyKey: request.get('idempotency-key') });
    const body = parseInput(apiIntakeRequestSchema, request.body, API_INTAKE_LABELS);

    const receipt = await submitApiCase(context.db, context.logger.child({ component: 'intake' }), {
      apiKey,
      idempotencyKey,
      body: request.body,
      request: body,
      secret: context.config.JWT_SECRET,
    });
    if (!receipt.created) response.set('Idempotent-Replayed', 'true');
    response.status(receipt.created ? 201 : 200).json({ caseNo: receipt.caseNo, queryCode: receipt.queryCode, channel: apiKey.channel });
  });

  return router;
}

async function authenticateApiKey(context: ServerContext, request: Request): Promise<IntakeApiKeyRecord> {
  const key = request.get('x-api-key') ?? '';
  if (!looksLikeApiKey(key)) throw apiKeyInvalid();

  const apiKey = await findActiveIntakeApiKey(context.db, hashApiKey(key));
  if (!apiKey) throw apiKeyInvalid();
  return apiKey;
}
