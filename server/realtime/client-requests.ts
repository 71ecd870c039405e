/**
 * zod schemas of the requests the desktop sends over Socket.IO, one per client event, with the
 * Chinese field names used in validation messages.
 */
import { z } from 'zod';
import { NOT_READY_REASONS } from '../domain/terms';
import type { FieldLabels } from '../http/validation';
import type { CLIENT_TO_SERVER_EVENTS } from './socket-events';

const callRequest = z.object({ callId: z.string().min(1).max(128) });

export const CLIENT_REQUEST_SCHEMAS = {
  'agent:set-state': z.object({
    state: z.enum(['ready', 'not-ready']),
    reason: z.enum(NOT_READY_REASONS).optional(),
  }),
  'agent:end-wrap-up': z.object({}).optional(),
  'call:hangup': callRequest,
  'call:hold': callRequest,
  'call:resume': callRequest,
} satisfies Record<(typeof CLIENT_TO_SERVER_EVENTS)[number], z.ZodType>;

export const CLIENT_REQUEST_LABELS: FieldLabels = {
  '': '请求内容',
  state: '坐席状态',
  reason: '示忙原因',
  callId: '通话编号',
};
