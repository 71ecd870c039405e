/**
 * Status reports from units' systems (`POST /api/department/cases/:caseNo/status`): checked
 * against the unit's secret, then written to the case's timeline as `unit-system-status`.
 */
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { addCaseEvent } from '../../db/repositories';
import { wasPushedToUnit } from '../../db/repositories/deliveries';
import { findUnitSecretByCode } from '../../db/repositories/unit-endpoints';
import { AppError, notFound } from '../errors';
import type { FieldLabels } from '../http/validation';
import { verifySignature } from './signature';

/** Statuses a unit's system may report. They are notes on the timeline, because the platform's workflow remains the record of the case state. */
export const UNIT_SYSTEM_STATUSES = ['received', 'signed', 'in-progress', 'contacted', 'replied', 'returned'] as const;
export type UnitSystemStatus = (typeof UNIT_SYSTEM_STATUSES)[number];

export const UNIT_SYSTEM_STATUS_LABELS: Record<UnitSystemStatus, string> = {
  received: '部门系统已接收',
  signed: '部门系统已签收',
  'in-progress': '部门系统办理中',
  contacted: '部门已联系诉求人',
  replied: '部门系统已答复',
  returned: '部门系统申请退单',
};

export const statusReportSchema = z.strictObject({
  status: z.enum(UNIT_SYSTEM_STATUSES, { error: '状态无效' }),
  note: z.string().trim().max(2000, { error: '说明不能超过2000个字' }).optional(),
  handler: z.string().trim().max(50, { error: '经办人不能超过50个字' }).optional(),
  /** Id of the case in the unit's system. */
  externalId: z.string().trim().max(64, { error: '部门系统编号不能超过64个字符' }).optional(),
  occurredAt: z.iso.datetime({ offset: true, error: '发生时间应为 ISO 8601 格式' }).optional(),
});

export type StatusReport = z.output<typeof statusReportSchema>;

export const STATUS_REPORT_LABELS: FieldLabels = { status: '状态', note: '说明', handler: '经办人', externalId: '部门系统编号', occurredAt: '发生时间' };

export const signatureInvalid = () => new AppError('AUTH_INVALID', 401, '签名校验失败：请检查单位编码、时间戳和签名');

/** A throwaway key, so an unknown unit costs the same HMAC as a known one. */
const UNKNOWN_UNIT_SECRET = 'unknown-unit-placeholder-secret';

export interface SignedRequest {
  unitCode: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
}

/**
 * Returns the unit that signed the request. Throws AUTH_INVALID for an unknown unit, a unit
 * without an active endpoint, a stale timestamp or a wrong signature. All four get one message,
 * so a caller cannot probe which unit codes exist.
 */
export async function authenticateUnit(db: Database, request: SignedRequest, logger: Logger): Promise<{ orgUnitId: number }> {
  const unit = request.unitCode ? await findUnitSecretByCode(db, request.unitCode) : null;
  const check = verifySignature(unit?.secret ?? UNKNOWN_UNIT_SECRET, request, request.rawBody);
  if (!unit || !check.ok) {
    logger.warn({ unitCode: request.unitCode ?? null, reason: unit ? (check.ok ? null : check.reason) : 'unknown-unit' }, 'unit status report rejected');
    throw signatureInvalid();
  }
  return { orgUnitId: unit.orgUnitId };
}

/**
 * Writes the report to the timeline of the case. Throws NOT_FOUND when the case does not exist
 * or was never pushed to this unit, so a unit learns nothing about other units' cases.
 */
export async function recordStatusReport(db: Database, orgUnitId: number, caseNo: string, report: StatusReport): Promise<{ caseId: number; eventId: number }> {
  const found = await db.models.Case.findOne({ where: { caseNo }, attributes: ['id'] });
  if (!found || !(await wasPushedToUnit(db, found.id, orgUnitId))) throw notFound('工单');

  const event = await addCaseEvent(db, {
    caseId: found.id,
    type: 'unit-system-status',
    actorUserId: null,
    note: report.note ?? UNIT_SYSTEM_STATUS_LABELS[report.status],
    data: {
      orgUnitId,
      status: report.status,
      handler: report.handler ?? null,
      externalId: report.externalId ?? null,
      occurredAt: report.occurredAt ?? null,
    },
  });
  return { caseId: found.id, eventId: event.id };
}
