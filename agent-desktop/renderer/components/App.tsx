import { useEffect, useState } from 'preact/hooks';
import { fetchCurrentUser } from '../api/endpoints';
import { ApiError } from '../api/http';
import { sessionStore, setSessionUser } from '../stores/session';
import { useStore } from '../stores/store';
import { LoginScreen } from './LoginScreen';
import { Workspace } from './Workspace';

/** Shows the login screen until there is a session, then the agent workspace. */
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
  return <Workspace user={session.user} token={session.token} />;
}

function describe(error: unknown): string {
  return error instanceof ApiError ? error.userMessage : '加载用户信息失败，请刷新页面';
}
