/**
 * The one typed map of Socket.IO events between the server and the agent desktop. Both sides
 * import it; `docs/socket-events.md` lists the same events and a test keeps the two in step.
 */
import type { AgentState, CallParty, CaseKind, CaseState, CaseChannel, IvrChoice, NotReadyReason, Role } from '../domain/terms';
import type { TimeLimitStage } from '../workflow/time-limits';

export interface EnterpriseSummary {
  id: number;
  name: string;
  creditCode: string;
  address: string | null;
  township: string | null;
}

export interface CaseSummary {
  id: number;
  caseNo: string;
  state: CaseState;
  kind: CaseKind;
  channel: CaseChannel;
  title: string;
  createdAt: string;
}

/** Everything the desktop shows the moment the agent's phone starts ringing. */
export interface ScreenPop {
  callId: string;
  callerNumber: string;
  callerName: string;
  ivrChoice: IvrChoice;
  /** Seconds the caller waited in the queue until this agent's phone rang. */
  waitSeconds: number;
  enterprise: EnterpriseSummary | null;
  /** Earlier cases of this number or of the matched enterprise, newest first. */
  earlierCases: CaseSummary[];
  /** The subset of `earlierCases` still open. */
  openCases: CaseSummary[];
  /** True when the number called before within the repeat window. */
  repeatCaller: boolean;
  offeredAt: string;
}

export interface AgentStatus {
  agentId: string;
  state: AgentState;
  reason: NotReadyReason | null;
  /** ISO time the agent entered `state`. */
  since: string;
  /** Call the agent is ringing for, talking on or wrapping up. */
  callId: string | null;
  /** ISO time wrap-up ends, when `state` is `wrap-up`. */
  wrapUpEndsAt: string | null;
  /** The pop of the current call, so a reconnecting desktop can show it again. */
  pop: ScreenPop | null;
}

/** A case's time limit that turned yellow (warning) or red (overdue). */
export interface DeadlineChangeSummary {
  caseId: number;
  caseNo: string;
  title: string;
  /** Unit whose clock it is. */
  orgUnitId: number | null;
  stage: TimeLimitStage;
  level: 'yellow' | 'red';
  /** ISO time the stage falls or fell due. */
  dueAt: string;
}

/** A workflow action on a case, sent to the desktops of the people the case concerns. */
export interface CaseChangeSummary {
  caseId: number;
  caseNo: string;
  title: string;
  /** Timeline entry type of the action, such as `dispatched` or `signed`. */
  type: string;
  fromState: CaseState;
  toState: CaseState;
  actorUserId: number;
  /** ISO time of the action. */
  at: string;
}

/** A supervision notice (督办单) raised to a unit for a missed due date, or escalated (升级督办). */
export interface SupervisionNoticeSummary {
  noticeId: number;
  caseId: number;
  caseNo: string;
  title: string;
  orgUnitId: number | null;
  stage: TimeLimitStage;
  /** ISO time of the missed due date. */
  dueAt: string;
  status: 'raised' | 'escalated';
}

/** Reply to every client request: success, or a stable error code with a Chinese message. */
export type Ack<T = undefined> = (reply: { ok: true; data?: T } | { ok: false; code: string; message: string }) => void;

export interface ServerToClientEvents {
  /** The agent's state changed, or the desktop (re)connected. */
  'agent:status': (status: AgentStatus) => void;
  /** The agent's phone is ringing for this call. */
  'call:pop': (pop: ScreenPop) => void;
  /** The agent answered; caller and agent are bridged. */
  'call:answered': (event: { callId: string }) => void;
  /** The ringing stopped without this agent answering. */
  'call:offer-ended': (event: { callId: string; outcome: 'no-answer' | 'unreachable' | 'caller-gone' }) => void;
  'call:held': (event: { callId: string }) => void;
  'call:resumed': (event: { callId: string }) => void;
  'call:ended': (event: { callId: string; endedBy: CallParty }) => void;
  /** A case was saved by this user, on any of their open desktops. */
  'case:saved': (event: CaseSummary) => void;
  /** Time limits of cases that concern this user changed level (scheduler pass at `at`). */
  'case:deadline': (event: { at: string; changes: DeadlineChangeSummary[] }) => void;
  /** Supervision notices that concern this user were raised or escalated (scheduler pass at `at`). */
  'case:supervision': (event: { at: string; notices: SupervisionNoticeSummary[] }) => void;
  /** Someone took a workflow action on a case that concerns this user; inboxes and open case screens reload it. */
  'case:changed': (event: CaseChangeSummary) => void;
}

export interface ClientToServerEvents {
  /** Go ready or not ready; other states are set by the system. */
  'agent:set-state': (request: { state: 'ready' | 'not-ready'; reason?: NotReadyReason }, ack: Ack<AgentStatus>) => void;
  /** End wrap-up early and go ready. */
  'agent:end-wrap-up': (request: Record<string, never>, ack: Ack<AgentStatus>) => void;
  'call:hangup': (request: { callId: string }, ack: Ack) => void;
  'call:hold': (request: { callId: string }, ack: Ack) => void;
  'call:resume': (request: { callId: string }, ack: Ack) => void;
}

/** Data the server keeps on each authenticated socket. */
export interface SocketData {
  userId: number;
  role: Role;
  agentId: string | null;
}

/** Runtime list of event names, for the documentation test and for guards. */
export const SERVER_TO_CLIENT_EVENTS = [
  'agent:status',
  'call:pop',
  'call:answered',
  'call:offer-ended',
  'call:held',
  'call:resumed',
  'call:ended',
  'case:saved',
  'case:deadline',
  'case:supervision',
  'case:changed',
] as const satisfies readonly (keyof ServerToClientEvents)[];

export const CLIENT_TO_SERVER_EVENTS = [
  'agent:set-state',
  'agent:end-wrap-up',
  'call:hangup',
  'call:hold',
  'call:resume',
] as const satisfies readonly (keyof ClientToServerEvents)[];
