import { useEffect, useState } from 'preact/hooks';
import { CASE_STATES, CASE_STATE_LABELS, type CaseState } from '../../../server/domain/terms';
import { ApiError } from '../api/http';
import { fetchInbox, fetchPlatformCases } from '../api/portal';
import { caseNoticesStore } from '../stores/case-notices';
import { useStore } from '../stores/store';
import { CaseQueue, type QueueRow } from './CaseQueue';
import { CaseWorkPanel } from './CaseWorkPanel';

/** Source of the list: a unit's or a leader's inbox, or the platform's case list. */
export type CaseSource = 'unit' | 'leader' | 'platform';

const SOURCES: Record<CaseSource, { title: string; label: string; emptyText: string }> = {
  unit: { title: '本单位待办工单', label: '待办工单', emptyText: '本单位暂无待办工单' },
  leader: { title: '专报批办工单', label: '专报工单', emptyText: '暂无专报给您的工单' },
  platform: { title: '工单管理', label: '工单列表', emptyText: '没有符合条件的工单' },
};

/** Rows per request; the list shows more pages on request. */
export const PAGE_SIZE = 50;

/** Loads the first `count` rows of the list, one page per request, and the list's total. */
async function loadRows(source: CaseSource, state: CaseState | null, count: number): Promise<{ rows: QueueRow[]; total: number }> {
  const rows: QueueRow[] = [];
  let total = 0;
  for (let offset = 0; offset < count; offset += PAGE_SIZE) {
    const page = source === 'platform' ? await fetchPlatformCases(state, PAGE_SIZE, offset) : await fetchInbox(PAGE_SIZE, offset);
    rows.push(...page.items);
    total = page.total;
    if (page.items.length < PAGE_SIZE) break;
  }
  return { rows, total };
}

/** Renders a case list beside the case being handled. The list reloads after every action and live notice. */
export function CasePortal({ source }: { source: CaseSource }) {
  const { title, label, emptyText } = SOURCES[source];
  const [rows, setRows] = useState<QueueRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [listError, setListError] = useState<string | null>(null);
  const [stateFilter, setStateFilter] = useState<CaseState | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);
  const [shown, setShown] = useState(PAGE_SIZE);
  // A live time-limit notice changes deadline cards, so the list reloads with it.
  const { revision } = useStore(caseNoticesStore);

  useEffect(() => {
    let current = true;
    loadRows(source, stateFilter, shown)
      .then((loaded) => {
        if (!current) return;
        setRows(loaded.rows);
        setTotal(loaded.total);
        setListError(null);
      })
      .catch((error: unknown) => {
        if (current) setListError(error instanceof ApiError ? error.userMessage : '加载工单列表失败，请重试');
      });
    return () => {
      current = false;
    };
  }, [source, stateFilter, reloads, revision, shown]);

  const reload = () => setReloads((count) => count + 1);

  return (
    <main class="portal">
      <section class="portal-list" aria-label={title}>
        <div class="panel-head">
          <h2 class="panel-title">
            {title}
            {rows && <span class="panel-count">共 {total} 件</span>}
          </h2>
          <button type="button" class="button button-quiet" onClick={reload}>
            刷新
          </button>
        </div>
        {source === 'platform' && (
          <label class="filter">
            状态筛选
            <select
              class="input input-compact"
              value={stateFilter ?? ''}
              onChange={(event) => {
                setStateFilter(((event.currentTarget as HTMLSelectElement).value || null) as CaseState | null);
                setShown(PAGE_SIZE);
              }}
            >
              <option value="">全部</option>
              {CASE_STATES.map((state) => (
                <option key={state} value={state}>
                  {CASE_STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </label>
        )}
        {listError && (
          <p class="notice notice-error" role="alert">
            {listError}
          </p>
        )}
        {rows === null && !listError && <p class="muted">正在加载…</p>}
        {rows && <CaseQueue label={label} rows={rows} selectedId={selectedId} emptyText={emptyText} onOpen={setSelectedId} />}
        {rows && rows.length < total && (
          <button type="button" class="button button-quiet button-block" onClick={() => setShown(rows.length + PAGE_SIZE)}>
            加载更多（已显示 {rows.length} / {total} 件）
          </button>
        )}
      </section>
      {selectedId !== null ? (
        <CaseWorkPanel key={selectedId} caseId={selectedId} onChanged={reload} onClose={() => setSelectedId(null)} />
      ) : (
        <section class="work-panel work-panel-empty muted">请从左侧列表选择工单</section>
      )}
    </main>
  );
}
