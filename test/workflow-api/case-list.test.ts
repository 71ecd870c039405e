import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startWorkflowPlatform, type Username, type WorkflowPlatform } from './support/workflow-platform';

type ListedCase = { id: number; dueAt: string | null; deadlineLevel: string | null; supervised: boolean; [key: string]: unknown };

describe.each(DIALECTS)('case list deadlines on %s', (dialect) => {
  let p: WorkflowPlatform;
  let registeredId: number;
  let dispatchedId: number;
  let supervisedId: number;

  const list = async (username: Username, query = '') => {
    const response = await p.test.request('GET', `/api/cases${query}`, { token: p.token[username] });
    if (response.status !== 200) throw new Error(`case list of ${username}: ${JSON.stringify(response.body)}`);
    return response.body as { total: number; items: ListedCase[] };
  };

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
    registeredId = (await p.register({ title: '未派单的工单' })).id;
    dispatchedId = (await p.register({ title: '已派单的工单' })).id;
    await p.must('agent1', dispatchedId, 'dispatch', { leadUnitId: p.unitId('0105') });
    supervisedId = (await p.register({ title: '被督办的工单' })).id;
    await p.must('agent1', supervisedId, 'dispatch', { leadUnitId: p.unitId('0105') });
    await p.must('monitor1', supervisedId, 'supervise', { reason: '请优先办理' });
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('gives a dispatched case its due date and level', async () => {
    const items = (await list('monitor1')).items;
    const dispatched = items.find((item) => item.id === dispatchedId)!;
    const detail = (await p.read('monitor1', dispatchedId)).body;

    expect(dispatched.dueAt).toBe(detail.dueAt);
    expect(typeof dispatched.dueAt).toBe('string');
    expect(dispatched.deadlineLevel).toBe(detail.deadlineLevel);
    expect(dispatched.deadlineLevel).toBe('normal');
    expect(dispatched.supervised).toBe(false);
  });

  it('leaves a registered case without deadline', async () => {
    const registered = (await list('monitor1')).items.find((item) => item.id === registeredId)!;

    expect(registered.dueAt).toBeNull();
    expect(registered.deadlineLevel).toBeNull();
    expect(registered.supervised).toBe(false);
  });

  it('flags a supervised case', async () => {
    const supervised = (await list('monitor1')).items.find((item) => item.id === supervisedId)!;

    expect(supervised.supervised).toBe(true);
    expect(typeof supervised.dueAt).toBe('string');
  });

  it('adds the fields on every page and for agents', async () => {
    const page = await list('monitor1', '?limit=1&offset=1');
    const own = await list('agent1', '?mine=true');

    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toHaveProperty('deadlineLevel');
    expect(own.items.find((item) => item.id === dispatchedId)).toMatchObject({ supervised: false, deadlineLevel: 'normal' });
  });

  it('rejects an invalid page', async () => {
    const bad = await p.test.request('GET', '/api/cases?limit=0', { token: p.token.monitor1 });

    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
