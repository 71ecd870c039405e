/** Lists of supervision notices (督办单), for the supervisors' overview and a unit's own notices. */
import { Op, type WhereOptions } from 'sequelize';
import type { TimeLimitStage } from '../../server/workflow/time-limits';
import type { Database } from '../database';
import type { SupervisionNoticeRow, SupervisionResolution } from '../models';

export const MAX_NOTICE_LIST_LIMIT = 100;

export interface SupervisionNoticeRecord {
  id: number;
  caseId: number;
  caseNo: string;
  title: string;
  orgUnitId: number | null;
  orgUnitName: string | null;
  stage: TimeLimitStage;
  /** The missed due date. */
  dueAt: string;
  createdAt: string;
  escalatedAt: string | null;
  resolvedAt: string | null;
  resolution: SupervisionResolution | null;
}

export interface SupervisionNoticeFilter {
  /** Only the notices of this unit. */
  orgUnitId?: number;
  /** True: only unresolved notices; false: only resolved ones; absent: all. */
  open?: boolean;
  limit: number;
  offset: number;
}

/** Returns one page of notices, newest first, with the total that match. */
export async function listSupervisionNotices(db: Database, filter: SupervisionNoticeFilter): Promise<{ items: SupervisionNoticeRecord[]; total: number }> {
  const conditions: WhereOptions<SupervisionNoticeRow>[] = [];
  if (filter.orgUnitId !== undefined) conditions.push({ orgUnitId: filter.orgUnitId });
  if (filter.open === true) conditions.push({ resolvedAt: null });
  if (filter.open === false) conditions.push({ resolvedAt: { [Op.ne]: null } });
  const where = { [Op.and]: conditions };

  const { SupervisionNotice, Case, OrgUnit } = db.models;
  const [rows, total] = await Promise.all([
    SupervisionNotice.findAll({ where, order: [['id', 'DESC']], limit: Math.min(filter.limit, MAX_NOTICE_LIST_LIMIT), offset: filter.offset }),
    SupervisionNotice.count({ where }),
  ]);
  const caseIds = [...new Set(rows.map((row) => row.caseId))];
  const unitIds = [...new Set(rows.flatMap((row) => (row.orgUnitId === null ? [] : [row.orgUnitId])))];
  const [cases, units] = await Promise.all([
    Case.findAll({ where: { id: { [Op.in]: caseIds } }, attributes: ['id', 'caseNo', 'title'] }),
    OrgUnit.findAll({ where: { id: { [Op.in]: unitIds } }, attributes: ['id', 'name'] }),
  ]);
  const caseById = new Map(cases.map((row) => [row.id, row]));
  const unitName = new Map(units.map((row) => [row.id, row.name]));

  const items = rows.map((row) => ({
    id: row.id,
    caseId: row.caseId,
    caseNo: caseById.get(row.caseId)?.caseNo ?? '',
    title: caseById.get(row.caseId)?.title ?? '',
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitId === null ? null : (unitName.get(row.orgUnitId) ?? null),
    stage: row.stage,
    dueAt: row.dueAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    escalatedAt: row.escalatedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolution: row.resolution ?? null,
  }));
  return { items, total };
}
