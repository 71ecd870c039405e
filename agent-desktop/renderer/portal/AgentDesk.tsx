import { useEffect, useState } from 'preact/hooks';
import { ROLE_LABELS } from '../../../server/domain/terms';
import type { User } from '../api/types';
import { Workspace } from '../components/Workspace';
import { connectCaseSocket, disconnectCaseSocket } from '../realtime/case-socket';
import { clearNotices } from '../stores/case-notices';
import { endSession } from '../stores/session';
import { CaseNoticeBanner } from './CaseNoticeBanner';
import { CasePortal } from './CasePortal';

type Tab = 'calls' | 'cases';

/**
 * The screen of the platform's staff: the call workspace and the case handling (dispatch, review,
 * callback, archive) as two tabs. The workspace stays mounted while hidden, so calls and the
 * socket go on.
 */
export function AgentDesk({ user, token, initialTab = 'calls' }: { user: User; token: string; initialTab?: Tab }) {
  const [tab, setTab] = useState<Tab>(initialTab);
  const [casesOpened, setCasesOpened] = useState(initialTab === 'cases');

  // The workspace's agent socket brings the case notices; users without an agent id need their own.
  useEffect(() => {
    if (!user.agentId) connectCaseSocket(token);
    return () => {
      disconnectCaseSocket();
      clearNotices();
    };
  }, [token, user.agentId]);

  const show = (next: Tab) => {
    setTab(next);
    if (next === 'cases') setCasesOpened(true);
  };

  return (
    <div class="agent-desk">
      <nav class="desk-tabs" aria-label="功能切换">
        <button type="button" class={`desk-tab${tab === 'calls' ? ' desk-tab-active' : ''}`} aria-pressed={tab === 'calls'} onClick={() => show('calls')}>
          坐席工作台
        </button>
        <button type="button" class={`desk-tab${tab === 'cases' ? ' desk-tab-active' : ''}`} aria-pressed={tab === 'cases'} onClick={() => show('cases')}>
          工单办理
        </button>
        {/* The workspace's own bar, with the log-out button, is hidden on this tab. */}
        {tab === 'cases' && (
          <span class="desk-tabs-end">
            <span class="desk-tabs-user">
              {user.displayName} · {ROLE_LABELS[user.role]}
            </span>
            <button type="button" class="button button-quiet" onClick={() => endSession()}>
              退出登录
            </button>
          </span>
        )}
      </nav>
      <div hidden={tab !== 'calls'}>
        <Workspace user={user} token={token} />
      </div>
      {casesOpened && (
        <div hidden={tab !== 'cases'} class="agent-desk-cases">
          <CaseNoticeBanner />
          <CasePortal source="platform" />
        </div>
      )}
    </div>
  );
}
