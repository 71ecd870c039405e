import { useEffect, useState } from 'preact/hooks';
import { fetchCurrentUser } from '../api/endpoints';
import { ApiError } from '../api/http';
import { sessionStore, setSessionUser } from '../stores/session';
import { useStore } from '../stores/store';
import { AgentDesk } from '../portal/AgentDesk';
import { CasePortal } from '../portal/CasePortal';
import { PortalShell } from '../portal/PortalShell';
import { LoginScreen } from './LoginScreen';

/**
 * Shows the login screen until there is a session, then the screen of the user's role: the
 * agent desk, a unit's inbox, a leader's escalated cases, or the platform's case handling.
 */
export function App() {
  const session = useStore(sessionStore);
  const [restoreError, setRestoreError] = useState<string | null>(null);

  // A token kept from before a reload still needs its user.
  useEffect(() => {
    if (!session.token || session.user) return;
    setRestoreError(null);
    fetchCurrentUser()
      .then(setSessionUser)
      .catch((error: unknown) => {
        // A 401 already ended the session inside apiRequest.
        if (!(error instanceof ApiError && error.status === 401)) setRestoreError(describe(error));
      });
  }, [session.token, session.user]);

  if (!session.token) return <LoginScreen notice={session.notice} />;
  if (!session.user) {
    return (
      <div class="loading-screen" role="status">
        {restoreError ?? '正在加载…'}
      </div>
    );
  }
  const user = session.user;
  switch (user.role) {
    case 'unit-handler':
      return (
        <PortalShell user={user} token={session.token} product="12345 承办单位">
          <CasePortal source="unit" />
        </PortalShell>
      );
    case 'leader':
      return (
        <PortalShell user={user} token={session.token} product="12345 领导批办">
          <CasePortal source="leader" />
        </PortalShell>
      );
    case 'supervisor':
    case 'admin':
      return <AgentDesk user={user} token={session.token} initialTab="cases" />;
    default:
      return <AgentDesk user={user} token={session.token} />;
  }
}

function describe(error: unknown): string {
  return error instanceof ApiError ? error.userMessage : '加载用户信息失败，请刷新页面';
}
