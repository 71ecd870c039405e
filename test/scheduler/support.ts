/**
 * Dispatched cases for the time-limit tests: a case registered by agent1 and handed to the
 * market regulation unit of the demo organisation, with its clocks started at a chosen moment.
 */
import { createCase, startCaseDeadlines, type CaseDeadlineRecord, type Database } from '../../db';
import { MARKET_REGULATION_CODE } from '../../db/seed/organisation';
import type { CaseKind } from '../../server/domain/terms';

export interface DispatchedCase {
  caseId: number;
  caseNo: string;
  orgUnitId: number;
  deadlines: CaseDeadlineRecord[];
}

/** 10:00 on Wednesday 30 September 2026 in Asia/Shanghai, the day before the National Day holiday. */
export const BEFORE_NATIONAL_DAY = new Date('2026-09-30T02:00:00Z');

export async function marketRegulationUnitId(db: Database): Promise<number> {
  const unit = await db.models.OrgUnit.findOne({ where: { code: MARKET_REGULATION_CODE } });
  if (!unit) throw new Error('the demo seed has no market regulation unit');
  return unit.id;
}

/** Registers a case of `kind`, sets its lead unit and starts its clocks at `dispatchedAt`. */
export async function dispatchCase(db: Database, dispatchedAt: Date, kind: CaseKind = 'complaint', categoryId?: number): Promise<DispatchedCase> {
  const agent = await db.models.User.findOne({ where: { username: 'agent1' } });
  if (!agent) throw new Error('the demo seed has no agent1');
  const orgUnitId = await marketRegulationUnitId(db);

  const summary = await createCase(
    db,
    { channel: 'phone', kind, categoryId, title: '企业反映审批拖延', content: '营业执照变更申请提交十个工作日仍未办理。', callerName: '周建国', callerNumber: '13937000101' },
    { userId: agent.id },
  );
  await db.models.Case.update({ handlingUnitId: orgUnitId, state: 'dispatched' }, { where: { id: summary.id } });
  const deadlines = await startCaseDeadlines(db, summary.id, dispatchedAt);
  return { caseId: summary.id, caseNo: summary.caseNo, orgUnitId, deadlines };
}

/** Returns the deadline of `stage` among `deadlines`; throws when it is missing. */
export function stageOf(deadlines: readonly CaseDeadlineRecord[], stage: CaseDeadlineRecord['stage']): CaseDeadlineRecord {
  const deadline = deadlines.find((candidate) => candidate.stage === stage);
  if (!deadline) throw new Error(`no ${stage} deadline`);
  return deadline;
}
