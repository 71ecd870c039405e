import { z } from 'zod';
import type { FieldLabels } from '../../validation';

const version = z
  .number({ error: '版本号应为整数' })
  .int({ error: '版本号应为整数' })
  .min(0, { error: '版本号不能为负数' })
  .optional();

/**
 * Body of `POST /api/cases/:id/actions`: the action, the version of the case the user saw, and
 * the action's own fields beside them, which the state machine validates.
 */
export const caseActionRequestSchema = z
  .object({
    action: z.string({ error: '请指定工单操作' }).trim().min(1, { error: '请指定工单操作' }).max(40, { error: '未知的工单操作' }),
    version,
  })
  .catchall(z.unknown());

export const CASE_ACTION_LABELS: FieldLabels = { action: '工单操作', version: '版本号' };

export const MAX_REVEAL_REASON_LENGTH = 500;

export const revealIdentityRequestSchema = z.object({
  reason: z
    .string({ error: '请填写公开诉求人身份的理由' })
    .trim()
    .min(1, { error: '请填写公开诉求人身份的理由' })
    .max(MAX_REVEAL_REASON_LENGTH, { error: `理由不能超过 ${MAX_REVEAL_REASON_LENGTH} 个字` }),
  version,
});

export const REVEAL_IDENTITY_LABELS: FieldLabels = { reason: '公开理由', version: '版本号' };

export const inboxQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const INBOX_LABELS: FieldLabels = { limit: '每页条数', offset: '起始位置' };
