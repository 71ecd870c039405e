import { useEffect, useState } from 'preact/hooks';
import type { CallParty } from '../../../server/domain/terms';
import { sendCallCommand, type CallCommand } from '../realtime/commands';
import { callStore, type DeskCall, type OfferOutcome } from '../stores/call';
import { useStore } from '../stores/store';

const PARTY_LABELS: Record<CallParty, string> = { caller: '来电人', agent: '受理员', system: '系统' };

const OFFER_OUTCOME_LABELS: Record<OfferOutcome, string> = {
  'no-answer': '振铃超时未接听',
  unreachable: '话机无法接通',
  'caller-gone': '来电人已挂机',
};

function describePhase(call: DeskCall): string {
  switch (call.phase) {
    case 'ringing':
      return '振铃中，请摘机接听';
    case 'talking':
      return '通话中';
    case 'held':
      return '保持中，来电人正在听等待音乐';
    case 'ended':
      return call.endedBy ? `通话已结束（${PARTY_LABELS[call.endedBy]}挂断）` : '通话已结束';
    case 'missed':
      return `来电未接通（${call.offerOutcome ? OFFER_OUTCOME_LABELS[call.offerOutcome] : '已转其他坐席'}）`;
  }
}

/** Renders 挂断 and 保持/恢复 for the current call. Each button waits for the server's ack. */
export function CallControls() {
  const call = useStore(callStore);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const callId = call?.pop.callId;

  // A message about the previous call must not stay on the next one.
  useEffect(() => {
    setError(null);
    setBusy(false);
  }, [callId]);

  if (!call) return null;

  // A ringing call is declined on the phone, so that it goes on to the next agent.
  const connected = call.phase === 'talking' || call.phase === 'held';
  const run = async (command: CallCommand) => {
    setBusy(true);
    setError(null);
    const result = await sendCallCommand(command, call.pop.callId);
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <div class="panel call-controls" role="group" aria-label="通话控制">
      <p class={`call-phase call-phase-${call.phase}`} role="status" aria-label="通话状态">
        {describePhase(call)}
      </p>
      <div class="button-row">
        {call.phase === 'held' ? (
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => run('call:resume')}>
            恢复
          </button>
        ) : (
          <button
            type="button"
            class="button button-secondary"
            disabled={busy || call.phase !== 'talking'}
            onClick={() => run('call:hold')}
          >
            保持
          </button>
        )}
        <button type="button" class="button button-danger" disabled={busy || !connected} onClick={() => run('call:hangup')}>
          挂断
        </button>
      </div>
      {error && (
        <p class="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
