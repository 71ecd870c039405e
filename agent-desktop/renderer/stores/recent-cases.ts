/** The agent's own recent cases (`GET /api/cases?mine=1`), refreshed after each save. */
import type { CaseSummary } from '../../../server/realtime/socket-events';
import { fetchMyCases } from '../api/endpoints';
import { ApiError } from '../api/http';
import { createStore } from './store';

export const RECENT_CASES_LIMIT = 20;

export interface RecentCasesState {
  items: CaseSummary[];
  total: number;
  loading: boolean;
  error: string | null;
}

export const recentCasesStore = createStore<RecentCasesState>({ items: [], total: 0, loading: false, error: null });

export async function loadRecentCases(): Promise<void> {
  recentCasesStore.set((state) => ({ ...state, loading: true, error: null }));
  try {
    const page = await fetchMyCases(RECENT_CASES_LIMIT);
    recentCasesStore.set({ items: page.items, total: page.total, loading: false, error: null });
  } catch (error) {
    const message = error instanceof ApiError ? error.userMessage : '加载工单失败';
    recentCasesStore.set((state) => ({ ...state, loading: false, error: message }));
  }
}

/** Puts a saved case at the top of the list, replacing an older copy of it. */
export function addRecentCase(summary: CaseSummary): void {
  recentCasesStore.set((state) => {
    const known = state.items.some((item) => item.id === summary.id);
    const items = [summary, ...state.items.filter((item) => item.id !== summary.id)].slice(0, RECENT_CASES_LIMIT);
    return { ...state, items, total: known ? state.total : state.total + 1 };
  });
}
