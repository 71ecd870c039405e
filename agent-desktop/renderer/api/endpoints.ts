/** Typed calls of the REST endpoints the agent desktop uses. */
import type { CaseSummary, EnterpriseSummary } from '../../../server/realtime/socket-events';
import type { CaseDetail } from './case-detail';
import { apiRequest } from './http';
import type { Category, CreateCaseRequest, LoginResponse, User } from './types';

export function login(username: string, password: string): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('POST', '/api/auth/login', { body: { username, password }, keepSessionOn401: true });
}

export function fetchCurrentUser(): Promise<User> {
  return apiRequest<User>('GET', '/api/me');
}

export function fetchCategories(): Promise<Category[]> {
  return apiRequest<Category[]>('GET', '/api/categories');
}

/** Returns the stored enterprise with this credit code, or null when there is none. */
export async function findEnterpriseByCreditCode(creditCode: string): Promise<EnterpriseSummary | null> {
  const matches = await apiRequest<EnterpriseSummary[]>('GET', `/api/enterprises?creditCode=${encodeURIComponent(creditCode)}`);
  return matches.find((enterprise) => enterprise.creditCode === creditCode) ?? null;
}

export function fetchMyCases(limit: number): Promise<{ items: CaseSummary[]; total: number }> {
  return apiRequest('GET', `/api/cases?mine=1&limit=${limit}`);
}

export function fetchCase(id: number): Promise<CaseDetail> {
  return apiRequest<CaseDetail>('GET', `/api/cases/${id}`);
}

export function createCase(request: CreateCaseRequest): Promise<CaseSummary> {
  return apiRequest<CaseSummary>('POST', '/api/cases', { body: request });
}
