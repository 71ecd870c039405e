import { z } from 'zod';
import type { FieldLabels } from '../../validation';

const databaseId = z.coerce.number().int().positive().max(2 ** 31 - 1);

export const caseAttachmentsParamsSchema = z.object({ id: databaseId });
export const attachmentParamsSchema = z.object({ id: databaseId, attachmentId: databaseId });

export const ATTACHMENT_PARAM_LABELS: FieldLabels = { id: '工单编号', attachmentId: '附件编号' };
