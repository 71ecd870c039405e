/**
 * Live notices about cases from the time-limit scheduler: limits that turned yellow or red and
 * supervision notices (督办单). Each arrival also bumps `revision`, so case lists reload.
 */
import type { DeadlineChangeSummary, SupervisionNoticeSummary } from '../../../server/realtime/socket-events';
import type { TimeLimitStage } from '../../../server/workflow/time-limits';
import { createStore } from './store';

export interface CaseNotice {
  id: number;
  caseId: number;
  level: 'yellow' | 'red';
  text: string;
}

export interface CaseNoticesState {
  /** Newest first, at most MAX_NOTICES. */
  notices: CaseNotice[];
  revision: number;
}

const MAX_NOTICES = 5;
const STAGE_LABELS: Record<TimeLimitStage, string> = { sign: '签收', 'first-contact': '首次联系', complete: '办结' };

export const caseNoticesStore = createStore<CaseNoticesState>({ notices: [], revision: 0 });
let nextNoticeId = 1;

function add(notices: Omit<CaseNotice, 'id'>[]): void {
  if (notices.length === 0) return;
  const numbered = notices.map((notice) => ({ ...notice, id: nextNoticeId++ })).reverse();
  caseNoticesStore.set((state) => ({ notices: [...numbered, ...state.notices].slice(0, MAX_NOTICES), revision: state.revision + 1 }));
}

export function receiveDeadlineChanges(event: { changes: DeadlineChangeSummary[] }): void {
  add(
    event.changes.map((change) => ({
      caseId: change.caseId,
      level: change.level,
      text:
        change.level === 'red'
          ? `工单 ${change.caseNo}「${change.title}」${STAGE_LABELS[change.stage] ?? ''}已超期（红牌）`
          : `工单 ${change.caseNo}「${change.title}」${STAGE_LABELS[change.stage] ?? ''}即将到期（黄牌）`,
    })),
  );
}

export function receiveSupervisionNotices(event: { notices: SupervisionNoticeSummary[] }): void {
  add(
    event.notices.map((notice) => ({
      caseId: notice.caseId,
      level: 'red' as const,
      text:
        notice.status === 'escalated'
          ? `工单 ${notice.caseNo}「${notice.title}」督办后仍未办理，已升级督办`
          : `工单 ${notice.caseNo}「${notice.title}」逾期未${STAGE_LABELS[notice.stage] ?? '办理'}，已发督办单`,
    })),
  );
}

export function dismissNotice(id: number): void {
  caseNoticesStore.set((state) => ({ ...state, notices: state.notices.filter((notice) => notice.id !== id) }));
}

export function clearNotices(): void {
  caseNoticesStore.set((state) => ({ notices: [], revision: state.revision }));
}
