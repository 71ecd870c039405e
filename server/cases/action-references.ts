/**
 * Checks of what an action's input refers to (units, a leader, the case to merge into), inside
 * the action's transaction, with a Chinese message on the field.
 */
import { Op, type Transaction } from 'sequelize';
import type { Database } from '../../db/database';
import type { CaseWorkflowRecord } from '../../db/repositories';
import { CASE_STATE_LABELS, OPEN_CASE_STATES, type CaseState } from '../domain/terms';
import { validationFailed, type FieldProblem } from '../errors';

/** Returns the names of the units by id; throws VALIDATION_FAILED for a unit that cannot take a case. */
export async function checkDispatchUnits(
  db: Database,
  units: { leadUnitId: number; coUnitIds: readonly number[] },
  transaction: Transaction,
): Promise<Map<number, string>> {
  const ids = [units.leadUnitId, ...units.coUnitIds];
  const rows = await db.models.OrgUnit.findAll({ where: { id: { [Op.in]: ids } }, transaction });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const problems: FieldProblem[] = [];

  ids.forEach((id, index) => {
    const field = index === 0 ? 'leadUnitId' : `coUnitIds.${index - 1}`;
    const unitLabel = index === 0 ? '主办单位' : '协办单位';
    const unit = byId.get(id);
    if (!unit) problems.push({ field, message: `所选${unitLabel}不存在` });
    else if (!unit.active) problems.push({ field, message: `所选${unitLabel}“${unit.name}”已停用` });
    else if (unit.type === 'platform') problems.push({ field, message: `${unit.name}是受理平台，不能作为${unitLabel}` });
  });
  if (problems.length > 0) throw validationFailed(problems);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * Checks the escalation target: one active leader, or none for a major case, which goes to
 * every principal leader. Returns the leader's name, or null for a major case.
 */
export async function checkEscalationLeader(
  db: Database,
  input: { major: boolean; leaderUserId?: number },
  transaction: Transaction,
): Promise<string | null> {
  if (input.leaderUserId === undefined) {
    if (input.major) return null;
    throw validationFailed([{ field: 'leaderUserId', message: '请选择批示领导，或勾选“重大事项”报县主要领导' }]);
  }
  const leader = await db.models.User.findByPk(input.leaderUserId, { transaction });
  if (!leader || leader.role !== 'leader' || !leader.active) {
    throw validationFailed([{ field: 'leaderUserId', message: '所选批示领导不存在或不是领导账号' }]);
  }
  return leader.displayName;
}

/** Checks the case a duplicate is merged into and returns its case number. */
export async function checkMergeTarget(db: Database, record: CaseWorkflowRecord, intoCaseId: number, transaction: Transaction): Promise<string> {
  const fail = (message: string) => validationFailed([{ field: 'intoCaseId', message }]);
  if (intoCaseId === record.id) throw fail('不能将工单并入其自身');

  const target = await db.models.Case.findByPk(intoCaseId, { attributes: ['id', 'caseNo', 'state'], transaction });
  if (!target) throw fail('要并入的主工单不存在');
  if (!OPEN_CASE_STATES.includes(target.state)) {
    throw fail(`主工单${target.caseNo}当前状态为${CASE_STATE_LABELS[target.state as CaseState]}，只能并入未办结的工单`);
  }
  return target.caseNo;
}
