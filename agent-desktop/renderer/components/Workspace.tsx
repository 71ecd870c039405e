import { useEffect } from 'preact/hooks';
import type { User } from '../api/types';
import { connectAgentSocket, disconnectAgentSocket } from '../realtime/agent-socket';
import { agentStore } from '../stores/agent';
import { callStore } from '../stores/call';
import { resetCaseForm } from '../stores/case-form';
import { closeCase } from '../stores/case-detail';
import { loadCategories } from '../stores/categories';
import { loadRecentCases } from '../stores/recent-cases';
import { CallControls } from './CallControls';
import { CaseDetailDialog } from './CaseDetailDialog';
import { CaseForm } from './CaseForm';
import { RecentCases } from './RecentCases';
import { ScreenPopPanel } from './ScreenPopPanel';
import { StateBar } from './StateBar';

/** Renders the agent's working screen: state bar on top, then the call, the case form and own cases. */
export function Workspace({ user, token }: { user: User; token: string }) {
  useEffect(() => {
    void loadCategories();
    void loadRecentCases();
    if (user.agentId) connectAgentSocket(token);

    return () => {
      disconnectAgentSocket();
      agentStore.set(null);
      callStore.set(null);
      resetCaseForm();
      closeCase();
    };
  }, [token, user.agentId]);

  return (
    <div class="workspace">
      <StateBar user={user} />
      {!user.agentId && (
        <p class="notice notice-info workspace-notice" role="status">
          当前账号未绑定坐席工号，不能接听来电，但可以登记和查看工单。
        </p>
      )}
      <main class="desk">
        <section class="desk-call" aria-label="来电信息">
          <CallControls />
          <ScreenPopPanel />
        </section>
        <section class="desk-form" aria-label="工单登记">
          <CaseForm />
        </section>
        <aside class="desk-cases" aria-label="我的工单">
          <RecentCases />
        </aside>
      </main>
      <CaseDetailDialog />
    </div>
  );
}
