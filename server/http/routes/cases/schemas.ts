import { z } from 'zod';
import { CASE_STATES } from '../../../domain/terms';
import type { FieldLabels } from '../../validation';

/** `1`, `true`, `0` or `false`, as query strings carry booleans. */
const queryBoolean = z.enum(['1', 'true', '0', 'false']).transform((value) => value === '1' || value === 'true');

export const caseListQuerySchema = z.object({
  /** Only the cases the user registered. */
  mine: queryBoolean.default(false),
  state: z.enum(CASE_STATES).optional(),
  q: z.string().trim().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const CASE_LIST_LABELS: FieldLabels = { mine: '“我的工单”', state: '工单状态', q: '关键字', limit: '每页条数', offset: '起始位置' };

export const caseIdSchema = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

export const CASE_ID_LABELS: FieldLabels = { id: '工单编号' };
