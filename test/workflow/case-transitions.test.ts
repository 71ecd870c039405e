import { describe, expect, it } from 'vitest';
import { CASE_STATES, ROLES, type CaseState } from '../../server/domain/terms';
import { AppError } from '../../server/errors';
import {
  CASE_ACTIONS,
  CASE_TRANSITIONS,
  availableActions,
  caseActionLabel,
  planTransition,
  requireTransition,
  type Actor,
  type CaseAction,
  type CaseFacts,
} from '../../server/workflow/case-transitions';

/** A valid input for every action. */
const VALID_INPUT: Record<CaseAction, unknown> = {
  'answer-on-spot': { answer: '营业执照变更可在县政务服务中心一楼办理。' },
  'not-accept': { reason: 'economic-dispute', note: '货款纠纷，建议通过诉讼解决' },
  dispatch: { leadUnitId: 12, coUnitIds: [15] },
  sign: {},
  return: { reason: '该事项属于县市场监管局职责', suggestedUnit: '县市场监管局' },
  'review-return-accept': { leadUnitId: 20 },
  'review-return-reject': { reason: '该事项属于贵单位职责范围' },
  contact: { method: 'phone', note: '已电话联系企业负责人，约定明日上门' },
  'request-extension': { workingDays: 5, reason: '需要等待第三方检测报告' },
  'approve-extension': { workingDays: 5 },
  'refuse-extension': { reason: '理由不充分' },
  'co-reply': { reply: '我局已配合完成现场核查' },
  reply: { reply: '已协调供电公司恢复供电，企业表示认可。' },
  'start-review': {},
  'review-accept': {},
  'review-rework': { reason: '答复未说明处理结果' },
  callback: { rating: 'satisfied' },
  close: { reason: '三次回访均未接通' },
  archive: {},
  escalate: { reason: '涉及多家企业的重大投资承诺问题', major: true },
  instruct: { instruction: '请县发改委牵头，一周内拿出方案' },
  supervise: { reason: '已超期，请加快办理' },
  redispatch: { leadUnitId: 30, reason: '原承办单位已撤并' },
  reopen: { reason: '诉求人再次来电反映问题未解决' },
  merge: { intoCaseId: 7 },
};

/** Facts under which the guard of `action` lets it through. */
function factsFor(action: CaseAction, state: CaseState): CaseFacts {
  if (action === 'approve-extension' || action === 'refuse-extension') return { state, extensionPending: true };
  if (action === 'instruct') return { state, escalationPending: true };
  return { state };
}

function errorOf(result: ReturnType<typeof planTransition>): AppError {
  if (result.ok) throw new Error(`expected a refusal, got a transition to ${result.toState}`);
  return result.error;
}

describe('allowed transitions', () => {
  it.each<[CaseAction, CaseState, Actor, CaseState, string]>([
    ['answer-on-spot', 'registered', 'agent', 'answered-on-spot', 'answered-on-spot'],
    ['not-accept', 'registered', 'supervisor', 'not-accepted', 'not-accepted'],
    ['dispatch', 'registered', 'agent', 'dispatched', 'dispatched'],
    ['sign', 'dispatched', 'unit-handler', 'signed', 'signed'],
    ['return', 'dispatched', 'unit-handler', 'returned', 'returned'],
    ['return', 'signed', 'unit-handler', 'returned', 'returned'],
    ['review-return-accept', 'returned', 'supervisor', 'dispatched', 'return-accepted'],
    ['review-return-reject', 'returned', 'supervisor', 'signed', 'return-rejected'],
    ['contact', 'signed', 'unit-handler', 'in-progress', 'contacted'],
    ['contact', 'in-progress', 'unit-handler', 'in-progress', 'contacted'],
    ['request-extension', 'in-progress', 'unit-handler', 'in-progress', 'extension-requested'],
    ['approve-extension', 'in-progress', 'supervisor', 'in-progress', 'extension-approved'],
    ['refuse-extension', 'signed', 'supervisor', 'signed', 'extension-refused'],
    ['co-reply', 'in-progress', 'unit-handler', 'in-progress', 'co-replied'],
    ['reply', 'in-progress', 'unit-handler', 'replied', 'replied'],
    ['start-review', 'replied', 'agent', 'review', 'review-started'],
    ['review-accept', 'replied', 'agent', 'callback', 'review-accepted'],
    ['review-accept', 'review', 'supervisor', 'callback', 'review-accepted'],
    ['review-rework', 'review', 'agent', 'in-progress', 'rework-requested'],
    ['callback', 'callback', 'agent', 'closed', 'called-back'],
    ['close', 'callback', 'supervisor', 'closed', 'closed'],
    ['archive', 'closed', 'admin', 'archived', 'archived'],
    ['archive', 'answered-on-spot', 'supervisor', 'archived', 'archived'],
    ['archive', 'not-accepted', 'supervisor', 'archived', 'archived'],
    ['escalate', 'in-progress', 'supervisor', 'in-progress', 'escalated'],
    ['escalate', 'registered', 'system', 'registered', 'escalated'],
    ['instruct', 'in-progress', 'leader', 'in-progress', 'instructed'],
    ['instruct', 'closed', 'leader', 'closed', 'instructed'],
    ['supervise', 'dispatched', 'system', 'dispatched', 'supervised'],
    ['supervise', 'in-progress', 'supervisor', 'in-progress', 'supervised'],
    ['redispatch', 'signed', 'supervisor', 'dispatched', 'redispatched'],
    ['reopen', 'closed', 'supervisor', 'in-progress', 'reopened'],
    ['reopen', 'not-accepted', 'supervisor', 'registered', 'reopened'],
    ['reopen', 'answered-on-spot', 'supervisor', 'registered', 'reopened'],
  ])('%s from %s by %s leads to %s', (action, state, actor, toState, type) => {
    const result = planTransition(factsFor(action, state), action, actor, VALID_INPUT[action]);
    if (!result.ok) throw result.error;
    expect(result.toState).toBe(toState);
    expect(result.event.type).toBe(type);
    expect(result.event.fromState).toBe(state);
    expect(result.event.toState).toBe(toState);
    expect(result.event.actor).toBe(actor);
  });

  it('succeeds for every state and role the rules list', () => {
    for (const action of CASE_ACTIONS) {
      for (const rule of CASE_TRANSITIONS[action]) {
        for (const state of rule.from) {
          for (const actor of rule.roles) {
            const result = planTransition(factsFor(action, state), action, actor, VALID_INPUT[action]);
            expect(result.ok, `${action} from ${state} by ${actor}`).toBe(true);
          }
        }
      }
    }
  });

  it('refuses every other state and role with FORBIDDEN or INVALID_STATE', () => {
    for (const action of CASE_ACTIONS) {
      const rules = CASE_TRANSITIONS[action];
      for (const state of CASE_STATES) {
        for (const actor of [...ROLES, 'system'] as Actor[]) {
          if (rules.some((rule) => rule.from.includes(state) && rule.roles.includes(actor))) continue;
          const error = errorOf(planTransition(factsFor(action, state), action, actor, VALID_INPUT[action]));
          const mayEverAct = rules.some((rule) => rule.roles.includes(actor));
          expect(error.code, `${action} from ${state} by ${actor}`).toBe(mayEverAct ? 'INVALID_STATE' : 'FORBIDDEN');
          expect(error.userMessage).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
  });
});

describe('forbidden transitions', () => {
  it.each<[CaseAction, CaseFacts | CaseState, Actor, string, string]>([
    ['sign', 'signed', 'unit-handler', 'INVALID_STATE', '当前状态为已签收，不能再次签收'],
    ['dispatch', 'dispatched', 'agent', 'INVALID_STATE', '当前状态为已转办，不能再次转办'],
    ['dispatch', 'closed', 'agent', 'INVALID_STATE', '当前状态为已办结，不能转办：只有已登记的工单可以转办'],
    ['reply', 'signed', 'unit-handler', 'INVALID_STATE', '当前状态为已签收，不能答复：只有办理中的工单可以答复'],
    ['return', 'in-progress', 'unit-handler', 'INVALID_STATE', '当前状态为办理中，不能退单：只有已转办、已签收的工单可以退单'],
    ['callback', 'replied', 'agent', 'INVALID_STATE', '当前状态为已答复，不能回访：只有待回访的工单可以回访'],
    ['close', 'closed', 'supervisor', 'INVALID_STATE', '当前状态为已办结，不能再次办结'],
    ['archive', 'in-progress', 'admin', 'INVALID_STATE', '当前状态为办理中，不能归档：只有已办结、直接办理、不予受理、已并单的工单可以归档'],
    ['reopen', 'archived', 'supervisor', 'INVALID_STATE', '当前状态为已归档，不能重新办理：已归档的工单只能查看，不能再更改'],
    ['supervise', 'registered', 'system', 'INVALID_STATE', '当前状态为已登记，不能督办：只有已转办、已签收、办理中的工单可以督办'],
    ['sign', 'dispatched', 'agent', 'FORBIDDEN', '受理员无权签收：签收只能由承办人进行'],
    ['sign', 'dispatched', 'system', 'FORBIDDEN', '系统无权签收：签收只能由承办人进行'],
    ['dispatch', 'registered', 'unit-handler', 'FORBIDDEN', '承办人无权转办：转办只能由受理员、班长进行'],
    ['dispatch', 'registered', 'leader', 'FORBIDDEN', '领导无权转办：转办只能由受理员、班长进行'],
    ['approve-extension', { state: 'in-progress', extensionPending: true }, 'agent', 'FORBIDDEN', '受理员无权批准延期：批准延期只能由班长进行'],
    ['review-return-accept', 'returned', 'agent', 'FORBIDDEN', '受理员无权同意退单并重新转办：同意退单并重新转办只能由班长进行'],
    ['close', 'callback', 'agent', 'FORBIDDEN', '受理员无权办结：办结只能由班长进行'],
    ['instruct', { state: 'in-progress', escalationPending: true }, 'supervisor', 'FORBIDDEN', '班长无权批示：批示只能由领导进行'],
    ['reply', 'in-progress', 'admin', 'FORBIDDEN', '管理员无权答复：答复只能由承办人进行'],
    ['archive', 'closed', 'agent', 'FORBIDDEN', '受理员无权归档：归档只能由班长、管理员进行'],
    // The role is checked first, so a unit handler learns nothing about the state of the case.
    ['dispatch', 'closed', 'unit-handler', 'FORBIDDEN', '承办人无权转办：转办只能由受理员、班长进行'],
  ])('%s from %j by %s is %s', (action, facts, actor, code, message) => {
    const error = errorOf(planTransition(facts, action, actor, VALID_INPUT[action]));
    expect(error.code).toBe(code);
    expect(error.status).toBe(code === 'FORBIDDEN' ? 403 : 409);
    expect(error.userMessage).toBe(message);
  });

  it.each<[CaseAction, CaseFacts, Actor, string]>([
    ['request-extension', { state: 'in-progress', extensionPending: true }, 'unit-handler', '该工单已有待审批的延期申请，请等待审批结果后再申请'],
    ['approve-extension', { state: 'in-progress' }, 'supervisor', '该工单没有待审批的延期申请'],
    ['refuse-extension', { state: 'signed', extensionPending: false }, 'supervisor', '该工单没有待审批的延期申请'],
    ['escalate', { state: 'in-progress', escalationPending: true }, 'supervisor', '该工单已专报领导，正在等待批示，不能重复专报'],
    ['instruct', { state: 'in-progress' }, 'leader', '该工单没有专报领导，或领导已经批示，不能批示'],
  ])('%s is refused by its guard on %j', (action, facts, actor, message) => {
    const error = errorOf(planTransition(facts, action, actor, VALID_INPUT[action]));
    expect(error.code).toBe('INVALID_STATE');
    expect(error.userMessage).toBe(message);
  });
});

describe('input of an action', () => {
  it.each<[CaseAction, CaseFacts | CaseState, Actor, unknown, string, string]>([
    ['not-accept', 'registered', 'agent', {}, 'reason', '请选择不予受理的原因：行政复议或诉讼中、刑事或治安案件、已受理、企业与个人或组织间的经济纠纷'],
    ['not-accept', 'registered', 'agent', { reason: '其他' }, 'reason', '请选择不予受理的原因：行政复议或诉讼中、刑事或治安案件、已受理、企业与个人或组织间的经济纠纷'],
    ['return', 'signed', 'unit-handler', { reason: '   ' }, 'reason', '请填写退单原因'],
    ['reply', 'in-progress', 'unit-handler', undefined, 'reply', '请填写答复内容'],
    ['reply', 'in-progress', 'unit-handler', { reply: 42 }, 'reply', '答复内容应为文字'],
    ['dispatch', 'registered', 'agent', { coUnitIds: [3] }, 'leadUnitId', '请选择主办单位'],
    ['dispatch', 'registered', 'agent', { leadUnitId: 3, coUnitIds: [3] }, 'coUnitIds', '主办单位不能同时作为协办单位'],
    ['dispatch', 'registered', 'agent', { leadUnitId: -1 }, 'leadUnitId', '主办单位编号无效'],
    ['request-extension', 'in-progress', 'unit-handler', { workingDays: 0, reason: '等待检测' }, 'workingDays', '延期至少 1 个工作日'],
    ['request-extension', 'in-progress', 'unit-handler', { workingDays: 31, reason: '等待检测' }, 'workingDays', '单次延期最多 30 个工作日'],
    ['callback', 'callback', 'agent', { rating: 'dissatisfied' }, 'note', '诉求人不满意时，请在回访情况中写明不满意的原因'],
    ['callback', 'callback', 'agent', { rating: 'great' }, 'rating', '请选择诉求人的评价：满意、基本满意、不满意'],
    ['contact', 'signed', 'unit-handler', { method: 'email', note: '已发邮件' }, 'method', '请选择联系方式：电话、短信、上门走访、约见面谈、无法联系'],
    ['sign', 'dispatched', 'unit-handler', 'yes', 'input', '操作的输入格式无效，应为对象'],
  ])('%s rejects %j', (action, facts, actor, input, field, message) => {
    const error = errorOf(planTransition(facts, action, actor, input));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toContainEqual({ field, message });
  });

  it('checks state before input', () => {
    expect(errorOf(planTransition('closed', 'return', 'unit-handler', {})).code).toBe('INVALID_STATE');
  });

  it('rejects an unknown action and an unknown role', () => {
    const unknownAction = errorOf(planTransition('registered', 'delete' as CaseAction, 'agent', {}));
    expect(unknownAction.code).toBe('VALIDATION_FAILED');
    expect(unknownAction.userMessage).toBe('未知的工单操作“delete”');

    const unknownRole = errorOf(planTransition('registered', 'dispatch', 'caller' as Actor, VALID_INPUT.dispatch));
    expect(unknownRole.code).toBe('VALIDATION_FAILED');
    expect(unknownRole.userMessage).toBe('未知的角色“caller”');
  });

  it('rejects an inherited property name as an action', () => {
    expect(errorOf(planTransition('registered', 'toString' as CaseAction, 'agent')).code).toBe('VALIDATION_FAILED');
  });
});

describe('events and effects', () => {
  it('stores the reason as the note and the trimmed input as data', () => {
    const result = requireTransition('signed', 'return', 'unit-handler', { reason: '  不属于本单位职责  ' });
    expect(result.event).toEqual({
      type: 'returned',
      action: 'return',
      actor: 'unit-handler',
      fromState: 'signed',
      toState: 'returned',
      note: '不属于本单位职责',
      data: { reason: '不属于本单位职责' },
      effects: {},
    });
  });

  it('fills the default co-handling units of a dispatch', () => {
    const result = requireTransition('registered', 'dispatch', 'agent', { leadUnitId: 12 });
    expect(result.event.data).toEqual({ leadUnitId: 12, coUnitIds: [] });
    expect(result.event.effects).toEqual({ restartTimeLimits: true });
  });

  it.each([
    ['satisfied', 'closed', {}],
    ['basically-satisfied', 'closed', {}],
    ['dissatisfied', 'in-progress', { reopened: true, supervised: true }],
  ])('closes or reopens on a %s rating', (rating, toState, effects) => {
    const result = requireTransition('callback', 'callback', 'agent', { rating, note: '诉求人表示问题仍未解决' });
    expect(result.toState).toBe(toState);
    expect(result.event.effects).toEqual(effects);
    expect(result.event.data).toMatchObject({ rating });
  });

  it('moves the completion limit by the approved extension', () => {
    const result = requireTransition({ state: 'in-progress', extensionPending: true }, 'approve-extension', 'supervisor', { workingDays: 3 });
    expect(result.event.effects).toEqual({ extensionPending: false, extendCompletion: { amount: 3, unit: 'working-days' } });
  });

  it('withdraws a pending extension on reply', () => {
    const result = requireTransition({ state: 'in-progress', extensionPending: true }, 'reply', 'unit-handler', VALID_INPUT.reply);
    expect(result.event.effects).toEqual({ extensionPending: false });
    expect(requireTransition('in-progress', 'reply', 'unit-handler', VALID_INPUT.reply).event.effects).toEqual({});
  });

  it('marks escalation pending until the instruction', () => {
    const escalated = requireTransition('in-progress', 'escalate', 'supervisor', { reason: '重大事项' });
    expect(escalated.event.effects).toEqual({ escalationPending: true });
    expect(escalated.event.data).toEqual({ reason: '重大事项', major: false });

    const instructed = requireTransition({ state: 'in-progress', escalationPending: true }, 'instruct', 'leader', VALID_INPUT.instruct);
    expect(instructed.event.effects).toEqual({ escalationPending: false });
    expect(instructed.event.note).toBe('请县发改委牵头，一周内拿出方案');
  });

  it('throws the error from requireTransition', () => {
    expect(() => requireTransition('signed', 'sign', 'unit-handler')).toThrow(AppError);
  });
});

describe('a case from registration to archive', () => {
  it('walks through extension, dissatisfaction and rework', () => {
    let facts: CaseFacts = { state: 'registered' };
    const types: string[] = [];
    const step = (action: CaseAction, actor: Actor, input: unknown) => {
      const { toState, event } = requireTransition(facts, action, actor, input);
      facts = {
        state: toState,
        extensionPending: event.effects.extensionPending ?? facts.extensionPending,
        escalationPending: event.effects.escalationPending ?? facts.escalationPending,
      };
      types.push(event.type);
    };

    step('dispatch', 'agent', VALID_INPUT.dispatch);
    step('sign', 'unit-handler', {});
    step('contact', 'unit-handler', VALID_INPUT.contact);
    step('request-extension', 'unit-handler', VALID_INPUT['request-extension']);
    step('approve-extension', 'supervisor', { workingDays: 3 });
    step('reply', 'unit-handler', VALID_INPUT.reply);
    step('start-review', 'supervisor', {});
    step('review-accept', 'supervisor', {});
    step('callback', 'agent', { rating: 'dissatisfied', note: '企业反映仍未恢复供电' });
    expect(facts.state).toBe('in-progress');
    step('reply', 'unit-handler', { reply: '已再次协调，现已恢复供电。' });
    step('review-accept', 'agent', {});
    step('callback', 'agent', { rating: 'basically-satisfied' });
    step('archive', 'supervisor', {});

    expect(facts).toEqual({ state: 'archived', extensionPending: false, escalationPending: undefined });
    expect(types).toEqual([
      'dispatched',
      'signed',
      'contacted',
      'extension-requested',
      'extension-approved',
      'replied',
      'review-started',
      'review-accepted',
      'called-back',
      'replied',
      'review-accepted',
      'called-back',
      'archived',
    ]);
  });
});

describe('availableActions', () => {
  it('lists what a unit handler can do with a new dispatch', () => {
    expect(availableActions('dispatched', 'unit-handler')).toEqual(['sign', 'return']);
  });

  it('offers the extension decision only while one is pending', () => {
    expect(availableActions({ state: 'in-progress', extensionPending: true }, 'supervisor')).toEqual([
      'approve-extension',
      'refuse-extension',
      'escalate',
      'supervise',
      'redispatch',
    ]);
    expect(availableActions({ state: 'in-progress' }, 'supervisor')).toEqual(['escalate', 'supervise', 'redispatch']);
  });

  it('offers a leader only the pending instruction', () => {
    expect(availableActions({ state: 'in-progress', escalationPending: true }, 'leader')).toEqual(['instruct']);
    expect(availableActions({ state: 'in-progress' }, 'leader')).toEqual([]);
  });

  it('offers nothing on an archived case', () => {
    for (const actor of [...ROLES, 'system'] as Actor[]) expect(availableActions('archived', actor)).toEqual([]);
  });

  it('labels every action in Chinese', () => {
    for (const action of CASE_ACTIONS) expect(caseActionLabel(action)).toMatch(/^[\u4e00-\u9fff]+$/);
  });
});
