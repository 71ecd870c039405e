import { CASE_STATE_LABELS, type CaseState } from '../../../server/domain/terms';
import type { CaseTimelineEntry } from '../api/case-detail';
import { formatDateTime } from '../format';

/**
 * Chinese names of the timeline entry types written by case registration and the case workflow.
 * An unknown type is described by its state change.
 */
const EVENT_TYPE_LABELS: Record<string, string> = {
  registered: '登记工单',
  'answered-on-spot': '直接办理',
  'not-accepted': '不予受理',
  dispatched: '转办',
  redispatched: '改派',
  signed: '签收',
  returned: '退单',
  'return-accepted': '同意退单',
  'return-rejected': '驳回退单',
  contacted: '联系诉求人',
  'extension-requested': '申请延期',
  'extension-approved': '批准延期',
  'extension-refused': '不批准延期',
  'co-replied': '协办答复',
  replied: '答复',
  'review-started': '审核',
  'review-accepted': '审核通过',
  'rework-requested': '退回重办',
  'called-back': '回访',
  reopened: '重新办理',
  closed: '办结',
  archived: '归档',
  escalated: '专报批办',
  instructed: '批示',
  supervised: '督办',
  merged: '并单',
  note: '备注',
  'identity-viewed': '查看诉求人身份',
  'identity-released': '公开诉求人身份',
  'duplicate-merged': '并入重复工单',
  'attachment-added': '上传附件',
  'pushed-to-unit-system': '推送至部门系统',
  'push-to-unit-system-failed': '推送部门系统失败',
  'unit-system-status': '部门系统回报',
};

const stateLabel = (state: CaseState | null) => (state ? (CASE_STATE_LABELS[state] ?? state) : '');

function describeAction(entry: CaseTimelineEntry): string {
  const label = EVENT_TYPE_LABELS[entry.type];
  if (label) return label;
  if (entry.toState) return `状态变为“${stateLabel(entry.toState)}”`;
  return '处理记录';
}

/** Renders the case's timeline, oldest first: who did what, when, from which state to which. */
export function CaseTimeline({ entries }: { entries: CaseTimelineEntry[] }) {
  if (entries.length === 0) return <p class="muted">暂无处理记录</p>;

  return (
    <ol class="timeline" aria-label="处理记录">
      {entries.map((entry) => (
        <li key={entry.id} class="timeline-entry">
          <time class="timeline-time" dateTime={entry.createdAt}>
            {formatDateTime(entry.createdAt)}
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
