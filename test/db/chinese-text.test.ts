import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCaseEvent, createCase, getCase, listCases, searchEnterprises, seed } from '../../db';
import { completeCreditCode } from '../../server/domain/credit-code';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

// 𠀀 and 𪚥 lie outside the Basic Multilingual Plane (4 bytes in UTF-8), like the emoji:
// MySQL's 3-byte utf8 would reject or mangle them.
const TITLE = '反映𠀀村道路积水😀，请尽快处理';
const CONTENT = '民权县绿洲街道的企业反映：厂区门前道路积水严重，车辆无法通行。𪚥字、全角标点“”（）……都要原样保存。';
const CALLER_NAME = '欧阳𠀀';

describe.each(DIALECTS)('Chinese text on %s', (dialect) => {
  let test: TestDatabase;
  let agentId: number;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    await seed(test.db, { password: 'Test-Password-1' });
    agentId = (await test.db.models.User.findOne({ where: { username: 'agent1' } }))!.id;
  });
  afterAll(async () => {
    await test.drop();
  });

  it('round-trips in a case, its enterprise and its timeline', async () => {
    const creditCode = completeCreditCode('91411421MA48D9U6W');
    const summary = await createCase(
      test.db,
      {
        channel: 'phone',
        kind: 'help',
        title: TITLE,
        content: CONTENT,
        callerName: CALLER_NAME,
        callerNumber: '13800000009',
        enterprise: { name: '民权县𠀀记食品有限公司', creditCode, address: '河南省商丘市民权县南华街道' },
      },
      { userId: agentId },
    );
    await addCaseEvent(test.db, { caseId: summary.id, type: 'note', actorUserId: agentId, note: '来电人补充：积水已持续三天😟', data: { 补充: '夜间更严重' } });

    const detail = await getCase(test.db, summary.id);

    expect(detail!.title).toBe(TITLE);
    expect(detail!.content).toBe(CONTENT);
    expect(detail!.callerName).toBe(CALLER_NAME);
    expect(detail!.enterprise).toMatchObject({ name: '民权县𠀀记食品有限公司', creditCode, address: '河南省商丘市民权县南华街道' });
    expect(detail!.createdByName).toBe('王静');
    expect(detail!.events.map((event) => event.type)).toEqual(['registered', 'note']);
    expect(detail!.events[1]).toMatchObject({ note: '来电人补充：积水已持续三天😟', data: { 补充: '夜间更严重' }, actorName: '王静' });
  });

  it('finds cases and enterprises by Chinese words', async () => {
    const cases = await listCases(test.db, { q: '积水', limit: 10 });
    const enterprises = await searchEnterprises(test.db, { q: '𠀀记', limit: 10 });

    expect(cases.items.map((item) => item.title)).toEqual([TITLE]);
    expect(enterprises.map((enterprise) => enterprise.name)).toEqual(['民权县𠀀记食品有限公司']);
  });
});
