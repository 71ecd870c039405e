import { useEffect, useRef } from 'preact/hooks';
import { CASE_CHANNEL_LABELS, CASE_KIND_LABELS, CASE_STATE_LABELS } from '../../../server/domain/terms';
import { formatDateTime } from '../format';
import { caseDetailStore, closeCase } from '../stores/case-detail';
import { useStore } from '../stores/store';
import { CaseTimeline } from './CaseTimeline';

/** Shows one case's details and timeline in a modal, opened from any case list. */
export function CaseDetailDialog() {
  const { caseId, detail, error } = useStore(caseDetailStore);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (caseId !== null && !element.open) element.showModal();
    if (caseId === null && element.open) element.close();
  }, [caseId]);

  return (
    <dialog ref={dialog} class="case-detail" aria-label="工单详情" onClose={closeCase}>
      <div class="panel-head">
        <h2 class="panel-title">工单详情{detail && ` ${detail.caseNo}`}</h2>
        <button type="button" class="button button-quiet" onClick={closeCase}>
          关闭
        </button>
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {caseId !== null && !detail && !error && <p class="muted">正在加载…</p>}
      {detail && (
        <div class="case-detail-body">
          <dl class="facts facts-wide">
            <dt>工单编号</dt>
            <dd class="mono">{detail.caseNo}</dd>
            <dt>状态</dt>
            <dd>{CASE_STATE_LABELS[detail.state] ?? detail.state}</dd>
            <dt>诉求类型</dt>
            <dd>{CASE_KIND_LABELS[detail.kind] ?? detail.kind}</dd>
            <dt>来源渠道</dt>
            <dd>{CASE_CHANNEL_LABELS[detail.channel] ?? detail.channel}</dd>
            <dt>诉求分类</dt>
            <dd>{detail.categoryName ?? '未分类'}</dd>
            <dt>登记时间</dt>
            <dd>
              {formatDateTime(detail.createdAt)} · {detail.createdByName}
            </dd>
            <dt>承办单位</dt>
            <dd>{detail.handlingUnitName ?? '未转办'}</dd>
            <dt>诉求人</dt>
            <dd>
              {detail.anonymous ? '匿名' : (detail.callerName ?? '未提供')}
              {detail.callerNumber && ` · ${detail.callerNumber}`}
              {detail.confidential && <span class="tag">身份保密</span>}
            </dd>
            <dt>企业</dt>
            <dd>{detail.enterprise ? `${detail.enterprise.name}（${detail.enterprise.creditCode}）` : '无'}</dd>
            <dt>标题</dt>
            <dd>{detail.title}</dd>
          </dl>
          <h3 class="section-title">诉求内容</h3>
          <p class="case-content">{detail.content}</p>
          <h3 class="section-title">处理记录</h3>
          <CaseTimeline entries={detail.timeline} />
        </div>
      )}
    </dialog>
  );
}
