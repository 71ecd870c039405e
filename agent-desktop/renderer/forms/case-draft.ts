/**
 * The case form's data: an empty draft, a draft filled from a screen pop, and the request the
 * draft becomes on save.
 */
import type { CaseChannel, CaseKind } from '../../../server/domain/terms';
import type { ScreenPop } from '../../../server/realtime/socket-events';
import type { CreateCaseRequest } from '../api/types';

export interface CaseDraft {
  channel: CaseChannel;
  kind: CaseKind | '';
  categoryId: number | null;
  /** Id of the stored enterprise the case is about, or null for none or a new one. */
  enterpriseId: number | null;
  enterpriseName: string;
  creditCode: string;
  enterpriseAddress: string;
  /** Township of a stored enterprise, shown only. */
  enterpriseTownship: string;
  callerName: string;
  callerNumber: string;
  anonymous: boolean;
  confidential: boolean;
  title: string;
  content: string;
  /** Call the case was registered on. */
  callId: string | null;
}

/** Fields that can carry a message, from the browser's checks or from the server. */
export type DraftField =
  | 'channel'
  | 'kind'
  | 'categoryId'
  | 'enterpriseName'
  | 'creditCode'
  | 'enterpriseAddress'
  | 'callerName'
  | 'callerNumber'
  | 'title'
  | 'content';

export type FieldErrors = Partial<Record<DraftField, string>>;

export function emptyDraft(): CaseDraft {
  return {
    channel: 'phone',
    kind: '',
    categoryId: null,
    enterpriseId: null,
    enterpriseName: '',
    creditCode: '',
    enterpriseAddress: '',
    enterpriseTownship: '',
    callerName: '',
    callerNumber: '',
    anonymous: false,
    confidential: false,
    title: '',
    content: '',
    callId: null,
  };
}

export function draftFromPop(pop: ScreenPop): CaseDraft {
  const enterprise = pop.enterprise;
  return {
    ...emptyDraft(),
    channel: 'phone',
    callId: pop.callId,
    callerNumber: pop.callerNumber,
    callerName: pop.callerName,
    enterpriseId: enterprise?.id ?? null,
    enterpriseName: enterprise?.name ?? '',
    creditCode: enterprise?.creditCode ?? '',
    enterpriseAddress: enterprise?.address ?? '',
    enterpriseTownship: enterprise?.township ?? '',
  };
}

/** Builds the `POST /api/cases` body from a draft that passed `validateDraft`, and throws otherwise. */
export function draftToRequest(draft: CaseDraft): CreateCaseRequest {
  if (draft.kind === '' || draft.categoryId === null) throw new Error('draftToRequest needs a validated draft');

  const request: CreateCaseRequest = {
    channel: draft.channel,
    kind: draft.kind,
    categoryId: draft.categoryId,
    callerName: draft.anonymous ? '' : draft.callerName.trim(),
    callerNumber: draft.callerNumber.trim(),
    anonymous: draft.anonymous,
    confidential: draft.confidential,
    title: draft.title.trim(),
    content: draft.content.trim(),
  };
  if (draft.callId) request.callId = draft.callId;

  if (draft.enterpriseId !== null) {
    request.enterpriseId = draft.enterpriseId;
  } else if (hasEnterprise(draft)) {
    const address = draft.enterpriseAddress.trim();
    request.enterprise = {
      name: draft.enterpriseName.trim(),
      creditCode: draft.creditCode.trim(),
      ...(address ? { address } : {}),
    };
  }
  return request;
}

/** True when the agent entered any enterprise detail, so the case is about an enterprise. */
export function hasEnterprise(draft: CaseDraft): boolean {
  return draft.enterpriseId !== null || draft.enterpriseName.trim() !== '' || draft.creditCode.trim() !== '';
}
