/** Typed calls of the case-handling endpoints the portal screens use. */
import type { CaseSummary } from '../../../server/realtime/socket-events';
import { apiDownload, apiRequest, apiUpload } from './http';
import type { Attachment, CaseListPage, CaseState, CaseWorkView, InboxItem, OrgUnit } from './portal-types';

export function fetchInbox(limit: number, offset: number): Promise<CaseListPage<InboxItem>> {
  return apiRequest('GET', `/api/inbox?limit=${limit}&offset=${offset}`);
}

/** Lists the cases a platform role sees, each with its completion due date, deadline level and supervision flag. */
export function fetchPlatformCases(state: CaseState | null, limit: number, offset: number): Promise<CaseListPage<CaseSummary & Pick<InboxItem, 'dueAt' | 'deadlineLevel' | 'supervised'>>> {
  const filter = state ? `&state=${encodeURIComponent(state)}` : '';
  return apiRequest('GET', `/api/cases?limit=${limit}&offset=${offset}${filter}`);
}

export function fetchCaseView(caseId: number): Promise<CaseWorkView> {
  return apiRequest('GET', `/api/cases/${caseId}`);
}

/** Takes `action` on the case; `version` is the one the user saw, so a change by someone else meanwhile is a CONFLICT. */
export function postCaseAction(caseId: number, action: string, input: Record<string, unknown>, version?: number): Promise<CaseWorkView> {
  return apiRequest('POST', `/api/cases/${caseId}/actions`, { body: { ...input, action, ...(version === undefined ? {} : { version }) } });
}

/** Releases a protected reporter's identity to the units; platform roles only, and logged. */
export function revealIdentity(caseId: number, reason: string, version?: number): Promise<CaseWorkView> {
  return apiRequest('POST', `/api/cases/${caseId}/reveal-identity`, { body: { reason, ...(version === undefined ? {} : { version }) } });
}

export function fetchAttachments(caseId: number): Promise<Attachment[]> {
  return apiRequest('GET', `/api/cases/${caseId}/attachments`);
}

export function uploadAttachments(caseId: number, files: File[]): Promise<Attachment[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return apiUpload(`/api/cases/${caseId}/attachments`, form);
}

export function downloadAttachment(caseId: number, attachmentId: number): Promise<Blob> {
  return apiDownload(`/api/cases/${caseId}/attachments/${attachmentId}`);
}

export function fetchLeaders(): Promise<{ id: number; displayName: string }[]> {
  return apiRequest('GET', '/api/leaders');
}

export function fetchOrgUnits(): Promise<OrgUnit[]> {
  return apiRequest('GET', '/api/org-units');
}
