import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startWorkflowPlatform, type WorkflowPlatform } from './support/workflow-platform';

const CONFLICT_MESSAGE = '该工单刚被其他人办理过，请刷新后查看最新状态再操作';

describe.each(DIALECTS)('concurrent case actions on %s', (dialect) => {
  let p: WorkflowPlatform;

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
  });
  afterAll(async () => {
    await p?.stop();
  });

  async function signedCase(): Promise<{ id: number; version: number }> {
    const { id } = await p.register();
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101'), coUnitIds: [p.unitId('0103')] });
    const signed = await p.must('unit1', id, 'sign');
    return { id, version: signed.version };
  }

  it('gives two units acting at once one CONFLICT', async () => {
    for (let round = 0; round < 5; round++) {
      const { id, version } = await signedCase();

      const responses = await Promise.all([
        p.act('unit1', id, 'contact', { version, method: 'phone', note: '已电话联系' }),
        p.act('housing1', id, 'co-reply', { version, reply: '已配合核查' }),
      ]);

      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([200, 409]);
      const loser = responses.find((response) => response.status === 409)!;
      expect(loser.body.error).toMatchObject({ code: 'CONFLICT', message: CONFLICT_MESSAGE });

      const after = (await p.read('monitor1', id)).body;
      expect(after.version).toBe(version + 1);
      const types = after.timeline.map((event: { type: string }) => event.type);
      expect(types.filter((type: string) => type === 'contacted' || type === 'co-replied')).toHaveLength(1);
    }
  });

  it('lets one of two handlers sign', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await p.register();
      const { version } = await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101') });

      const responses = await Promise.all([p.act('unit1', id, 'sign', { version }), p.act('unit1b', id, 'sign', { version })]);

      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(responses.find((response) => response.status === 409)!.body.error.code).toBe('CONFLICT');
      const signedEvents = (await p.read('monitor1', id)).body.timeline.filter((event: { type: string }) => event.type === 'signed');
      expect(signedEvents).toHaveLength(1);
    }
  });

  it('never applies the same transition twice when no version is sent', async () => {
    for (let round = 0; round < 5; round++) {
      const { id } = await p.register();
      await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101') });

      const responses = await Promise.all([p.act('unit1', id, 'sign'), p.act('unit1b', id, 'sign')]);

      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      const loser = responses.find((response) => response.status === 409)!;
      expect(['CONFLICT', 'INVALID_STATE']).toContain(loser.body.error.code);
      const signedEvents = (await p.read('monitor1', id)).body.timeline.filter((event: { type: string }) => event.type === 'signed');
      expect(signedEvents).toHaveLength(1);
    }
  });

  it('starts one set of clocks when two agents dispatch at once', async () => {
    const { id } = await p.register();

    const responses = await Promise.all([
      p.act('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101') }),
      p.act('monitor1', id, 'dispatch', { leadUnitId: p.unitId('0105') }),
    ]);

    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    const { CaseDeadline, CaseUnit } = p.test.platform.db.models;
    expect(await CaseDeadline.count({ where: { caseId: id } })).toBe(3);
    expect(await CaseUnit.count({ where: { caseId: id } })).toBe(1);
  });
});
