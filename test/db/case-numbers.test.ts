import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumberDay, createCase, formatCaseNumber, seed, startCall, type CreateCaseInput } from '../../db';
import { AppError } from '../../server/errors';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

const input: CreateCaseInput = {
  channel: 'phone',
  kind: 'consultation',
  title: '咨询营业执照变更',
  content: '企业迁址后需要变更营业执照，咨询办理地点和材料。',
  callerNumber: '13800000001',
};

describe('case number day', () => {
  it('follows the date in China Standard Time', () => {
    expect(caseNumberDay(new Date('2026-03-04T15:59:59.999Z'))).toBe('20260304');
    expect(caseNumberDay(new Date('2026-03-04T16:00:00.000Z'))).toBe('20260305');
  });

  it('pads the sequence to four digits and grows beyond', () => {
    expect(formatCaseNumber('20260305', 7)).toBe('MQ202603050007');
    expect(formatCaseNumber('20260305', 12345)).toBe('MQ2026030512345');
  });
});

describe.each(DIALECTS)('case numbers on %s', (dialect) => {
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

  it('are unique and gap-free when 50 cases are saved at once', async () => {
    const now = new Date('2026-05-01T02:00:00Z');

    const saved = await Promise.all(
      Array.from({ length: 50 }, (_, index) => createCase(test.db, { ...input, title: `并发登记 ${index}` }, { userId: agentId }, { now })),
    );

    const numbers = saved.map((summary) => summary.caseNo).sort();
    const expected = Array.from({ length: 50 }, (_, index) => formatCaseNumber('20260501', index + 1));
    expect(numbers).toEqual(expected);
    expect(await test.db.models.Case.count({ where: { caseNo: expected } })).toBe(50);
    expect(await test.db.models.CaseEvent.count({ where: { type: 'registered' } })).toBeGreaterThanOrEqual(50);
  });

  it('start again at 0001 on the next day', async () => {
    const summary = await createCase(test.db, input, { userId: agentId }, { now: new Date('2026-05-01T16:30:00Z') });

    expect(summary.caseNo).toBe('MQ202605020001');
  });

  it('store the case with its registered timeline entry', async () => {
    const now = new Date('2026-05-03T01:00:00Z');

    const summary = await createCase(test.db, input, { userId: agentId }, { now });

    const events = await test.db.models.CaseEvent.findAll({ where: { caseId: summary.id } });
    expect(summary).toMatchObject({ state: 'registered', kind: 'consultation', channel: 'phone', createdAt: now.toISOString() });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'registered', fromState: null, toState: 'registered', actorUserId: agentId });
  });

  it('roll back case, entry and number when the entry fails', async () => {
    const now = new Date('2026-05-04T01:00:00Z');
    const { Case, CaseEvent, CaseSequence } = test.db.models;
    const casesBefore = await Case.count();
    const eventsBefore = await CaseEvent.count();
    const failEntry = () => {
      throw new Error('simulated failure of the timeline write');
    };
    CaseEvent.addHook('beforeCreate', 'fail', failEntry);

    try {
      await expect(createCase(test.db, input, { userId: agentId }, { now })).rejects.toThrow('simulated failure');
    } finally {
      CaseEvent.removeHook('beforeCreate', 'fail');
    }

    expect(await Case.count()).toBe(casesBefore);
    expect(await CaseEvent.count()).toBe(eventsBefore);
    expect((await CaseSequence.findByPk('20260504'))?.lastValue ?? 0).toBe(0);
    const next = await createCase(test.db, input, { userId: agentId }, { now });
    expect(next.caseNo).toBe('MQ202605040001');
  });

  it('give a call only one case and keep the number free', async () => {
    const now = new Date('2026-05-05T01:00:00Z');
    await startCall(test.db, {
      callId: 'call-dup-1',
      channelId: 'chan-1',
      callerNumber: '13800000001',
      callerName: '',
      calledNumber: '12345',
      startedAt: now,
    });
    const first = await createCase(test.db, { ...input, callId: 'call-dup-1' }, { userId: agentId }, { now });

    const second = createCase(test.db, { ...input, callId: 'call-dup-1' }, { userId: agentId }, { now });

    await expect(second).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(first.caseNo).toBe('MQ202605050001');
    expect((await createCase(test.db, input, { userId: agentId }, { now })).caseNo).toBe('MQ202605050002');
  });

  it('reject invalid fields before taking a number', async () => {
    const now = new Date('2026-05-06T01:00:00Z');

    const error = await createCase(
      test.db,
      { ...input, title: '  ', content: '', kind: 'gossip' as never, callerNumber: '无号码' },
      { userId: agentId },
      { now },
    ).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION_FAILED');
    expect((error as AppError).fields.map((field) => field.field).sort()).toEqual(['callerNumber', 'content', 'kind', 'title']);
    expect(await test.db.models.CaseSequence.findByPk('20260506')).toBeNull();
  });

  it('reject references to missing rows with the field named', async () => {
    const now = new Date('2026-05-07T01:00:00Z');

    const attempt = createCase(
      test.db,
      { ...input, categoryId: 999_999, enterpriseId: 999_999, handlingUnitId: 999_999, callId: 'no-such-call' },
      { userId: agentId },
      { now },
    );

    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'categoryId', message: '所选分类不存在' },
        { field: 'enterpriseId', message: '所选企业不存在' },
        { field: 'handlingUnitId', message: '所选承办单位不存在' },
        { field: 'callId', message: '关联的通话记录不存在' },
      ],
    });
    expect((await test.db.models.CaseSequence.findByPk('20260507'))?.lastValue ?? 0).toBe(0);
  });
});
