import { CASE_KIND_LABELS, CASE_STATE_LABELS } from '../../../server/domain/terms';
import type { CaseSummary } from '../../../server/realtime/socket-events';
import { formatDateTime } from '../format';
import { openCase } from '../stores/case-detail';

interface Props {
  title: string;
  cases: CaseSummary[];
  emptyText: string;
  /** Marks the list as needing attention, e.g. the caller's open cases. */
  highlight?: boolean;
}

/** Renders a titled list of cases, each of which opens its detail view. */
export function CaseSummaryList({ title, cases, emptyText, highlight = false }: Props) {
  return (
    <section class={`case-list${highlight && cases.length > 0 ? ' case-list-highlight' : ''}`} aria-label={title}>
      <h3 class="section-title">
        {title}
        <span class="count">{cases.length}</span>
      </h3>
      {cases.length === 0 ? (
        <p class="muted">{emptyText}</p>
      ) : (
        <ul class="case-items">
          {cases.map((item) => (
            <li key={item.id}>
              <button type="button" class="case-item" onClick={() => void openCase(item.id)}>
                <span class="case-item-head">
                  <span class="case-no">{item.caseNo}</span>
                  <span class={`case-state case-state-${item.state}`}>{CASE_STATE_LABELS[item.state] ?? item.state}</span>
                </span>
                <span class="case-item-title">{item.title}</span>
                <span class="case-item-meta">
                  {CASE_KIND_LABELS[item.kind] ?? item.kind} · {formatDateTime(item.createdAt)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
