import { AGENT_STATE_LABELS, NOT_READY_REASON_LABELS } from '../../../server/domain/terms';
import { agentStore } from '../stores/agent';
import { useStore } from '../stores/store';

/** Shows the agent's current state in its colour, with the not-ready reason. */
export function AgentStateBadge() {
  const status = useStore(agentStore);
  const state = status?.state ?? 'offline';
  const reason = state === 'not-ready' && status?.reason ? NOT_READY_REASON_LABELS[status.reason] : null;

  return (
    <div class={`agent-state agent-state-${state}`} role="status" aria-label="坐席状态">
      <span class="agent-state-dot" aria-hidden="true" />
      <span class="agent-state-label">{status ? AGENT_STATE_LABELS[state] : '未连接'}</span>
      {reason && <span class="agent-state-reason">（{reason}）</span>}
    </div>
  );
}
