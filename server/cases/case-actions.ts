/**
 * Taking a workflow action on a case (`POST /api/cases/:id/actions`): the state machine plans
 * the transition, the unit and leader checks run, and the new state, the timeline entry, the
 * units and the clocks are written in one transaction, all or nothing.
 */
import { loadCaseWorkflow } from '../../db/repositories';
import type { AuthUser } from '../auth/tokens';
import type { ServerContext } from '../context';
import { forbidden, notFound } from '../errors';
import { CASE_ACTIONS, planTransition, type CaseAction, type CaseFacts } from '../workflow/case-transitions';
import { applyTransition, staleVersion, type AppliedTransition } from './apply-transition';
import { loadCaseActor, requireCaseAccess } from './case-access';
import { membershipError, type CaseActor } from './case-membership';
import type { CaseWorkflowRecord } from '../../db/repositories';

export interface CaseActionRequest {
  action: string;
  /**
   * Version of the case the user saw. When given, the action is refused with CONFLICT if the
   * case changed since, so two people acting on the same screen never both succeed.
   */
  version?: number;
  /** The action's own fields, validated by the state machine. */
  input: Record<string, unknown>;
}

export function caseFacts(record: CaseWorkflowRecord): CaseFacts {
  return { state: record.state, extensionPending: record.extensionPending, escalationPending: record.escalationPending };
}

function isCaseAction(action: string): action is CaseAction {
  return (CASE_ACTIONS as string[]).includes(action);
}

/**
 * Takes `request.action` on the case as `user`. Throws NOT_FOUND, FORBIDDEN (role, unit,
 * leader), INVALID_STATE, VALIDATION_FAILED or CONFLICT (stale version, or another action won
 * the race) with a Chinese message; nothing is written then.
 */
export async function performCaseAction(context: ServerContext, user: AuthUser, caseId: number, request: CaseActionRequest): Promise<AppliedTransition> {
  const { db } = context;
  const log = context.logger.child({ component: 'case-workflow', caseId, userId: user.userId, action: request.action });
  const actor = await loadCaseActor(db, user);
  if (!actor) throw forbidden('办理工单（账号已停用）');
  const now = new Date();

  try {
    const applied = await db.transaction(async (transaction) => {
      const record = await loadCaseWorkflow(db, caseId, transaction);
      if (!record) throw notFound('工单');
      await requireCaseAccess(db, actor, record, transaction);
      if (request.version !== undefined && request.version !== record.version) throw staleVersion();

      const event = plan(actor, record, request);
      return applyTransition(db, actor, record, event, now, transaction);
    });
    log.info({ fromState: applied.fromState, toState: applied.toState, eventId: applied.eventId }, 'case action taken');
    return applied;
  } catch (error) {
    log.info({ code: (error as { code?: string }).code ?? 'INTERNAL' }, 'case action refused');
    throw error;
  }
}

/**
 * Plans the transition. A role that may never take the action learns only that; a unit or
 * leader that does not fit is refused before the state is checked.
 */
function plan(actor: CaseActor, record: CaseWorkflowRecord, request: CaseActionRequest) {
  const planned = planTransition(caseFacts(record), request.action as CaseAction, actor.role, request.input);
  if (!planned.ok && planned.error.code === 'FORBIDDEN') throw planned.error;

  const refusal = isCaseAction(request.action) ? membershipError(actor, request.action, record) : null;
  if (refusal) throw refusal;
  if (!planned.ok) throw planned.error;
  return planned.event;
}
