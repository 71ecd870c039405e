import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { ROLE_LABELS } from '../../../server/domain/terms';
import type { User } from '../api/types';
import { connectCaseSocket, disconnectCaseSocket } from '../realtime/case-socket';
import { clearNotices } from '../stores/case-notices';
import { endSession } from '../stores/session';
import { CaseNoticeBanner } from './CaseNoticeBanner';

/**
 * Renders the top bar of the case-handling screens (who is logged in, log-out) and the live
 * time-limit notices above `children`, and keeps the socket that brings those notices open.
 */
export function PortalShell({ user, token, product, children }: { user: User; token: string; product: string; children: ComponentChildren }) {
  useEffect(() => {
    connectCaseSocket(token);
    return () => {
      disconnectCaseSocket();
      clearNotices();
    };
  }, [token]);

  return (
    <div class="portal-shell">
      <header class="state-bar">
        <div class="state-bar-identity">
          <span class="state-bar-product">{product}</span>
          <span class="state-bar-user">
            {user.displayName}
            <span class="state-bar-meta">{ROLE_LABELS[user.role]}</span>
          </span>
        </div>
        <div class="state-bar-end">
          <button type="button" class="button button-quiet" onClick={() => endSession()}>
            退出登录
          </button>
        </div>
      </header>
      <CaseNoticeBanner />
      {children}
    </div>
  );
}
