import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startWorkflowPlatform, type WorkflowPlatform } from './support/workflow-platform';

describe.each(DIALECTS)('duplicates, merging and suggested units on %s', (dialect) => {
  let p: WorkflowPlatform;

  beforeAll(async () => {
    p = await startWorkflowPlatform(dialect);
  });
  afterAll(async () => {
    await p?.stop();
  });

  const duplicatesOf = (id: number, username: 'agent1' | 'unit1' = 'agent1') =>
    p.test.request('GET', `/api/cases/${id}/duplicates`, { token: p.token[username] });

  it('offers same-caller open cases for merging', async () => {
    const number = '13600000001';
    const first = await p.register({ callerNumber: number, title: '超市销售过期食品', categoryId: p.categoryId('P01') });
    await p.must('agent1', first.id, 'dispatch', { leadUnitId: p.unitId('0101') });
    const similar = await p.register({ callerNumber: number, title: '超市销售过期食品问题', categoryId: p.categoryId('P02') });
    const unrelated = await p.register({ callerNumber: number, title: '咨询社保缴费基数', categoryId: p.categoryId('P03') });
    const otherCaller = await p.register({ callerNumber: '13600000999', title: '超市销售过期食品', categoryId: p.categoryId('P01') });

    const second = await p.register({ callerNumber: number, title: '再次反映牛奶过期', categoryId: p.categoryId('P01') });
    expect(second.possibleDuplicates.map((item: { id: number }) => item.id)).toContain(first.id);
    const response = await duplicatesOf(second.id);

    expect(response.status).toBe(200);
    const ids = response.body.items.map((item: { id: number }) => item.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(unrelated.id);
    expect(ids).not.toContain(otherCaller.id);
    expect(ids).not.toContain(second.id);
    expect(response.body.items.find((item: { id: number }) => item.id === first.id)).toMatchObject({ sameCaller: true, sameCategory: true, state: 'dispatched' });

    const view = (await p.read('agent1', second.id)).body;
    expect(view.possibleDuplicates.map((item: { id: number }) => item.id)).toEqual(ids);

    const bySimilarTitle = (await duplicatesOf(similar.id)).body.items.find((item: { id: number }) => item.id === first.id);
    expect(bySimilarTitle).toMatchObject({ sameCategory: false, sameCaller: true });
    expect(bySimilarTitle.titleSimilarity).toBeGreaterThanOrEqual(0.5);
  });

  it('matches duplicates by enterprise as well as by number', async () => {
    const enterpriseId = (await p.test.platform.db.models.Enterprise.findOne({ order: [['id', 'DESC']] }))!.id;
    const first = await p.register({ callerNumber: '13600000011', enterpriseId, title: '厂区停电三天', categoryId: p.categoryId('P0402') });
    const second = await p.register({ callerNumber: '13600000012', enterpriseId, title: '厂区停电无人处理', categoryId: p.categoryId('P0402') });

    const match = (await duplicatesOf(second.id)).body.items.find((item: { id: number }) => item.id === first.id);
    expect(match).toMatchObject({ sameEnterprise: true, sameCaller: false, sameCategory: true });
  });

  it('merges a duplicate into the open case and never dispatches it', async () => {
    const number = '13600000021';
    const main = await p.register({ callerNumber: number, title: '道路施工堵塞厂门' });
    await p.must('agent1', main.id, 'dispatch', { leadUnitId: p.unitId('0108') });
    const duplicate = await p.register({ callerNumber: number, title: '道路施工堵塞厂门口' });

    const merged = await p.must('agent1', duplicate.id, 'merge', { intoCaseId: main.id, note: '同一事项' });

    expect(merged).toMatchObject({ state: 'merged', mergedIntoCaseId: main.id, units: [], dueDates: {}, availableActions: [], possibleDuplicates: [] });
    expect(merged.timeline.at(-1)).toMatchObject({ type: 'merged', toState: 'merged', data: { intoCaseId: main.id, intoCaseNo: main.caseNo } });
    const mainAfter = (await p.read('agent1', main.id)).body;
    expect(mainAfter.timeline.at(-1)).toMatchObject({ type: 'duplicate-merged', note: '同一事项', data: { caseId: duplicate.id, caseNo: duplicate.caseNo } });
    expect(mainAfter.state).toBe('dispatched');

    const dispatchAgain = await p.act('agent1', duplicate.id, 'dispatch', { leadUnitId: p.unitId('0108') });
    expect(dispatchAgain.status).toBe(409);
    expect(dispatchAgain.body.error).toMatchObject({ code: 'INVALID_STATE', message: '当前状态为已并单，不能转办：只有已登记的工单可以转办' });
    const { CaseUnit, CaseDeadline } = p.test.platform.db.models;
    expect(await CaseUnit.count({ where: { caseId: duplicate.id } })).toBe(0);
    expect(await CaseDeadline.count({ where: { caseId: duplicate.id } })).toBe(0);

    expect((await duplicatesOf(main.id)).body.items.map((item: { id: number }) => item.id)).not.toContain(duplicate.id);
    expect((await p.must('monitor1', duplicate.id, 'archive')).state).toBe('archived');
  });

  it('refuses to merge into itself, a missing case or a closed one', async () => {
    const closed = await p.register({ title: '已答复的咨询' });
    await p.must('agent1', closed.id, 'answer-on-spot', { answer: '已当场答复' });
    const { id } = await p.register();

    for (const [intoCaseId, message] of [
      [id, '不能将工单并入其自身'],
      [999999, '要并入的主工单不存在'],
      [closed.id, `主工单${closed.caseNo}当前状态为直接办理，只能并入未办结的工单`],
    ] as const) {
      const response = await p.act('agent1', id, 'merge', { intoCaseId });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ field: 'intoCaseId', message }]);
    }
    expect((await p.read('agent1', id)).body.state).toBe('registered');
  });

  it('keeps the duplicate search to the platform', async () => {
    const { id } = await p.register();
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0101') });

    const response = await duplicatesOf(id, 'unit1');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('suggests the discipline commission for conduct categories', async () => {
    for (const code of ['E02', 'E03', 'E05']) {
      const { id } = await p.register({ categoryId: p.categoryId(code), title: '反映某单位工作人员作风问题' });
      const view = (await p.read('agent1', id)).body;
      expect(view.suggestedUnit).toMatchObject({ orgUnitId: p.unitId('0301'), name: '县纪委监委' });
      expect(view.suggestedUnit.reason).toContain('县纪委监委');
    }

    const { id } = await p.register({ categoryId: p.categoryId('P01') });
    expect((await p.read('agent1', id)).body.suggestedUnit).toBeNull();
  });

  it('dispatches a conduct case to the discipline commission\'s inbox', async () => {
    const { id } = await p.register({ categoryId: p.categoryId('E05'), title: '举报审批窗口吃拿卡要' });
    await p.must('agent1', id, 'dispatch', { leadUnitId: p.unitId('0301') });

    const inbox = await p.test.request('GET', '/api/inbox', { token: p.token.discipline1 });
    expect(inbox.body.items.map((item: { id: number }) => item.id)).toContain(id);
    expect((await p.must('discipline1', id, 'sign')).state).toBe('signed');
  });
});
