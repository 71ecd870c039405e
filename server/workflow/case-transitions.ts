/**
 * The case state machine: every action on a case, the states it is allowed from, the roles that
 * may take it and the state it leads to, as data, and planTransition, which checks one request
 * against it. Nothing here reads or writes the database: the caller loads the case, plans, and
 * stores the new state and the returned timeline event in one transaction.
 *
 * The caller also checks what roles cannot express: that a unit handler belongs to the lead unit
 * (for `reply`, `request-extension`, `return`) or to a co-handling unit (for `co-reply`), and
 * that a leader is the one the case was escalated to.
 */
import { CASE_STATE_LABELS, OPEN_CASE_STATES, ROLE_LABELS, type CaseState, type Role } from '../domain/terms';
import { AppError } from '../errors';
import { parseActionInput, type ActionInput, type CaseAction } from './case-action-input';
import type { TimeLimit } from './time-limits';

export { CASE_ACTIONS, type ActionInput, type CaseAction } from './case-action-input';

/** Taker of an action: a user's role, or `system` for the time-limit scheduler. */
export type Actor = Role | 'system';
const ACTOR_LABELS: Record<Actor, string> = { ...ROLE_LABELS, system: '系统' };

/** The facts of a case that decide which actions are possible, besides its state. */
export interface CaseFacts {
  state: CaseState;
  /** A unit's extension request waits for a supervisor. */
  extensionPending?: boolean;
  /** The case was escalated to a leader and the instruction has not been written yet. */
  escalationPending?: boolean;
}

/** Changes the caller must make to the case besides its state. Absent fields stay as they are. */
export interface CaseEffects {
  /** Start the sign-for, first-contact and completion clocks again from now (a new dispatch). */
  restartTimeLimits?: true;
  extensionPending?: boolean;
  /** Move the completion due date by this approved extension. */
  extendCompletion?: TimeLimit;
  escalationPending?: boolean;
  /** The case is under supervision (督办): an overdue case, a rework or a dissatisfied caller. */
  supervised?: true;
  /** The case was handled again after a reply, a rating or a closure. */
  reopened?: true;
}

/** A timeline entry, shaped like a case_events row without the case, the actor's id and the time. */
export interface CaseTransitionEvent<A extends CaseAction = CaseAction> {
  /** Past-tense name of what happened, such as `signed`; stored as the event type. */
  type: string;
  action: A;
  actor: Actor;
  fromState: CaseState;
  toState: CaseState;
  /** Main free text of the action (reason, on-the-spot answer, reply or instruction), if any. */
  note: string | null;
  /** The whole validated input. */
  data: ActionInput<A>;
  effects: CaseEffects;
}

export type TransitionResult<A extends CaseAction = CaseAction> =
  | { ok: true; toState: CaseState; event: CaseTransitionEvent<A> }
  | { ok: false; error: AppError };

interface TransitionRule {
  /** Chinese name of the action, used in messages and on the timeline. */
  label: string;
  type: string;
  from: readonly CaseState[];
  /** `unchanged` keeps the current state, for actions that only add to the timeline. */
  to: CaseState | 'unchanged';
  roles: readonly Actor[];
  /** Returns a Chinese message when the case's facts forbid the action, null otherwise. */
  guard?: (facts: CaseFacts) => string | null;
  /** Decides the target state from the input, where `to` depends on it. */
  branch?: (input: never) => CaseState | null;
  effects?: (input: never, facts: CaseFacts) => CaseEffects;
}

const DESK: readonly Actor[] = ['agent', 'supervisor'];
const UNIT: readonly Actor[] = ['unit-handler'];
const SUPERVISOR: readonly Actor[] = ['supervisor'];
/** States in which a unit is working on the case. */
const AT_UNIT: readonly CaseState[] = ['signed', 'in-progress'];

const noPendingExtension = (facts: CaseFacts) => (facts.extensionPending ? '该工单已有待审批的延期申请，请等待审批结果后再申请' : null);
const hasPendingExtension = (facts: CaseFacts) => (facts.extensionPending ? null : '该工单没有待审批的延期申请');

/** Every action of the case lifecycle. An action has one rule unless its target depends on the state it starts from. */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, readonly TransitionRule[]>> = {
  'answer-on-spot': [{ label: '直接办理', type: 'answered-on-spot', from: ['registered'], to: 'answered-on-spot', roles: DESK }],
  'not-accept': [{ label: '不予受理', type: 'not-accepted', from: ['registered'], to: 'not-accepted', roles: DESK }],
  dispatch: [
    { label: '转办', type: 'dispatched', from: ['registered'], to: 'dispatched', roles: DESK, effects: () => ({ restartTimeLimits: true }) },
  ],
  sign: [{ label: '签收', type: 'signed', from: ['dispatched'], to: 'signed', roles: UNIT }],
  return: [{ label: '退单', type: 'returned', from: ['dispatched', 'signed'], to: 'returned', roles: UNIT }],
  'review-return-accept': [
    {
      label: '同意退单并重新转办',
      type: 'return-accepted',
      from: ['returned'],
      to: 'dispatched',
      roles: SUPERVISOR,
      effects: () => ({ restartTimeLimits: true }),
    },
  ],
  // The unit has read the case by returning it, so a rejected return counts as signed for.
  'review-return-reject': [{ label: '驳回退单', type: 'return-rejected', from: ['returned'], to: 'signed', roles: SUPERVISOR }],
  contact: [{ label: '联系诉求人', type: 'contacted', from: AT_UNIT, to: 'in-progress', roles: UNIT }],
  'request-extension': [
    {
      label: '申请延期',
      type: 'extension-requested',
      from: AT_UNIT,
      to: 'unchanged',
      roles: UNIT,
      guard: noPendingExtension,
      effects: () => ({ extensionPending: true }),
    },
  ],
  'approve-extension': [
    {
      label: '批准延期',
      type: 'extension-approved',
      from: AT_UNIT,
      to: 'unchanged',
      roles: SUPERVISOR,
      guard: hasPendingExtension,
      effects: (input: ActionInput<'approve-extension'>) => ({
        extensionPending: false,
        extendCompletion: { amount: input.workingDays, unit: 'working-days' },
      }),
    },
  ],
  'refuse-extension': [
    {
      label: '不批准延期',
      type: 'extension-refused',
      from: AT_UNIT,
      to: 'unchanged',
      roles: SUPERVISOR,
      guard: hasPendingExtension,
      effects: () => ({ extensionPending: false }),
    },
  ],
  'co-reply': [{ label: '协办答复', type: 'co-replied', from: AT_UNIT, to: 'unchanged', roles: UNIT }],
  // A reply makes a pending extension request moot, so it is withdrawn.
  reply: [
    {
      label: '答复',
      type: 'replied',
      from: ['in-progress'],
      to: 'replied',
      roles: UNIT,
      effects: (_input, facts) => (facts.extensionPending ? { extensionPending: false } : {}),
    },
  ],
  // Claiming a reply for review shows other reviewers that someone is on it; reviewing without claiming is allowed.
  'start-review': [{ label: '审核', type: 'review-started', from: ['replied'], to: 'review', roles: DESK }],
  'review-accept': [{ label: '审核通过', type: 'review-accepted', from: ['replied', 'review'], to: 'callback', roles: DESK }],
  'review-rework': [
    {
      label: '退回重办',
      type: 'rework-requested',
      from: ['replied', 'review'],
      to: 'in-progress',
      roles: DESK,
      effects: () => ({ reopened: true, supervised: true }),
    },
  ],
  callback: [
    {
      label: '回访',
      type: 'called-back',
      from: ['callback'],
      to: 'closed',
      roles: DESK,
      branch: (input: ActionInput<'callback'>) => (input.rating === 'dissatisfied' ? 'in-progress' : null),
      effects: (input: ActionInput<'callback'>) => (input.rating === 'dissatisfied' ? { reopened: true, supervised: true } : {}),
    },
  ],
  close: [{ label: '办结', type: 'closed', from: ['callback'], to: 'closed', roles: SUPERVISOR }],
  archive: [
    {
      label: '归档',
      type: 'archived',
      from: ['closed', 'answered-on-spot', 'not-accepted', 'merged'],
      to: 'archived',
      roles: ['supervisor', 'admin'],
    },
  ],
  escalate: [
    {
      label: '专报批办',
      type: 'escalated',
      from: OPEN_CASE_STATES,
      to: 'unchanged',
      roles: ['supervisor', 'system'],
      guard: (facts) => (facts.escalationPending ? '该工单已专报领导，正在等待批示，不能重复专报' : null),
      effects: () => ({ escalationPending: true }),
    },
  ],
  instruct: [
    {
      label: '批示',
      type: 'instructed',
      from: [...OPEN_CASE_STATES, 'closed'],
      to: 'unchanged',
      roles: ['leader'],
      guard: (facts) => (facts.escalationPending ? null : '该工单没有专报领导，或领导已经批示，不能批示'),
      effects: () => ({ escalationPending: false }),
    },
  ],
  supervise: [
    {
      label: '督办',
      type: 'supervised',
      from: ['dispatched', 'signed', 'in-progress'],
      to: 'unchanged',
      roles: ['supervisor', 'system'],
      effects: () => ({ supervised: true }),
    },
  ],
  redispatch: [
    {
      label: '改派',
      type: 'redispatched',
      from: ['dispatched', 'signed', 'in-progress'],
      to: 'dispatched',
      roles: SUPERVISOR,
      effects: () => ({ restartTimeLimits: true }),
    },
  ],
  reopen: [
    { label: '重新办理', type: 'reopened', from: ['closed'], to: 'in-progress', roles: SUPERVISOR, effects: () => ({ reopened: true }) },
    {
      label: '重新办理',
      type: 'reopened',
      from: ['answered-on-spot', 'not-accepted'],
      to: 'registered',
      roles: SUPERVISOR,
      effects: () => ({ reopened: true }),
    },
  ],
  // Only a case not dispatched yet is merged, so the matter is never dispatched twice.
  merge: [{ label: '并单', type: 'merged', from: ['registered'], to: 'merged', roles: DESK }],
};

/** The main free text of each action, stored as the event's note. */
const NOTE_FIELDS = ['reason', 'answer', 'reply', 'instruction', 'note'] as const;

function noteOf(input: object): string | null {
  for (const field of NOTE_FIELDS) {
    const value = (input as Record<string, unknown>)[field];
    if (typeof value === 'string') return value;
  }
  return null;
}

function labelOf(action: CaseAction): string {
  return CASE_TRANSITIONS[action][0].label;
}

function joinLabels(labels: readonly string[]): string {
  return [...new Set(labels)].join('、');
}

function forbiddenError(actor: Actor, action: CaseAction, allowed: readonly Actor[]): AppError {
  const label = labelOf(action);
  const who = joinLabels(allowed.map((role) => ACTOR_LABELS[role]));
  return new AppError('FORBIDDEN', 403, `${ACTOR_LABELS[actor]}无权${label}：${label}只能由${who}进行`);
}

function invalidStateError(state: CaseState, action: CaseAction): AppError {
  const rules = CASE_TRANSITIONS[action];
  const label = labelOf(action);
  const current = CASE_STATE_LABELS[state];
  if (state === 'archived') return new AppError('INVALID_STATE', 409, `当前状态为已归档，不能${label}：已归档的工单只能查看，不能再更改`);
  // The state this very action produces, such as 已签收 for 签收: the action was already taken.
  if (rules.some((rule) => rule.type === state)) return new AppError('INVALID_STATE', 409, `当前状态为${current}，不能再次${label}`);

  const from = joinLabels(rules.flatMap((rule) => rule.from.map((source) => CASE_STATE_LABELS[source])));
  return new AppError('INVALID_STATE', 409, `当前状态为${current}，不能${label}：只有${from}的工单可以${label}`);
}

function isActor(value: unknown): value is Actor {
  return typeof value === 'string' && Object.hasOwn(ACTOR_LABELS, value);
}

/**
 * Checks whether `actor` may take `action` on a case with these facts and this input. Returns the
 * target state and the timeline event, or one of these errors as a value:
 * - FORBIDDEN when the role may never take the action, or not from this state.
 * - INVALID_STATE when the state, a pending extension or a pending escalation rules it out.
 * - VALIDATION_FAILED for an unknown action or actor, or invalid input, with one message per field.
 * Role is checked before state, so a role that may never act learns nothing about the case.
 */
export function planTransition<A extends CaseAction>(
  caseFacts: CaseFacts | CaseState,
  action: A,
  actor: Actor,
  input?: unknown,
): TransitionResult<A> {
  const facts: CaseFacts = typeof caseFacts === 'string' ? { state: caseFacts } : caseFacts;
  const rules = Object.hasOwn(CASE_TRANSITIONS, action) ? CASE_TRANSITIONS[action] : undefined;
  if (!rules) {
    return { ok: false, error: new AppError('VALIDATION_FAILED', 400, `未知的工单操作“${String(action)}”`, [{ field: 'action', message: `未知的工单操作“${String(action)}”` }]) };
  }
  if (!isActor(actor)) {
    return { ok: false, error: new AppError('VALIDATION_FAILED', 400, `未知的角色“${String(actor)}”`, [{ field: 'actor', message: `未知的角色“${String(actor)}”` }]) };
  }

  const allRoles = rules.flatMap((rule) => rule.roles);
  if (!allRoles.includes(actor)) return { ok: false, error: forbiddenError(actor, action, allRoles) };

  const rule = rules.find((candidate) => candidate.from.includes(facts.state));
  if (!rule) return { ok: false, error: invalidStateError(facts.state, action) };
  if (!rule.roles.includes(actor)) return { ok: false, error: forbiddenError(actor, action, rule.roles) };

  const refusal = rule.guard?.(facts);
  if (refusal) return { ok: false, error: new AppError('INVALID_STATE', 409, refusal) };

  let data: ActionInput<A>;
  try {
    data = parseActionInput(action, input);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error };
    throw error;
  }

  const branched = rule.branch?.(data as never) ?? null;
  const toState = branched ?? (rule.to === 'unchanged' ? facts.state : rule.to);
  const effects = rule.effects?.(data as never, facts) ?? {};
  const event: CaseTransitionEvent<A> = {
    type: rule.type,
    action,
    actor,
    fromState: facts.state,
    toState,
    note: noteOf(data),
    data,
    effects,
  };
  return { ok: true, toState, event };
}

/** Like planTransition, but throws the AppError; for callers that let the HTTP layer map it. */
export function requireTransition<A extends CaseAction>(caseFacts: CaseFacts | CaseState, action: A, actor: Actor, input?: unknown) {
  const result = planTransition(caseFacts, action, actor, input);
  if (!result.ok) throw result.error;
  return result;
}

/**
 * Lists the actions `actor` may take on a case with these facts, ignoring input: the buttons a
 * screen shows. Guards on pending extensions and escalations are applied.
 */
export function availableActions(caseFacts: CaseFacts | CaseState, actor: Actor): CaseAction[] {
  const facts: CaseFacts = typeof caseFacts === 'string' ? { state: caseFacts } : caseFacts;
  return (Object.keys(CASE_TRANSITIONS) as CaseAction[]).filter((action) =>
    CASE_TRANSITIONS[action].some(
      (rule) => rule.from.includes(facts.state) && rule.roles.includes(actor) && !rule.guard?.(facts),
    ),
  );
}

/** Chinese name of an action, such as 签收 for `sign`. */
export function caseActionLabel(action: CaseAction): string {
  return labelOf(action);
}
