/**
 * The database access the server uses. Every function takes the `Database` first and returns
 * plain objects, never model instances.
 */
export { addCaseEvent, createCase, transitionCase } from './cases';
export type { CaseActor, CaseNote, CaseTransition, CreateCaseInput, NewEnterpriseInput, WriteOptions } from './cases';
export { caseNumberDay, formatCaseNumber, CASE_NUMBER_PREFIX } from './case-number';
export { getCase, listCases, MAX_LIST_LIMIT } from './case-queries';
export type { CaseList, CaseListFilter } from './case-queries';
export { casesForScreenPop } from './screen-pop';
export type { ScreenPopCases, ScreenPopQuery } from './screen-pop';
export { findEnterpriseByCreditCode, findEnterpriseByPhone, searchEnterprises } from './enterprises';
export { countRecentCalls, endCall, endOffer, getCall, markAnswered, markMenuChoice, markOffered, markQueued, startCall } from './calls';
export type { CallRecord, StartCallEvent } from './calls';
export { agentProfiles, findUserById, findUserByUsername } from './users';
export { listCategories, listOrgUnits } from './reference-data';
export { normalizePhoneNumber } from './phone-number';
export type {
  AgentProfileRecord,
  CaseDetail,
  CaseEventRecord,
  CaseSummary,
  CategoryRecord,
  EnterpriseSummary,
  OrgUnitRecord,
  UserCredentials,
  UserRecord,
} from './presenters';
export { addAttachments, findAttachment, listAttachments } from './attachments';
export type { AttachmentRecord, NewAttachment, StoredAttachment } from './attachments';
export { assignCaseUnits, insertCaseEvent, loadCaseWorkflow, setCaseUnitState, updateCaseWorkflow } from './case-workflow';
export type { CaseUnitRecord, CaseWorkflowChanges, CaseWorkflowRecord, WorkflowEventInput } from './case-workflow';
export { listIdentityViews, recordIdentityView } from './identity-views';
export type { IdentityViewInput, IdentityViewRecord } from './identity-views';
export { listInbox, MAX_INBOX_LIMIT, UNIT_INBOX_STATES } from './inbox';
export type { InboxItem, InboxOwner, InboxPage } from './inbox';
export { findOpenCasesOfSameOrigin } from './duplicates';
export type { DuplicateCandidate } from './duplicates';
export { cancelCaseDeadlines, deadlineLevelAt, extendCaseDeadlines, getCaseDueDates, markStageMet, restartCaseStage, startCaseDeadlines } from './case-deadlines';
export type { CaseDeadlineRecord, CaseDueDates } from './case-deadlines';
export { calendarYears, deleteCalendarDay, listCalendarDays, loadWorkingCalendar, replaceCalendarYear, saveCalendarDay } from './working-calendar';
export type { CalendarDayRecord } from './working-calendar';
export { loadTimeLimitSettings, saveTimeLimitSettings } from './time-limit-settings';
export type { StoredTimeLimitSettings } from './time-limit-settings';
export { listSupervisionNotices, MAX_NOTICE_LIST_LIMIT } from './supervision-notices';
export type { SupervisionNoticeFilter, SupervisionNoticeRecord } from './supervision-notices';
