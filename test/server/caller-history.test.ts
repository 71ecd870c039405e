import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../db';
import { DEMO_CALLER_NUMBER, DEMO_ENTERPRISES } from '../../db/seed/demo-data';
import { lookUpCallerHistory } from '../../server/calls/screen-pop';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../db/test-database';

// On SQLite these databases are files, so the lookup goes through the pop's own reader connection.
describe.each(DIALECTS)('caller history lookup on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    await seed(test.db, { demo: true, password: 'Test-Password-1' });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('finds the enterprise and cases of a known number', async () => {
    const history = await lookUpCallerHistory(test.db, { callId: 'history-1', callerNumber: DEMO_CALLER_NUMBER }, { repeatCallerDays: 30 });

    expect(history.enterprise).toMatchObject({ name: DEMO_ENTERPRISES[0].name, creditCode: DEMO_ENTERPRISES[0].creditCode, township: '绿洲街道' });
    expect(typeof history.enterprise?.id).toBe('number');
    expect(history.earlierCases.map((summary) => summary.title)).toEqual([
      '夜间频繁停电影响冷库温度',
      '反映厂区供电增容申请一个月未答复',
      '建议简化特种设备使用登记的变更手续',
      '咨询冷库扩建项目备案需要哪些材料',
    ]);
    expect(history.earlierCases.every((summary) => !Number.isNaN(Date.parse(summary.createdAt)))).toBe(true);
    expect(history.openCases.map((summary) => summary.state).sort()).toEqual(['dispatched', 'registered', 'signed']);
    expect(history.repeatCaller).toBe(true);
  });

  it('counts no calls before the repeat window', async () => {
    const later = new Date(Date.now() + 400 * 24 * 3600 * 1000);

    const history = await lookUpCallerHistory(test.db, { callId: 'history-2', callerNumber: DEMO_CALLER_NUMBER }, { repeatCallerDays: 30, now: later });

    expect(history.repeatCaller).toBe(false);
  });

  it('finds nothing for an unknown number', async () => {
    const history = await lookUpCallerHistory(test.db, { callId: 'history-3', callerNumber: '13600000999' }, { repeatCallerDays: 30 });

    expect(history).toEqual({ enterprise: null, earlierCases: [], openCases: [], repeatCaller: false });
  });

  it('keeps quotes in a number out of the SQL', async () => {
    const history = await lookUpCallerHistory(test.db, { callId: "x' OR '1'='1", callerNumber: "139' OR '1'='1" }, { repeatCallerDays: 30 });

    expect(history.openCases).toEqual([]);
    expect(history.enterprise).toBeNull();
  });
});
