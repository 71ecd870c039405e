import { useState } from 'preact/hooks';
import { NOT_READY_REASONS, NOT_READY_REASON_LABELS, type NotReadyReason } from '../../../server/domain/terms';
import { setAgentState } from '../realtime/commands';
import { agentStore } from '../stores/agent';
import { useStore } from '../stores/store';

/** Reasons an agent may pick. Only the system sets `no-answer`, after a missed ring. */
const PICKABLE_REASONS = NOT_READY_REASONS.filter((reason) => reason !== 'no-answer');

/** Renders the 就绪 and 示忙 buttons with the not-ready reason picker. */
export function ReadyControls() {
  const status = useStore(agentStore);
  const [reason, setReason] = useState<NotReadyReason>('break');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const state = status?.state;
  const canChange = state === 'ready' || state === 'not-ready' || state === 'wrap-up';
  const sameNotReady = state === 'not-ready' && status?.reason === reason;

  const request = async (target: 'ready' | 'not-ready') => {
    setBusy(true);
    setError(null);
    const result = await setAgentState(target, target === 'not-ready' ? reason : undefined);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <div class="ready-controls">
      <button
        type="button"
        class="button button-ready"
        disabled={busy || !canChange || state === 'ready'}
        onClick={() => request('ready')}
      >
        就绪
      </button>
      <select
        class="input input-compact"
        aria-label="示忙原因"
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value as NotReadyReason)}
      >
        {PICKABLE_REASONS.map((value) => (
          <option key={value} value={value}>
            {NOT_READY_REASON_LABELS[value]}
          </option>
        ))}
      </select>
      <button
        type="button"
        class="button button-not-ready"
        disabled={busy || !canChange || sameNotReady}
        onClick={() => request('not-ready')}
      >
        示忙
      </button>
      {error && (
        <span class="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
