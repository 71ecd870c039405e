/**
 * Shapes of the REST API as the desktop reads them. Socket payload types come from the shared
 * event map, and these cover the HTTP responses and requests.
 */
import type { CaseChannel, CaseKind } from '../../../server/domain/terms';
import type { EnterpriseSummary } from '../../../server/realtime/socket-events';
import type { UserView } from '../../../server/users/signed-in-user';

/** The signed-in user as `POST /api/auth/login` and `GET /api/me` return it. */
export type User = UserView;

export interface LoginResponse {
  token: string;
  user: User;
}

export interface Category {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
}

/** New enterprise sent with a case when the credit code matched no stored enterprise. */
export interface NewEnterprise {
  name: string;
  creditCode: string;
  address?: string;
}

export interface CreateCaseRequest {
  channel: CaseChannel;
  kind: CaseKind;
  categoryId: number;
  enterpriseId?: number;
  enterprise?: NewEnterprise;
  callerName: string;
  callerNumber: string;
  anonymous: boolean;
  confidential: boolean;
  title: string;
  content: string;
  callId?: string;
}

export type { EnterpriseSummary };
