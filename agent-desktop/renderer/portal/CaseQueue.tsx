import { CASE_KIND_LABELS, CASE_STATE_LABELS } from '../../../server/domain/terms';
import type { CaseSummary } from '../../../server/realtime/socket-events';
import type { InboxItem } from '../api/portal-types';
import { formatDateTime } from '../format';
import { DeadlineBadge } from './DeadlineBadge';

/** A row of any case list: the inbox adds urgency facts that the platform's list lacks. */
export type QueueRow = CaseSummary & Partial<Omit<InboxItem, keyof CaseSummary>>;

interface Props {
  label: string;
  rows: QueueRow[];
  selectedId: number | null;
  emptyText: string;
  onOpen(caseId: number): void;
}

/** Renders a list of cases in the order given, with their deadline cards and flags. */
export function CaseQueue({ label, rows, selectedId, emptyText, onOpen }: Props) {
  if (rows.length === 0) return <p class="muted queue-empty">{emptyText}</p>;

  return (
    <table class="case-queue" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">工单编号</th>
          <th scope="col">标题</th>
          <th scope="col">状态</th>
          <th scope="col">时限</th>
          <th scope="col">标记</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} class={`queue-row${row.id === selectedId ? ' queue-row-selected' : ''}`} data-case-no={row.caseNo}>
            <td>
              <button type="button" class="button button-link mono" onClick={() => onOpen(row.id)}>
                {row.caseNo}
              </button>
            </td>
            <td>
              {row.title}
              <span class="queue-meta">
                {CASE_KIND_LABELS[row.kind] ?? row.kind}
                {row.categoryName && ` · ${row.categoryName}`}
              </span>
            </td>
            <td>{CASE_STATE_LABELS[row.state] ?? row.state}</td>
            <td>
              <DeadlineBadge level={row.deadlineLevel} />
              {row.dueAt && <span class="queue-due">{formatDateTime(row.dueAt)}</span>}
            </td>
            <td>
              {row.realName && <span class="tag tag-real-name">实名</span>}
              {row.supervised && <span class="tag tag-supervised">督办</span>}
              {row.unitRole === 'co' && <span class="tag">协办</span>}
              {row.extensionPending && <span class="tag">延期待审批</span>}
              {row.escalationMajor && <span class="tag">重大事项</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
