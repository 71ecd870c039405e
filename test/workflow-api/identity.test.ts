import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startWorkflowPlatform, type WorkflowPlatform } from './support/workflow-platform';

describe.each(DIALECTS)('reporter identity on %s', (dialect) => {
  let p: WorkflowPlatform;

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
  });
  afterAll(async () => {
    await p?.stop();
  });

  /** Identity views of the case after the first `skip`, oldest first. */
  async function identityViews(caseId: number, skip = 0) {
    const rows = await p.test.platform.db.models.IdentityView.findAll({ where: { caseId }, order: [['id', 'ASC']] });
    return rows.slice(skip).map((row) => ({ userId: row.userId, kind: row.kind, reason: row.reason }));
  }

  async function dispatchedCase(overrides: Record<string, unknown>): Promise<number> {
    const { id } = await p.register({ kind: 'report', ...overrides });
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101') });
    return id;
  }

  it('masks an anonymous report for the unit, logs the release and the unit\'s later views', async () => {
    const id = await dispatchedCase({ anonymous: true, callerName: '', callerNumber: '13812345678', title: '举报某单位吃拿卡要' });
    // The responses to the agent's registration and dispatch showed the full identity.
    const agentView = { userId: p.userId('agent1'), kind: 'read', reason: null };
    expect(await identityViews(id)).toEqual([agentView, agentView]);

    const masked = await p.read('unit1', id);
    expect(masked.status).toBe(200);
    expect(masked.body).toMatchObject({ callerNumber: '138****5678', identityMasked: true, identityReleased: false, realName: false });
    expect(await identityViews(id, 2)).toEqual([]);

    const released = await p.test.request('POST', `/api/cases/${id}/reveal-identity`, {
      token: p.token.monitor1,
      body: { reason: '承办单位需要回电核实举报细节' },
    });
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({ identityReleased: true, identityMasked: false, callerNumber: '13812345678' });
    expect(released.body.timeline.at(-1)).toMatchObject({ type: 'identity-released', note: '承办单位需要回电核实举报细节', actorName: '刘洋' });

    const full = await p.read('unit1', id);
    expect(full.body).toMatchObject({ callerNumber: '13812345678', identityMasked: false });

    expect(await identityViews(id, 2)).toEqual([
      { userId: p.userId('monitor1'), kind: 'release', reason: '承办单位需要回电核实举报细节' },
      { userId: p.userId('monitor1'), kind: 'read', reason: null },
      { userId: p.userId('unit1'), kind: 'read', reason: null },
    ]);
  });

  it('masks a confidential reporter\'s name, number and enterprise for units and leaders', async () => {
    const enterpriseId = (await p.test.platform.db.models.Enterprise.findOne({ order: [['id', 'ASC']] }))!.id;
    const id = await dispatchedCase({ confidential: true, callerName: '张建华', callerNumber: '13812345678', enterpriseId });
    await p.must('monitor1', id, 'escalate', { reason: '需领导协调', leaderUserId: p.userId('leader1') });
    const platformViews = (await identityViews(id)).length;

    for (const username of ['unit1', 'leader1'] as const) {
      const view = (await p.read(username, id)).body;
      expect(view.callerName).toBe('张**');
      expect(view.callerNumber).toBe('138****5678');
      expect(view.enterprise.name).toMatch(/^民权\*{4}$/);
      expect(view.enterprise.creditCode).toMatch(/^.{2}\*{16}$/);
      expect(view.enterprise.address).toBeNull();
    }
    expect(await identityViews(id, platformViews)).toEqual([]);
  });

  it('shows the platform the full identity and logs every showing', async () => {
    const id = await dispatchedCase({ confidential: true });

    const view = (await p.read('agent1', id)).body;
    await p.read('monitor1', id);

    expect(view).toMatchObject({ callerName: '张建华', callerNumber: '13812345678', identityMasked: false });
    // The first two views are the responses to the agent's registration and dispatch.
    expect(await identityViews(id)).toEqual([
      { userId: p.userId('agent1'), kind: 'read', reason: null },
      { userId: p.userId('agent1'), kind: 'read', reason: null },
      { userId: p.userId('agent1'), kind: 'read', reason: null },
      { userId: p.userId('monitor1'), kind: 'read', reason: null },
    ]);
    const listed = await p.test.request('GET', `/api/cases/${id}/identity-views`, { token: p.token.monitor1 });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { userName: string; kind: string }) => [item.userName, item.kind])).toEqual([
      ['王静', 'read'],
      ['王静', 'read'],
      ['王静', 'read'],
      ['刘洋', 'read'],
    ]);
  });

  it('shows a real-name, open reporter to the unit without logging', async () => {
    const id = await dispatchedCase({});

    expect((await p.read('unit1', id)).body).toMatchObject({ callerName: '张建华', callerNumber: '13812345678', identityMasked: false, realName: true });
    expect(await identityViews(id)).toEqual([]);
  });

  it('lets only supervisors and admins release an identity, with a reason, once', async () => {
    const id = await dispatchedCase({ confidential: true });
    const reveal = (username: 'agent1' | 'unit1' | 'monitor1', body: unknown) =>
      p.test.request('POST', `/api/cases/${id}/reveal-identity`, { token: p.token[username], body });

    for (const username of ['agent1', 'unit1'] as const) {
      const refused = await reveal(username, { reason: '核实' });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: '您的角色无权向承办单位公开诉求人身份' });
    }
    const blank = await reveal('monitor1', { reason: '  ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.fields).toEqual([{ field: 'reason', message: '请填写公开诉求人身份的理由' }]);

    expect((await reveal('monitor1', { reason: '核实' })).status).toBe(200);
    const again = await reveal('monitor1', { reason: '再次公开' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'INVALID_STATE', message: '诉求人身份已向承办单位公开，无需重复操作' });

    const open = await dispatchedCase({});
    const needless = await p.test.request('POST', `/api/cases/${open}/reveal-identity`, { token: p.token.monitor1, body: { reason: '核实' } });
    expect(needless.status).toBe(409);
    expect(needless.body.error.code).toBe('INVALID_STATE');
  });

  it('keeps units out of the identity log and out of cases not theirs', async () => {
    const id = await dispatchedCase({ confidential: true });

    expect((await p.test.request('GET', `/api/cases/${id}/identity-views`, { token: p.token.unit1 })).status).toBe(403);
    const other = await p.read('tax1', id);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
  });
});
