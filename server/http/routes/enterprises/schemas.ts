import { z } from 'zod';
import type { FieldLabels } from '../../validation';

/** Exactly one of `creditCode` (exact match) and `q` (name or code prefix). */
export const enterpriseQuerySchema = z
  .object({
    creditCode: z.string().trim().min(1).max(18).optional(),
    q: z.string().trim().min(1).max(50).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((query) => (query.creditCode === undefined) !== (query.q === undefined), {
    error: '请提供统一社会信用代码或企业名称关键字之一',
    path: ['q'],
  });

export const ENTERPRISE_QUERY_LABELS: FieldLabels = { creditCode: '统一社会信用代码', q: '关键字', limit: '条数' };
