/**
 * Status reports from units' systems (`POST /api/department/cases/:caseNo/status`), checked
 * against the unit's secret. Signed, contacted, replied and returned are taken as workflow
 * actions under the unit's system account. Received and in progress become
 * `unit-system-status` notes on the case's timeline.
 */
import { z } from 'zod';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import { addCaseEvent } from '../../db/repositories';
import { wasPushedToUnit } from '../../db/repositories/deliveries';
import { findUnitSecretByCode } from '../../db/repositories/unit-endpoints';
import { AppError, notFound } from '../errors';
import type { FieldLabels } from '../http/validation';
import { CONTACT_METHODS } from '../domain/terms';
import type { ServerContext } from '../context';
import { performCaseAction } from '../cases/case-actions';
import { verifySignature } from './signature';
import { ensureUnitSystemAccount } from './unit-system-account';

/** Statuses a unit's system may report. */
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

/** Statuses that are a workflow action and need a note: the contact record, the reply, the reason to return. */
const NOTE_REQUIRED: ReadonlySet<UnitSystemStatus> = new Set(['contacted', 'replied', 'returned']);

export const statusReportSchema = z
  .strictObject({
    status: z.enum(UNIT_SYSTEM_STATUSES, { error: '状态无效' }),
    note: z.string().trim().max(2000, { error: '说明不能超过2000个字' }).optional(),
    /** Contact method with the caller, for `contacted` (default phone). */
    contactMethod: z.enum(CONTACT_METHODS, { error: '联系方式无效' }).optional(),
    handler: z.string().trim().max(50, { error: '经办人不能超过50个字' }).optional(),
    /** Id of the case in the unit's system. */
    externalId: z.string().trim().max(64, { error: '部门系统编号不能超过64个字符' }).optional(),
    occurredAt: z.iso.datetime({ offset: true, error: '发生时间应为 ISO 8601 格式' }).optional(),
  })
  .superRefine((report, context) => {
    if (NOTE_REQUIRED.has(report.status) && !report.note) {
      context.addIssue({ code: 'custom', path: ['note'], message: '联系情况、答复内容或退单原因须写在说明中' });
    }
  });

export type StatusReport = z.output<typeof statusReportSchema>;

export const STATUS_REPORT_LABELS: FieldLabels = {
  status: '状态',
  note: '说明',
  contactMethod: '联系方式',
  handler: '经办人',
  externalId: '部门系统编号',
  occurredAt: '发生时间',
};

export const signatureInvalid = () => new AppError('AUTH_INVALID', 401, '签名校验失败：请检查单位编码、时间戳和签名');

/** A throwaway key, so an unknown unit costs the same HMAC as a known one. */
const UNKNOWN_UNIT_SECRET = 'unknown-unit-placeholder-secret';

export interface ReportingUnit {
  orgUnitId: number;
  orgUnitCode: string;
}

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
export async function authenticateUnit(db: Database, request: SignedRequest, logger: Logger): Promise<ReportingUnit> {
  const unit = request.unitCode ? await findUnitSecretByCode(db, request.unitCode) : null;
  const check = verifySignature(unit?.secret ?? UNKNOWN_UNIT_SECRET, request, request.rawBody);
  if (!unit || !check.ok) {
    const reason = !unit ? 'unknown-unit' : check.ok ? null : check.reason;
    logger.warn({ unitCode: request.unitCode ?? null, reason }, 'unit status report rejected');
    throw signatureInvalid();
  }
  return { orgUnitId: unit.orgUnitId, orgUnitCode: request.unitCode as string };
}

export interface StatusReportResult {
  caseId: number;
  eventId: number;
  /** The workflow action the report was taken as, or null for a timeline note. */
  action: string | null;
}

/**
 * Applies the report to the case. Throws NOT_FOUND when the case does not exist or was never
 * pushed to this unit, so a unit learns nothing about other units' cases. A report that is a
 * workflow action throws what the action throws (INVALID_STATE, FORBIDDEN, CONFLICT), and then
 * nothing is written.
 */
export async function applyStatusReport(context: ServerContext, unit: ReportingUnit, caseNo: string, report: StatusReport): Promise<StatusReportResult> {
  const { db } = context;
  const found = await db.models.Case.findOne({ where: { caseNo }, attributes: ['id', 'handlingUnitId'] });
  if (!found || !(await wasPushedToUnit(db, found.id, unit.orgUnitId))) throw notFound('工单');

  const action = workflowAction(report, found.handlingUnitId === unit.orgUnitId);
  if (action) {
    const user = await ensureUnitSystemAccount(db, unit);
    const applied = await performCaseAction(context, user, found.id, { action: action.name, input: action.input });
    return { caseId: found.id, eventId: applied.eventId, action: action.name };
  }

  const event = await addCaseEvent(db, {
    caseId: found.id,
    type: 'unit-system-status',
    actorUserId: null,
    note: report.note ?? UNIT_SYSTEM_STATUS_LABELS[report.status],
    data: {
      orgUnitId: unit.orgUnitId,
      status: report.status,
      handler: report.handler ?? null,
      externalId: report.externalId ?? null,
      occurredAt: report.occurredAt ?? null,
    },
  });
  return { caseId: found.id, eventId: event.id, action: null };
}

/** Maps a status to its workflow action. A co-handling unit's reply is its opinion to the lead unit (co-reply). */
function workflowAction(report: StatusReport, isLead: boolean): { name: string; input: Record<string, unknown> } | null {
  const note = report.note ?? '';
  switch (report.status) {
    case 'signed':
      return { name: 'sign', input: {} };
    case 'contacted':
      return { name: 'contact', input: { method: report.contactMethod ?? 'phone', note } };
    case 'replied':
      return isLead ? { name: 'reply', input: { reply: note } } : { name: 'co-reply', input: { reply: note } };
    case 'returned':
      return { name: 'return', input: { reason: note } };
    case 'received':
    case 'in-progress':
      return null;
  }
}
