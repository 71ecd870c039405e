/**
 * What the HTTP routes, the socket gateway and the call-event handlers share: built once by
 * `createPlatform` and passed down, so no module reaches for globals.
 */
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { CaseDetail } from '../db/repositories';
import type { Hotline } from '../ivr/index';
import type { AgentStateStore } from './agents/agent-state-store';
import type { LoginRateLimiter } from './auth/login-rate-limiter';
import type { TokenService } from './auth/tokens';
import type { CaseChangeNotice } from './cases/case-change-notifier';
import type { Config } from './config';

/** The part of a running hotline the server uses; tests pass a fake with the same shape. */
export type HotlineLink = Pick<Hotline, 'events' | 'control' | 'isConnected' | 'stop'> & { readonly ami?: Hotline['ami'] };

export interface ServerContext {
  config: Config;
  db: Database;
  logger: Logger;
  tokens: TokenService;
  agents: AgentStateStore;
  loginLimiter: LoginRateLimiter;
  /** The hotline, or null before it started. */
  hotline: () => HotlineLink | null;
  /** Tells the user's open desktops about the case and refreshes the screen pops of its caller's calls. */
  caseRegistered: (userId: number, detail: CaseDetail) => void;
  /** Tells the desktops of the units, leaders and supervisors concerned about a workflow action. */
  caseChanged?: (notice: CaseChangeNotice) => void;
}
