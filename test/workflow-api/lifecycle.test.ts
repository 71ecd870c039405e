import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startWorkflowPlatform, type WorkflowPlatform } from './support/workflow-platform';

describe.each(DIALECTS)('case lifecycle over the API on %s', (dialect) => {
  let p: WorkflowPlatform;
  let market: number;
  let housing: number;
  let tax: number;

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
    market = p.unitId('0101');
    housing = p.unitId('0103');
    tax = p.unitId('0105');
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('runs a case from dispatch through rework and a dissatisfied callback to archive', async () => {
    const registered = await p.register();
    const id = registered.id;

    const dispatched = await p.must('agent1', id, 'dispatch', { leadUnitId: market, coUnitIds: [housing], note: '请核查' });
    expect(dispatched.state).toBe('dispatched');
    expect(dispatched.handlingUnitId).toBe(market);
    expect(dispatched.units).toEqual([
      { orgUnitId: market, name: '县市场监督管理局', role: 'lead', state: 'active' },
      { orgUnitId: housing, name: '县住房和城乡建设局', role: 'co', state: 'active' },
    ]);
    expect(Object.keys(dispatched.dueDates).sort()).toEqual(['complete', 'first-contact', 'sign']);
    expect(['normal', 'yellow']).toContain(dispatched.deadlineLevel);
    expect(dispatched.dueAt).toBe(dispatched.dueDates.complete.dueAt);

    const signed = await p.must('unit1', id, 'sign');
    expect(signed.state).toBe('signed');
    expect(signed.dueDates.sign.metAt).not.toBeNull();
    expect(signed.availableActions).toEqual(expect.arrayContaining(['contact', 'return', 'request-extension']));
    expect(signed.availableActions).not.toContain('co-reply');

    const contacted = await p.must('unit1', id, 'contact', { method: 'phone', note: '已电话联系张先生' });
    expect(contacted.state).toBe('in-progress');

    const requested = await p.must('unit1', id, 'request-extension', { workingDays: 3, reason: '需等待检测报告' });
    expect(requested).toMatchObject({ state: 'in-progress', extensionPending: true, extensionRequestedDays: 3 });

    const approved = await p.must('monitor1', id, 'approve-extension', { workingDays: 3 });
    expect(approved).toMatchObject({ extensionPending: false, extensionRequestedDays: null, extensionDays: 3 });
    expect(new Date(approved.dueAt).getTime()).toBeGreaterThan(new Date(contacted.dueAt).getTime());
    expect(approved.dueDates.complete.dueAt).toBe(approved.dueAt);

    const coReplied = await p.must('housing1', id, 'co-reply', { reply: '我局已配合现场核查' });
    expect(coReplied.units[1]).toMatchObject({ orgUnitId: housing, state: 'co-replied' });

    const replied = await p.must('unit1', id, 'reply', { reply: '已责令超市下架过期食品并立案调查。' });
    expect(replied.state).toBe('replied');
    expect(replied.dueDates.complete.metAt).not.toBeNull();

    expect((await p.must('agent1', id, 'start-review')).state).toBe('review');
    const rework = await p.must('agent1', id, 'review-rework', { reason: '未说明对诉求人的处理结果' });
    expect(rework).toMatchObject({ state: 'in-progress', supervised: true, reopenCount: 1 });
    expect(rework.dueDates.complete.metAt).toBeNull();
    expect(new Date(rework.dueDates.complete.startedAt).getTime()).toBeGreaterThan(new Date(replied.dueDates.complete.startedAt).getTime());
    expect(rework.dueAt).toBe(rework.dueDates.complete.dueAt);

    await p.must('unit1', id, 'reply', { reply: '已立案，罚款五千元，已告知诉求人。' });
    expect((await p.must('agent1', id, 'review-accept', { note: '答复完整' })).state).toBe('callback');

    const dissatisfied = await p.must('agent1', id, 'callback', { rating: 'dissatisfied', note: '诉求人认为处罚过轻' });
    expect(dissatisfied).toMatchObject({ state: 'in-progress', satisfaction: 'dissatisfied', supervised: true, reopenCount: 2 });
    expect(dissatisfied.dueDates.complete.metAt).toBeNull();

    await p.must('unit1', id, 'reply', { reply: '已再次约谈超市负责人。' });
    await p.must('agent1', id, 'review-accept');
    const closed = await p.must('agent1', id, 'callback', { rating: 'satisfied' });
    expect(closed).toMatchObject({ state: 'closed', satisfaction: 'satisfied' });

    const archived = await p.must('monitor1', id, 'archive');
    expect(archived.state).toBe('archived');
    expect(archived.availableActions).toEqual([]);
    expect(archived.timeline.map((event: { type: string }) => event.type)).toEqual([
      'registered',
      'dispatched',
      'signed',
      'contacted',
      'extension-requested',
      'extension-approved',
      'co-replied',
      'replied',
      'review-started',
      'rework-requested',
      'replied',
      'review-accepted',
      'called-back',
      'replied',
      'review-accepted',
      'called-back',
      'archived',
    ]);
    expect(archived.timeline[1]).toMatchObject({ fromState: 'registered', toState: 'dispatched', actorName: '王静', note: '请核查' });
    expect(archived.version).toBe(16);
  });

  it('answers on the spot, then archives', async () => {
    const { id } = await p.register();

    expect((await p.must('agent1', id, 'answer-on-spot', { answer: '请携带营业执照到政务服务中心办理。' })).state).toBe('answered-on-spot');
    expect((await p.must('admin', id, 'archive')).state).toBe('archived');
  });

  it('refuses a matter, then reopens it for registration', async () => {
    const { id } = await p.register();

    const refused = await p.must('agent1', id, 'not-accept', { reason: 'economic-dispute', note: '货款纠纷' });
    expect(refused.state).toBe('not-accepted');
    expect(refused.timeline.at(-1)).toMatchObject({ type: 'not-accepted', data: { reason: 'economic-dispute', note: '货款纠纷' } });

    const reopened = await p.must('monitor1', id, 'reopen', { reason: '企业补充了新的情况' });
    expect(reopened).toMatchObject({ state: 'registered', reopenCount: 1 });
  });

  it('reviews a return: rejects it once, then re-dispatches to another unit', async () => {
    const { id } = await p.register();
    await p.must('agent1', id, 'dispatch', { leadUnitId: market });

    expect((await p.must('unit1', id, 'return', { reason: '属于税务事项', suggestedUnit: '县税务局' })).state).toBe('returned');
    expect((await p.must('monitor1', id, 'review-return-reject', { reason: '属于贵单位职责' })).state).toBe('signed');

    await p.must('unit1', id, 'return', { reason: '确属税务事项' });
    const redispatched = await p.must('monitor1', id, 'review-return-accept', { leadUnitId: tax });
    expect(redispatched).toMatchObject({ state: 'dispatched', handlingUnitId: tax, handlingUnitName: '县税务局' });
    expect(redispatched.units).toEqual([
      { orgUnitId: tax, name: '县税务局', role: 'lead', state: 'active' },
      { orgUnitId: market, name: '县市场监督管理局', role: 'lead', state: 'withdrawn' },
    ]);

    expect((await p.must('tax1', id, 'sign')).state).toBe('signed');
    expect((await p.act('unit1', id, 'contact', { method: 'phone', note: '已联系' })).status).toBe(403);
  });

  it('refuses an extension, supervises, re-dispatches, closes without callback and reopens', async () => {
    const { id } = await p.register();
    await p.must('agent1', id, 'dispatch', { leadUnitId: market });
    await p.must('unit1', id, 'sign');
    await p.must('unit1', id, 'request-extension', { workingDays: 10, reason: '人手不足' });

    const refused = await p.must('monitor1', id, 'refuse-extension', { reason: '理由不充分' });
    expect(refused).toMatchObject({ extensionPending: false, extensionDays: 0 });

    expect((await p.must('monitor1', id, 'supervise', { reason: '请加快办理' })).supervised).toBe(true);

    const moved = await p.must('monitor1', id, 'redispatch', { leadUnitId: tax, coUnitIds: [market], reason: '涉及税费' });
    expect(moved).toMatchObject({ state: 'dispatched', handlingUnitId: tax });
    expect(moved.units.map((unit: { orgUnitId: number; role: string; state: string }) => [unit.orgUnitId, unit.role, unit.state])).toEqual([
      [tax, 'lead', 'active'],
      [market, 'co', 'active'],
    ]);

    await p.must('tax1', id, 'sign');
    await p.must('tax1', id, 'contact', { method: 'visit', note: '上门核实' });
    await p.must('tax1', id, 'reply', { reply: '已处理' });
    await p.must('agent1', id, 'review-accept');
    expect((await p.must('monitor1', id, 'close', { reason: '三次回访均未接通' })).state).toBe('closed');

    const reopened = await p.must('monitor1', id, 'reopen', { reason: '诉求人来电反映仍未解决' });
    expect(reopened).toMatchObject({ state: 'in-progress', reopenCount: 1 });
    expect(reopened.dueDates.complete.metAt).toBeNull();
    expect(reopened.deadlineLevel).not.toBeNull();
  });

  it('escalates to a leader, who writes an instruction', async () => {
    const { id } = await p.register();
    await p.must('agent1', id, 'dispatch', { leadUnitId: market });

    const escalated = await p.must('monitor1', id, 'escalate', { reason: '涉及多家企业', leaderUserId: p.userId('leader1') });
    expect(escalated).toMatchObject({ escalationPending: true, escalatedToUserId: p.userId('leader1'), escalationMajor: false });
    expect(escalated.timeline.at(-1).data.leaderName).toBe('赵敏');

    const seen = await p.read('leader1', id);
    expect(seen.status).toBe(200);
    expect(seen.body.availableActions).toEqual(['instruct']);

    const instructed = await p.must('leader1', id, 'instruct', { instruction: '请市场监管局三日内办结' });
    expect(instructed.escalationPending).toBe(false);
    expect(instructed.timeline.at(-1)).toMatchObject({ type: 'instructed', note: '请市场监管局三日内办结', actorName: '赵敏' });
  });

  it('sends a major case to every principal leader', async () => {
    const { id } = await p.register();
    await p.must('monitor1', id, 'escalate', { reason: '重大投资承诺不兑现', major: true });

    expect((await p.read('leader2', id)).body.availableActions).toEqual(['instruct']);
    expect((await p.must('leader2', id, 'instruct', { instruction: '请县发改委牵头处理' })).escalationPending).toBe(false);
  });

  it('queues one push for a unit with its own system', async () => {
    const { UnitEndpoint, Delivery } = p.test.platform.db.models;
    await UnitEndpoint.create({ orgUnitId: tax, url: 'http://127.0.0.1:9/webhook', secret: 'unit-endpoint-secret-for-tests-0001' });
    const { id } = await p.register();

    const refused = await p.act('agent1', id, 'dispatch', { leadUnitId: tax, coUnitIds: [99999] });
    expect(refused.status).toBe(400);
    expect(await Delivery.count({ where: { caseId: id } })).toBe(0);

    await p.must('agent1', id, 'dispatch', { leadUnitId: tax, coUnitIds: [market] });

    const deliveries = await Delivery.findAll({ where: { caseId: id } });
    expect(deliveries.map((delivery) => [delivery.orgUnitId, delivery.status])).toEqual([[tax, 'pending']]);
  });

  it('keeps every event and never deletes a unit row', async () => {
    const { CaseEvent, CaseUnit } = p.test.platform.db.models;
    const events = await CaseEvent.count();
    const units = await CaseUnit.count();
    const { id } = await p.register();
    await p.must('agent1', id, 'dispatch', { leadUnitId: market, coUnitIds: [housing] });
    await p.must('monitor1', id, 'redispatch', { leadUnitId: tax, reason: '改派' });

    expect(await CaseEvent.count()).toBe(events + 3);
    expect(await CaseUnit.count()).toBe(units + 3);
  });
});
