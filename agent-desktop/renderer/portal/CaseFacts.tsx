import { CASE_CHANNEL_LABELS, CASE_KIND_LABELS, CASE_STATE_LABELS, SATISFACTION_LEVEL_LABELS } from '../../../server/domain/terms';
import type { CaseWorkView, TimeLimitStage } from '../api/portal-types';
import { formatDateTime } from '../format';
import { DeadlineBadge } from './DeadlineBadge';

const STAGE_LABELS: Record<TimeLimitStage, string> = { sign: '签收时限', 'first-contact': '首次联系时限', complete: '办结时限' };

/** Renders the facts of a case for handling: who asked what, the units, the time limits and the flags. */
export function CaseFacts({ view }: { view: CaseWorkView }) {
  const units = view.units?.filter((unit) => unit.state !== 'withdrawn') ?? [];
  const deadlines = Object.values(view.dueDates ?? {}).filter((deadline) => deadline !== undefined);

  return (
    <dl class="facts facts-wide">
      <dt>工单编号</dt>
      <dd class="mono">{view.caseNo}</dd>
      <dt>状态</dt>
      <dd>
        <span aria-label="工单状态">{CASE_STATE_LABELS[view.state] ?? view.state}</span>
        {view.realName && <span class="tag tag-real-name">实名</span>}
        {view.supervised && <span class="tag tag-supervised">督办</span>}
        {view.extensionPending && <span class="tag">延期待审批</span>}
        {view.escalationPending && <span class="tag">待领导批示</span>}
        <DeadlineBadge level={view.deadlineLevel} />
      </dd>
      <dt>诉求类型</dt>
      <dd>
        {CASE_KIND_LABELS[view.kind] ?? view.kind} · {view.categoryName ?? '未分类'} · {CASE_CHANNEL_LABELS[view.channel] ?? view.channel}
      </dd>
      <dt>诉求人</dt>
      <dd aria-label="诉求人">
        {view.anonymous ? '匿名' : (view.callerName ?? '未提供')}
        {view.callerNumber && ` · ${view.callerNumber}`}
        {view.identityMasked && <span class="tag tag-masked">身份保密，已隐去部分信息</span>}
      </dd>
      <dt>企业</dt>
      <dd>{view.enterprise ? view.enterprise.name : '无'}</dd>
      <dt>登记时间</dt>
      <dd>{formatDateTime(view.createdAt)}</dd>
      <dt>承办单位</dt>
      <dd aria-label="承办单位">
        {units.length > 0
          ? units.map((unit) => `${unit.name}（${unit.role === 'lead' ? '主办' : '协办'}）`).join('、')
          : (view.handlingUnitName ?? '未转办')}
      </dd>
      {deadlines.length > 0 && (
        <>
          <dt>办理时限</dt>
          <dd>
            <ul class="deadline-list">
              {deadlines.map((deadline) => (
                <li key={deadline.stage}>
                  {STAGE_LABELS[deadline.stage] ?? deadline.stage}：{formatDateTime(deadline.dueAt)}
                  {deadline.metAt ? '（已完成）' : <DeadlineBadge level={deadline.level} />}
                </li>
              ))}
            </ul>
          </dd>
        </>
      )}
      {view.satisfaction && (
        <>
          <dt>满意度</dt>
          <dd>{SATISFACTION_LEVEL_LABELS[view.satisfaction]}</dd>
        </>
      )}
    </dl>
  );
}
