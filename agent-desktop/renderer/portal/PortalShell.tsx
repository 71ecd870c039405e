import type { ComponentChildren } from 'preact';
import { ROLE_LABELS } from '../../../server/domain/terms';
import type { User } from '../api/types';
import { endSession } from '../stores/session';

/** Renders the top bar of the case-handling screens (who is logged in, log-out) above `children`. */
export function PortalShell({ user, product, children }: { user: User; product: string; children: ComponentChildren }) {
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
      {children}
    </div>
  );
}
