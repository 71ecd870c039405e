import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startWorkflowPlatform, type Username, type WorkflowPlatform } from './support/workflow-platform';

type Stage = 'registered' | 'dispatched' | 'signed' | 'in-progress' | 'extension-pending' | 'co-replied' | 'escalated' | 'closed' | 'archived';

/** A forbidden request: the stage the case is in, who acts, the action and input, and the expected refusal. */
type Refusal = [name: string, stage: Stage, username: Username, action: string, input: Record<string, unknown>, status: number, code: string, message: string];

const ACCESS_DENIED = '您无权办理此工单：它不是您登记或接听的，也没有转办给您的单位或专报给您';

const REFUSALS: Refusal[] = [
  ['an agent signing for a case', 'dispatched', 'agent1', 'sign', {}, 403, 'FORBIDDEN', '受理员无权签收：签收只能由承办人进行'],
  ['a unit handler dispatching', 'registered', 'unit1', 'dispatch', { leadUnitId: 1 }, 403, 'FORBIDDEN', ACCESS_DENIED],
  ['a unit handler approving its own extension', 'extension-pending', 'unit1', 'approve-extension', { workingDays: 3 }, 403, 'FORBIDDEN', '承办人无权批准延期：批准延期只能由班长进行'],
  ['an agent approving an extension', 'extension-pending', 'agent1', 'approve-extension', { workingDays: 3 }, 403, 'FORBIDDEN', '受理员无权批准延期：批准延期只能由班长进行'],
  ['an agent archiving', 'closed', 'agent1', 'archive', {}, 403, 'FORBIDDEN', '受理员无权归档：归档只能由班长、管理员进行'],
  ['an agent escalating', 'dispatched', 'agent1', 'escalate', { reason: '重大', major: true }, 403, 'FORBIDDEN', '受理员无权专报批办：专报批办只能由班长、系统进行'],
  ['a unit of another case signing', 'dispatched', 'tax1', 'sign', {}, 403, 'FORBIDDEN', ACCESS_DENIED],
  ['a co-handling unit signing', 'dispatched', 'housing1', 'sign', {}, 403, 'FORBIDDEN', '协办单位不能签收：只有主办单位可以签收，协办单位请提交协办意见'],
  ['a co-handling unit replying', 'in-progress', 'housing1', 'reply', { reply: '已处理' }, 403, 'FORBIDDEN', '协办单位不能答复：只有主办单位可以答复，协办单位请提交协办意见'],
  ['the lead unit giving a co-reply', 'signed', 'unit1', 'co-reply', { reply: '配合' }, 403, 'FORBIDDEN', '主办单位不能提交协办意见，请直接答复'],
  ['a co-handling unit replying twice', 'co-replied', 'housing1', 'co-reply', { reply: '再次配合' }, 409, 'INVALID_STATE', '本单位已提交协办意见，不能重复提交'],
  ['a leader the case was not escalated to', 'escalated', 'leader2', 'instruct', { instruction: '同意' }, 403, 'FORBIDDEN', ACCESS_DENIED],
  ['signing for twice', 'signed', 'unit1', 'sign', {}, 409, 'INVALID_STATE', '当前状态为已签收，不能再次签收'],
  ['replying before contacting the caller', 'signed', 'unit1', 'reply', { reply: '已处理' }, 409, 'INVALID_STATE', '当前状态为已签收，不能答复：只有办理中的工单可以答复'],
  ['dispatching a closed case', 'closed', 'monitor1', 'dispatch', { leadUnitId: 2 }, 409, 'INVALID_STATE', '当前状态为已办结，不能转办：只有已登记的工单可以转办'],
  ['archiving an open case', 'in-progress', 'monitor1', 'archive', {}, 409, 'INVALID_STATE', '当前状态为办理中，不能归档：只有已办结、直接办理、不予受理、已并单的工单可以归档'],
  ['changing an archived case', 'archived', 'monitor1', 'reopen', { reason: '再办' }, 409, 'INVALID_STATE', '当前状态为已归档，不能重新办理：已归档的工单只能查看，不能再更改'],
  ['approving without a pending request', 'in-progress', 'monitor1', 'approve-extension', { workingDays: 3 }, 409, 'INVALID_STATE', '该工单没有待审批的延期申请'],
  ['requesting a second extension', 'extension-pending', 'unit1', 'request-extension', { workingDays: 2, reason: '再延' }, 409, 'INVALID_STATE', '该工单已有待审批的延期申请，请等待审批结果后再申请'],
  ['instructing without an escalation', 'dispatched', 'monitor1', 'instruct', { instruction: '同意' }, 403, 'FORBIDDEN', '班长无权批示：批示只能由领导进行'],
  ['an unknown action', 'registered', 'agent1', 'delete', {}, 400, 'VALIDATION_FAILED', '未知的工单操作“delete”'],
  ['a return without a reason', 'dispatched', 'unit1', 'return', {}, 400, 'VALIDATION_FAILED', '请填写退单原因'],
  ['a dispatch without a lead unit', 'registered', 'agent1', 'dispatch', {}, 400, 'VALIDATION_FAILED', '请选择主办单位'],
  ['a dispatch to the platform itself', 'registered', 'agent1', 'dispatch', { leadUnitId: 1 }, 400, 'VALIDATION_FAILED', '民权县12345平台是受理平台，不能作为主办单位'],
  ['a dispatch to a unit that does not exist', 'registered', 'agent1', 'dispatch', { leadUnitId: 99999 }, 400, 'VALIDATION_FAILED', '所选主办单位不存在'],
  ['an escalation without a leader', 'dispatched', 'monitor1', 'escalate', { reason: '需领导协调' }, 400, 'VALIDATION_FAILED', '请选择批示领导，或勾选“重大事项”报县主要领导'],
  ['an escalation to a user who is no leader', 'dispatched', 'monitor1', 'escalate', { reason: '需领导协调', leaderUserId: 1 }, 400, 'VALIDATION_FAILED', '所选批示领导不存在或不是领导账号'],
];

describe.each(DIALECTS)('forbidden case actions on %s', (dialect) => {
  let p: WorkflowPlatform;

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
  });
  afterAll(async () => {
    await p?.stop();
  });

  /** Registers a case and drives it to `stage` through the API. */
  async function caseAt(stage: Stage): Promise<number> {
    const { id } = await p.register();
    if (stage === 'registered') return id;
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101'), coUnitIds: [p.unitId('0103')] });
    if (stage === 'dispatched') return id;
    if (stage === 'escalated') {
      await p.must('monitor1', id, 'escalate', { reason: '需领导协调', leaderUserId: p.userId('leader1') });
      return id;
    }
    await p.must('unit1', id, 'sign');
    if (stage === 'signed') return id;
    if (stage === 'co-replied') {
      await p.must('housing1', id, 'co-reply', { reply: '已配合核查' });
      return id;
    }
    await p.must('unit1', id, 'contact', { method: 'phone', note: '已联系' });
    if (stage === 'in-progress') return id;
    if (stage === 'extension-pending') {
      await p.must('unit1', id, 'request-extension', { workingDays: 3, reason: '等待检测' });
      return id;
    }
    await p.must('unit1', id, 'reply', { reply: '已处理' });
    await p.must('agent1', id, 'review-accept');
    await p.must('agent1', id, 'callback', { rating: 'satisfied' });
    if (stage === 'closed') return id;
    await p.must('monitor1', id, 'archive');
    return id;
  }

  it.each(REFUSALS)('refuses %s', async (_name, stage, username, action, input, status, code, message) => {
    const id = await caseAt(stage);
    const before = await p.read('monitor1', id);

    const response = await p.act(username, id, action, input);

    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.body.error.message).toBe(message);
    const after = await p.read('monitor1', id);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.timeline).toHaveLength(before.body.timeline.length);
  });

  it('refuses an action based on an older version with CONFLICT', async () => {
    const id = await caseAt('dispatched');
    const { version } = (await p.read('unit1', id)).body;
    await p.must('monitor1', id, 'supervise', { reason: '请尽快签收' });

    const response = await p.act('unit1', id, 'sign', { version });

    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'CONFLICT', message: '该工单刚被其他人办理过，请刷新后查看最新状态再操作' });
    expect((await p.read('unit1', id)).body.state).toBe('dispatched');
  });

  it('answers 404 for an unknown case and 401 without a login', async () => {
    const missing = await p.act('monitor1', 999999, 'supervise', { reason: '催办' });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'NOT_FOUND', message: '工单不存在' });

    const anonymous = await p.test.request('POST', '/api/cases/1/actions', { body: { action: 'sign' } });
    expect(anonymous.status).toBe(401);
  });

  it('rolls the whole action back when a unit in the input is invalid', async () => {
    const id = await caseAt('registered');
    const { CaseUnit, CaseDeadline } = p.test.platform.db.models;

    const response = await p.act('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101'), coUnitIds: [99999] });

    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual([{ field: 'coUnitIds.0', message: '所选协办单位不存在' }]);
    expect((await p.read('agent1', id)).body.state).toBe('registered');
    expect(await CaseUnit.count({ where: { caseId: id } })).toBe(0);
    expect(await CaseDeadline.count({ where: { caseId: id } })).toBe(0);
  });
});
