import { ROLE_LABELS } from '../../../server/domain/terms';
import type { User } from '../api/types';
import { endSession } from '../stores/session';
import { AgentStateBadge } from './AgentStateBadge';
import { ConnectionStatus } from './ConnectionStatus';
import { ReadyControls } from './ReadyControls';
import { WrapUpCountdown } from './WrapUpCountdown';

/** Renders the bar across the top: who is logged in, the agent state and its controls, the link state. */
export function StateBar({ user }: { user: User }) {
  return (
    <header class="state-bar">
      <div class="state-bar-identity">
        <span class="state-bar-product">12345 坐席</span>
        <span class="state-bar-user">
          {user.displayName}
          <span class="state-bar-meta">
            {ROLE_LABELS[user.role]}
            {user.agentId && ` · 工号 ${user.agentId}`}
            {user.extension && ` · 分机 ${user.extension}`}
          </span>
        </span>
      </div>
      {user.agentId && (
        <div class="state-bar-agent">
          <AgentStateBadge />
          <WrapUpCountdown />
          <ReadyControls />
        </div>
      )}
      <div class="state-bar-end">
        {user.agentId && <ConnectionStatus />}
        <button type="button" class="button button-quiet" onClick={() => endSession()}>
          退出登录
        </button>
      </div>
    </header>
  );
}
