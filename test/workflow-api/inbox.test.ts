import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent } from '../server/support/test-platform';
import { DIALECTS, startWorkflowPlatform, type Username, type WorkflowPlatform } from './support/workflow-platform';

describe.each(DIALECTS)('inboxes on %s', (dialect) => {
  let p: WorkflowPlatform;
  /** Case ids by a name that says what makes them sort where they do. */
  const cases: Record<string, number> = {};

  const inbox = async (username: Username, query = '') => {
    const response = await p.test.request('GET', `/api/inbox${query}`, { token: p.token[username] });
    if (response.status !== 200) throw new Error(`inbox of ${username}: ${JSON.stringify(response.body)}`);
    return response.body as { total: number; items: { id: number; [key: string]: unknown }[] };
  };
  const idsOf = async (username: Username) => (await inbox(username)).items.map((item) => item.id);

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
    const tax = p.unitId('0105');
    const dispatchToTax = async (name: string, overrides: Record<string, unknown>, coUnit = false) => {
      const { id } = await p.register({ title: name, ...overrides });
      const units = coUnit ? { leadUnitId: p.unitId('0101'), coUnitIds: [tax] } : { leadUnitId: tax };
      await p.must('agent1', id, 'dispatch', units);
      cases[name] = id;
    };

    await dispatchToTax('匿名求助', { kind: 'help', anonymous: true, callerName: '' });
    await dispatchToTax('实名投诉', { kind: 'complaint' });
    await dispatchToTax('实名咨询', { kind: 'consultation' });
    await dispatchToTax('匿名咨询', { kind: 'consultation', anonymous: true, callerName: '' });
    await dispatchToTax('实名建议被督办', { kind: 'suggestion' });
    await p.must('monitor1', cases['实名建议被督办'], 'supervise', { reason: '请优先办理' });
    await dispatchToTax('协办的实名投诉', { kind: 'complaint' }, true);

    const { id } = await p.register({ title: '转给市场监管局的工单' });
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101') });
    cases['别的单位'] = id;
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('lists real-name matters first, then supervised ones, then by due date', async () => {
    const page = await inbox('tax1');

    expect(page.items.map((item) => item.id)).toEqual([
      cases['实名建议被督办'],
      cases['实名咨询'],
      cases['实名投诉'],
      cases['协办的实名投诉'],
      cases['匿名咨询'],
      cases['匿名求助'],
    ]);
    expect(page.total).toBe(6);
  });

  it('describes each entry with its role, due date and deadline colour', async () => {
    const items = (await inbox('tax1')).items;
    const lead = items.find((item) => item.id === cases['实名咨询'])!;
    const co = items.find((item) => item.id === cases['协办的实名投诉'])!;

    expect(lead).toMatchObject({ unitRole: 'lead', realName: true, supervised: false, handlingUnitName: '县税务局', state: 'dispatched' });
    expect(['normal', 'yellow', 'red']).toContain(lead.deadlineLevel);
    expect(lead.deadlineLevel).toBe((await p.read('tax1', lead.id)).body.deadlineLevel);
    expect(typeof lead.dueAt).toBe('string');
    expect(co).toMatchObject({ unitRole: 'co', handlingUnitName: '县市场监督管理局' });
    expect(items.find((item) => item.id === cases['匿名求助'])).toMatchObject({ realName: false });
    expect(items.every((item) => !('callerNumber' in item) && !('callerName' in item))).toBe(true);
  });

  it('pages the inbox', async () => {
    const all = await idsOf('tax1');
    const second = await inbox('tax1', '?limit=2&offset=2');

    expect(second.items.map((item) => item.id)).toEqual(all.slice(2, 4));
    expect(second.total).toBe(all.length);
    const bad = await p.test.request('GET', '/api/inbox?limit=0', { token: p.token.tax1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('drops a case from the inbox once the unit replied', async () => {
    const id = cases['实名咨询'];
    await p.must('tax1', id, 'sign');
    await p.must('tax1', id, 'contact', { method: 'phone', note: '已联系' });
    expect(await idsOf('tax1')).toContain(id);

    await p.must('tax1', id, 'reply', { reply: '已答复企业' });

    expect(await idsOf('tax1')).not.toContain(id);
  });

  it('shows a leader the cases escalated to them until they instruct', async () => {
    await p.must('monitor1', cases['实名投诉'], 'escalate', { reason: '涉及多部门', leaderUserId: p.userId('leader1') });
    await p.must('monitor1', cases['匿名咨询'], 'escalate', { reason: '重大事项', major: true });

    expect(await idsOf('leader1')).toEqual([cases['实名投诉'], cases['匿名咨询']]);
    expect(await idsOf('leader2')).toEqual([cases['匿名咨询']]);

    await p.must('leader1', cases['实名投诉'], 'instruct', { instruction: '请税务局牵头办理' });
    expect(await idsOf('leader1')).toEqual([cases['匿名咨询']]);
  });

  it('tells the unit and the leader live', async () => {
    const [unitDesktop, leaderDesktop, otherUnitDesktop] = await Promise.all([
      p.test.connect(p.token.tax1),
      p.test.connect(p.token.leader2),
      p.test.connect(p.token.housing1),
    ]);
    const otherUnitCases: number[] = [];
    otherUnitDesktop.on('case:changed', (change) => otherUnitCases.push(change.caseId));
    const { id, caseNo } = await p.register({ title: '实时通知测试' });

    const dispatched = nextEvent(unitDesktop, 'case:changed', (change) => change.caseId === id);
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0105') });
    expect(await dispatched).toMatchObject({ caseId: id, caseNo, type: 'dispatched', fromState: 'registered', toState: 'dispatched', actorUserId: p.userId('agent1') });

    const escalated = nextEvent(leaderDesktop, 'case:changed', (change) => change.caseId === id);
    await p.must('monitor1', id, 'escalate', { reason: '请领导协调', leaderUserId: p.userId('leader2') });
    expect(await escalated).toMatchObject({ caseId: id, type: 'escalated' });

    const signed = nextEvent(unitDesktop, 'case:changed', (change) => change.caseId === id && change.type === 'signed');
    await p.must('tax1', id, 'sign');
    await signed;
    // Socket.IO keeps the order of one connection, so once the other unit has the event of a
    // later dispatch, it would already have any event of this case.
    const other = await p.register({ title: '另一个单位的工单' });
    const laterEvent = nextEvent(otherUnitDesktop, 'case:changed', (change) => change.caseId === other.id);
    await p.must('agent1', other.id, 'dispatch', { leadUnitId: p.unitId('0103') });
    await laterEvent;
    expect(otherUnitCases).not.toContain(id);
  });

  it('keeps each unit to its own cases and the platform out of inboxes', async () => {
    expect(await idsOf('unit1')).toContain(cases['别的单位']);
    expect(await idsOf('tax1')).not.toContain(cases['别的单位']);

    const refused = await p.test.request('GET', '/api/inbox', { token: p.token.agent1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '您的角色无权查看待办工单' });
  });
});
