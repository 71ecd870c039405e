import { useEffect, useState } from 'preact/hooks';
import { endWrapUp } from '../realtime/commands';
import { agentStore } from '../stores/agent';
import { useStore } from '../stores/store';

/** Counts down the seconds of wrap-up left, once a second, next to the 结束整理 button. */
export function WrapUpCountdown() {
  const status = useStore(agentStore);
  const endsAt = status?.state === 'wrap-up' && status.wrapUpEndsAt ? Date.parse(status.wrapUpEndsAt) : null;
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (endsAt === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);

  if (endsAt === null) return null;

  // NOTE: the countdown uses this PC's clock against the server's end time, so clock skew shifts it.
  const secondsLeft = Math.max(0, Math.ceil((endsAt - now) / 1000));

  const finish = async () => {
    setBusy(true);
    setError(null);
    const result = await endWrapUp();
    setBusy(false);
    if (!result.ok) setError(result.message);
  };

  return (
    <div class="wrap-up">
      <span class="wrap-up-time" role="timer" aria-label="整理剩余时间">
        整理剩余 {secondsLeft} 秒
      </span>
      <button type="button" class="button button-ready" disabled={busy} onClick={finish}>
        结束整理
      </button>
      {error && (
        <span class="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
