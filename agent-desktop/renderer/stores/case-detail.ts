/** The case opened in the detail view, with its timeline. */
import type { CaseDetail } from '../api/case-detail';
import { fetchCase } from '../api/endpoints';
import { ApiError } from '../api/http';
import { createStore } from './store';

export interface CaseDetailState {
  caseId: number | null;
  detail: CaseDetail | null;
  error: string | null;
}

export const caseDetailStore = createStore<CaseDetailState>({ caseId: null, detail: null, error: null });

export async function openCase(caseId: number): Promise<void> {
  caseDetailStore.set({ caseId, detail: null, error: null });
  try {
    const detail = await fetchCase(caseId);
    caseDetailStore.set((state) => (state.caseId === caseId ? { ...state, detail } : state));
  } catch (error) {
    const message = error instanceof ApiError ? error.userMessage : '加载工单详情失败';
    caseDetailStore.set((state) => (state.caseId === caseId ? { ...state, error: message } : state));
  }
}

export function closeCase(): void {
  caseDetailStore.set({ caseId: null, detail: null, error: null });
}
