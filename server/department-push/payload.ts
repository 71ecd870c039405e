/**
 * The body of a `case.dispatched` webhook: what a unit's system needs to handle the case. The
 * reporter's name, number and enterprise are masked when the report is anonymous or
 * confidential. Unlike the portal, a push stays masked after the platform releases the
 * identity, because a sent webhook cannot be recalled.
 */
import type { Database } from '../../db/database';
import { getCase } from '../../db/repositories';
import { CASE_KIND_LABELS } from '../domain/terms';
import { isProtectedIdentity, maskEnterprise, maskName, maskPhoneNumber } from '../cases/identity-masking';

export interface CaseDispatchedPayload {
  event: string;
  deliveryId: number;
  case: {
    caseNo: string;
    kind: string;
    kindLabel: string;
    channel: string;
    category: string | null;
    title: string;
    content: string;
    registeredAt: string;
    /** `lead` for the lead unit, `co` for a co-handling unit. */
    role: 'lead' | 'co';
    reporter: { name: string | null; phone: string | null; masked: boolean };
    enterprise: { name: string; creditCode: string; address: string | null } | null;
  };
  /** Path of the status report API on the platform, relative to its base URL. */
  statusPath: string;
}

/** Builds the webhook body from the case as it is now; throws when the case no longer exists. */
export async function buildCaseDispatchedPayload(
  db: Database,
  delivery: { id: number; caseId: number; orgUnitId: number; event: string },
): Promise<CaseDispatchedPayload> {
  const detail = await getCase(db, delivery.caseId);
  if (!detail) throw new Error(`case ${delivery.caseId} of delivery ${delivery.id} not found`);

  const masked = isProtectedIdentity(detail);
  const enterprise = masked ? maskEnterprise(detail.enterprise) : detail.enterprise;
  let reporter: CaseDispatchedPayload['case']['reporter'] = { name: detail.callerName, phone: detail.callerNumber, masked };
  if (detail.anonymous) reporter = { name: null, phone: null, masked };
  else if (masked) reporter = { name: maskName(detail.callerName), phone: maskPhoneNumber(detail.callerNumber), masked };

  return {
    event: delivery.event,
    deliveryId: delivery.id,
    case: {
      caseNo: detail.caseNo,
      kind: detail.kind,
      kindLabel: CASE_KIND_LABELS[detail.kind],
      channel: detail.channel,
      category: detail.categoryName,
      title: detail.title,
      content: detail.content,
      registeredAt: detail.createdAt,
      role: detail.handlingUnitId === delivery.orgUnitId ? 'lead' : 'co',
      reporter,
      enterprise: enterprise ? { name: enterprise.name, creditCode: enterprise.creditCode, address: enterprise.address } : null,
    },
    statusPath: `/api/department/cases/${detail.caseNo}/status`,
  };
}
