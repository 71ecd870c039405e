/**
 * `POST /api/department/cases/:caseNo/status`: a unit's system reports on a case it received.
 * Mounted before the JSON parser of `/api`, because the signature covers the raw body.
 */
import express, { Router } from 'express';
import { z } from 'zod';
import type { ServerContext } from '../../../context';
import { validationFailed } from '../../../errors';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, UNIT_HEADER } from '../../../department-push/signature';
import { STATUS_REPORT_LABELS, applyStatusReport, authenticateUnit, statusReportSchema } from '../../../department-push/status-report';
import { parseInput } from '../../validation';

export const caseNoSchema = z.object({ caseNo: z.string().regex(/^MQ\d{12,16}$/, { error: '工单编号格式不正确' }) });

const STATUS_BODY_LIMIT = '16kb';

export function departmentStatusRouter(context: ServerContext): Router {
  const router = Router();

  router.post(
    '/api/department/cases/:caseNo/status',
    express.raw({ type: () => true, limit: STATUS_BODY_LIMIT }),
    async (request, response) => {
      const log = context.logger.child({ component: 'department-push' });
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const unit = await authenticateUnit(
        context.db,
        {
          unitCode: request.get(UNIT_HEADER),
          timestamp: request.get(TIMESTAMP_HEADER),
          signature: request.get(SIGNATURE_HEADER),
          rawBody,
        },
        log,
      );

      const { caseNo } = parseInput(caseNoSchema, request.params, { caseNo: '工单编号' });
      const report = parseInput(statusReportSchema, parseJson(rawBody), STATUS_REPORT_LABELS);
      const applied = await applyStatusReport(context, unit, caseNo, report);

      log.info({ caseId: applied.caseId, orgUnitId: unit.orgUnitId, status: report.status, action: applied.action }, 'unit status report applied');
      response.status(201).json({ caseNo, eventId: applied.eventId, action: applied.action });
    },
  );

  return router;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw validationFailed([{ field: 'body', message: '请求内容不是有效的 JSON' }]);
  }
}
