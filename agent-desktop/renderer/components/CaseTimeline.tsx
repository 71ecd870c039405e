import { CASE_STATE_LABELS, type CaseState } from '../../../server/domain/terms';
import type { CaseTimelineEntry } from '../api/case-detail';
import { formatDateTime } from '../format';

/** Chinese names of timeline actions; an unknown action is described by its state change. */
const ACTION_LABELS: Record<string, string> = {
  created: '登记工单',
  registered: '登记工单',
  dispatched: '转办',
  signed: '签收',
  returned: '退单',
  replied: '答复',
  reviewed: '审核',
  'callback-done': '回访',
  extended: '延期',
  supervised: '督办',
  merged: '并单',
  closed: '办结',
  archived: '归档',
  'identity-viewed': '查看诉求人身份',
  commented: '备注',
};

const stateLabel = (state: CaseState | null) => (state ? (CASE_STATE_LABELS[state] ?? state) : '');

function describeAction(entry: CaseTimelineEntry): string {
  const label = ACTION_LABELS[entry.action];
  if (label) return label;
  if (entry.toState) return `状态变为“${stateLabel(entry.toState)}”`;
  return '处理记录';
}

/** The case's events, oldest first: who did what, when, from which state to which. */
export function CaseTimeline({ entries }: { entries: CaseTimelineEntry[] }) {
  if (entries.length === 0) return <p class="muted">暂无处理记录</p>;

  return (
    <ol class="timeline" aria-label="处理记录">
      {entries.map((entry) => (
        <li key={entry.key} class="timeline-entry">
          <time class="timeline-time" dateTime={entry.at}>
            {formatDateTime(entry.at)}
          </time>
          <div class="timeline-body">
            <span class="timeline-action">{describeAction(entry)}</span>
            {entry.actorName && <span class="timeline-actor">{entry.actorName}</span>}
            {entry.fromState && entry.toState && (
              <span class="timeline-states">
                {stateLabel(entry.fromState)} → {stateLabel(entry.toState)}
              </span>
            )}
            {entry.note && <p class="timeline-note">{entry.note}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}
