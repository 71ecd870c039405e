import { IVR_CHOICE_LABELS } from '../../../server/domain/terms';
import { formatDateTime, formatDuration } from '../format';
import { callStore } from '../stores/call';
import { useStore } from '../stores/store';
import { CaseSummaryList } from './CaseSummaryList';
import { EnterpriseCard } from './EnterpriseCard';

/** Shows the screen pop: who is calling, what they chose, how long they waited and their history. */
export function ScreenPopPanel() {
  const call = useStore(callStore);

  if (!call) {
    return (
      <div class="panel pop pop-idle">
        <h2 class="panel-title">来电信息</h2>
        <p class="muted">暂无来电。就绪后，来电振铃时这里会显示来电人和企业信息。</p>
      </div>
    );
  }

  const { pop } = call;
  // The server's earlier cases include the open ones, which are already listed above them.
  const openIds = new Set(pop.openCases.map((item) => item.id));
  const otherEarlierCases = pop.earlierCases.filter((item) => !openIds.has(item.id));
  return (
    <div class={`panel pop pop-${call.phase}`} aria-label="来电弹屏" role="region">
      <h2 class="panel-title">来电信息</h2>
      <div class="pop-number" aria-label="来电号码">
        {pop.callerNumber || '未知号码'}
      </div>
      {pop.repeatCaller && (
        <span class="flag flag-repeat" aria-label="重复来电">
          重复来电
        </span>
      )}
      <dl class="facts">
        <dt>来电人</dt>
        <dd aria-label="来电人">{pop.callerName || '未提供'}</dd>
        <dt>语音导航</dt>
        <dd aria-label="语音导航选择">{IVR_CHOICE_LABELS[pop.ivrChoice] ?? pop.ivrChoice}</dd>
        <dt>排队等待</dt>
        <dd aria-label="等待时长">{formatDuration(pop.waitSeconds)}</dd>
        <dt>振铃时间</dt>
        <dd>{formatDateTime(pop.offeredAt)}</dd>
      </dl>
      <EnterpriseCard enterprise={pop.enterprise} />
      <CaseSummaryList title="未办结工单" cases={pop.openCases} emptyText="无未办结工单" highlight />
      <CaseSummaryList title="历史工单" cases={otherEarlierCases} emptyText="无其他历史工单" />
    </div>
  );
}
