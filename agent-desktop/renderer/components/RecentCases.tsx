import { loadRecentCases, recentCasesStore } from '../stores/recent-cases';
import { useStore } from '../stores/store';
import { CaseSummaryList } from './CaseSummaryList';

/** Lists the agent's own latest cases, newest first. */
export function RecentCases() {
  const { items, total, loading, error } = useStore(recentCasesStore);

  return (
    <div class="panel recent-cases">
      <div class="panel-head">
        <h2 class="panel-title">我的工单</h2>
        <button type="button" class="button button-quiet" disabled={loading} onClick={() => void loadRecentCases()}>
          {loading ? '正在刷新…' : '刷新'}
        </button>
      </div>
      {error && (
        <p class="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <CaseSummaryList title="最近登记" cases={items} emptyText={loading ? '正在加载…' : '还没有登记过工单'} />
      {total > items.length && <p class="muted">共 {total} 件，显示最近 {items.length} 件</p>}
    </div>
  );
}
