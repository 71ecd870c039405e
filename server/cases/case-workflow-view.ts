/**
 * The body of `GET /api/cases/:id` and of every workflow action: the case with its timeline,
 * units, due dates and the actions the reader may take, with a protected reporter's identity
 * masked for units and leaders unless the platform released it. Every showing of a full
 * protected identity is logged in identity_views.
 */
import { getCase, loadCaseWorkflow, recordIdentityView, type CaseUnitRecord, type CaseWorkflowRecord } from '../../db/repositories';
import { getCaseDueDates, type CaseDueDates } from '../../db/repositories/case-deadlines';
import type { Database } from '../../db/database';
import type { SatisfactionLevel } from '../domain/terms';
import { notFound } from '../errors';
import { availableActions, type CaseAction } from '../workflow/case-transitions';
import { caseFacts } from './case-actions';
import { membershipError, type CaseActor } from './case-membership';
import { suggestUnit, type UnitSuggestion } from './discipline-suggestion';
import { findDuplicates, type DuplicateMatch } from './duplicates';
import { isProtectedIdentity, maskEnterprise, maskName, maskPhoneNumber } from './identity-masking';
import { presentCase, type CaseView } from './present-case';

export interface CaseWorkflowView extends CaseView {
  /** Send it back with an action so a change made meanwhile by someone else is detected. */
  version: number;
  realName: boolean;
  supervised: boolean;
  extensionPending: boolean;
  extensionRequestedDays: number | null;
  extensionDays: number;
  escalationPending: boolean;
  escalationMajor: boolean;
  escalatedToUserId: number | null;
  reopenCount: number;
  mergedIntoCaseId: number | null;
  identityReleased: boolean;
  /** The reporter's name, number and enterprise are masked in this view. */
  identityMasked: boolean;
  satisfaction: SatisfactionLevel | null;
  dispatchedAt: string | null;
  dueAt: string | null;
  /** Every unit the case was dispatched to, lead first; `withdrawn` units were taken off it. */
  units: CaseUnitRecord[];
  /** Actions the reader may take now, such as `sign`; the input of each is in the API document. */
  availableActions: CaseAction[];
  dueDates: CaseDueDates['dueDates'];
  /** Worst level of the running clocks, or null when none runs. */
  deadlineLevel: CaseDueDates['deadlineLevel'];
  /** The unit the platform suggests, such as the discipline commission for conduct matters. */
  suggestedUnit: UnitSuggestion | null;
  /** Open cases this registered case may duplicate, offered for merging; empty after registration and for units. */
  possibleDuplicates?: DuplicateMatch[];
}

/** Roles that see a protected identity only after the platform released it, and no duplicates. */
const OUTSIDE_PLATFORM = new Set(['unit-handler', 'leader']);

/** Builds the view of the case for `actor`, who must be allowed to read it. Throws NOT_FOUND for an unknown case. */
export async function buildCaseView(db: Database, actor: CaseActor, caseId: number, now = new Date()): Promise<CaseWorkflowView> {
  const [detail, record] = await Promise.all([getCase(db, caseId), loadCaseWorkflow(db, caseId)]);
  if (!detail || !record) throw notFound('工单');
  const offersMerge = record.state === 'registered' && !OUTSIDE_PLATFORM.has(actor.role);
  const [deadlines, suggestedUnit, possibleDuplicates] = await Promise.all([
    getCaseDueDates(db, caseId, { now }),
    suggestUnit(db, record.categoryId),
    offersMerge ? findDuplicates(db, caseId) : [],
  ]);

  const view = presentCase(detail);
  const masked = isProtectedIdentity(record) && OUTSIDE_PLATFORM.has(actor.role) && !record.identityReleased;
  if (masked) {
    Object.assign(view, {
      callerName: maskName(view.callerName),
      callerNumber: maskPhoneNumber(view.callerNumber),
      enterprise: maskEnterprise(view.enterprise),
    });
  } else if (isProtectedIdentity(record) && (view.callerName || view.callerNumber)) {
    await recordIdentityView(db, { caseId, userId: actor.userId, kind: 'read' }, now);
  }

  return {
    ...view,
    version: record.version,
    realName: !record.anonymous,
    supervised: record.supervised,
    extensionPending: record.extensionPending,
    extensionRequestedDays: record.extensionRequestedDays,
    extensionDays: record.extensionDays,
    escalationPending: record.escalationPending,
    escalationMajor: record.escalationMajor,
    escalatedToUserId: record.escalatedToUserId,
    reopenCount: record.reopenCount,
    mergedIntoCaseId: record.mergedIntoCaseId,
    identityReleased: record.identityReleased,
    identityMasked: masked,
    satisfaction: record.satisfaction,
    dispatchedAt: record.dispatchedAt?.toISOString() ?? null,
    dueAt: record.dueAt?.toISOString() ?? null,
    units: record.units,
    availableActions: actionsFor(actor, record),
    dueDates: deadlines.dueDates,
    deadlineLevel: deadlines.deadlineLevel,
    suggestedUnit,
    possibleDuplicates,
  };
}

/** The actions the state machine allows the actor's role, less those their unit or person may not take. */
export function actionsFor(actor: CaseActor, record: CaseWorkflowRecord): CaseAction[] {
  return availableActions(caseFacts(record), actor.role).filter((action) => membershipError(actor, action, record) === null);
}
