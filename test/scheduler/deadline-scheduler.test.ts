import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extendCaseDeadlines, markStageMet, openDatabase, type Database } from '../../db';
import { roleRoom, unitRoom } from '../../server/realtime/gateway';
import { escalationCutoff } from '../../server/scheduler/escalation-cutoff';
import { runDeadlinePass } from '../../server/scheduler/deadline-pass';
import { loadWorkingCalendar } from '../../db/repositories/working-calendar';
import { MARIADB } from '../db/test-database';
import { DIALECTS, nextEvent, startTestPlatform, type DeskClient, type TestPlatform } from '../server/support/test-platform';
import { BEFORE_NATIONAL_DAY, dispatchCase, type DispatchedCase } from './support';

/** 20:00 on Thursday 8 October 2026 in Asia/Shanghai: the last hours of the sign-for limit. */
const SIGN_DAY_EVENING = new Date('2026-10-08T12:00:00Z');
/** 10:00 on Friday 9 October: the sign-for limit has passed. */
const DAY_AFTER = new Date('2026-10-09T02:00:00Z');
/** 01:00 on Sunday 11 October: two working days (Friday and the make-up Saturday) after the sign-for due date. */
const TWO_WORKING_DAYS_LATER = new Date('2026-10-10T17:00:00Z');

async function waitForRoom(test: TestPlatform, room: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if ((await test.platform.io.in(room).fetchSockets()).length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no socket joined ${room}`);
}

describe.each(DIALECTS)('deadline scheduler on %s', (dialect) => {
  let test: TestPlatform;
  let unitDesk: DeskClient;
  let supervisorDesk: DeskClient;
  let leaderDesk: DeskClient;
  let dispatched: DispatchedCase;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    dispatched = await dispatchCase(test.platform.db, BEFORE_NATIONAL_DAY, 'complaint');
    unitDesk = await test.connect(await test.login('unit1'));
    supervisorDesk = await test.connect(await test.login('monitor1'));
    leaderDesk = await test.connect(await test.login('leader1'));
    await waitForRoom(test, unitRoom(dispatched.orgUnitId));
    await waitForRoom(test, roleRoom('supervisor'));
    await waitForRoom(test, roleRoom('leader'));
  });
  afterAll(async () => {
    await test?.stop();
  });

  const noticesOf = () => test.platform.db.models.SupervisionNotice.findAll({ where: { caseId: dispatched.caseId }, order: [['id', 'ASC']] });
  const eventsOf = async (type: string) => (await test.platform.db.models.CaseEvent.findAll({ where: { caseId: dispatched.caseId, type } })).length;

  it('marks yellow on the due day and tells the unit and supervisors', async () => {
    const result = await test.platform.scheduler.runPass(SIGN_DAY_EVENING);
    const unitEvent = await nextEvent(unitDesk, 'case:deadline', (event) => event.changes.some((change) => change.caseId === dispatched.caseId));
    const supervisorEvent = await nextEvent(supervisorDesk, 'case:deadline', (event) => event.changes.some((change) => change.caseId === dispatched.caseId));

    expect(result?.levelChanges.map((change) => [change.stage, change.level])).toEqual([['sign', 'yellow']]);
    expect(result?.notices).toEqual([]);
    expect(unitEvent.changes).toEqual([
      { caseId: dispatched.caseId, caseNo: dispatched.caseNo, title: '企业反映审批拖延', orgUnitId: dispatched.orgUnitId, stage: 'sign', level: 'yellow', dueAt: '2026-10-08T15:59:59.000Z' },
    ]);
    expect(unitEvent.at).toBe(SIGN_DAY_EVENING.toISOString());
    expect(supervisorEvent.changes).toEqual(unitEvent.changes);
  });

  it('marks red after the due date and raises one notice', async () => {
    const result = await test.platform.scheduler.runPass(DAY_AFTER);
    const supervision = await nextEvent(unitDesk, 'case:supervision', (event) => event.notices.some((notice) => notice.caseId === dispatched.caseId));
    const notices = await noticesOf();
    const supervised = await test.platform.db.models.Case.findByPk(dispatched.caseId);

    expect(result?.levelChanges.map((change) => [change.stage, change.level])).toEqual([
      ['sign', 'red'],
      ['first-contact', 'yellow'],
    ]);
    expect(supervision.notices).toEqual([expect.objectContaining({ caseId: dispatched.caseId, stage: 'sign', status: 'raised', dueAt: '2026-10-08T15:59:59.000Z' })]);
    expect(notices).toHaveLength(1);
    expect(notices[0].orgUnitId).toBe(dispatched.orgUnitId);
    expect(await eventsOf('supervision-raised')).toBe(1);
    expect(supervised?.supervised).toBe(true);
  });

  it('changes nothing on a second pass at the same time', async () => {
    const result = await test.platform.scheduler.runPass(DAY_AFTER);

    expect(result?.levelChanges).toEqual([]);
    expect(result?.notices).toEqual([]);
    expect(await noticesOf()).toHaveLength(1);
    expect(await eventsOf('supervision-raised')).toBe(1);
  });

  it('escalates an open notice after two working days and tells the leaders', async () => {
    const result = await test.platform.scheduler.runPass(TWO_WORKING_DAYS_LATER);
    const leaderEvent = await nextEvent(leaderDesk, 'case:supervision', (event) => event.notices.some((notice) => notice.status === 'escalated'));
    const notices = await noticesOf();

    expect(result?.notices.map((notice) => [notice.stage, notice.status])).toEqual([
      ['sign', 'escalated'],
      ['first-contact', 'raised'],
    ]);
    expect(leaderEvent.notices).toEqual([expect.objectContaining({ caseId: dispatched.caseId, stage: 'sign', status: 'escalated' })]);
    expect(notices[0].escalatedAt?.toISOString()).toBe(TWO_WORKING_DAYS_LATER.toISOString());
    expect(notices[1].escalatedAt).toBeNull();
    expect(await eventsOf('supervision-escalated')).toBe(1);
  });

  it('resolves the notice when the stage is met', async () => {
    await markStageMet(test.platform.db, dispatched.caseId, 'sign', new Date('2026-10-12T01:00:00Z'));
    const [sign] = await noticesOf();

    expect(sign.resolution).toBe('met');
    expect(sign.resolvedAt?.toISOString()).toBe('2026-10-12T01:00:00.000Z');
  });

  it('raises a new notice when an extended date passes too', async () => {
    const late = await dispatchCase(test.platform.db, BEFORE_NATIONAL_DAY, 'consultation');
    await test.platform.scheduler.runPass(new Date('2026-10-14T01:00:00Z'));
    await extendCaseDeadlines(test.platform.db, late.caseId, { amount: 1, unit: 'working-days' }, new Date('2026-10-14T02:00:00Z'));

    const afterExtension = await test.platform.scheduler.runPass(new Date('2026-10-14T03:00:00Z'));
    const notices = await test.platform.db.models.SupervisionNotice.findAll({ where: { caseId: late.caseId, stage: 'complete' }, order: [['id', 'ASC']] });

    // Due at the end of the make-up Saturday 10 October, extended by one working day to the end of
    // Monday 12 October, which has passed too.
    expect(afterExtension?.levelChanges).toEqual([expect.objectContaining({ caseId: late.caseId, stage: 'complete', level: 'red', dueAt: new Date('2026-10-12T15:59:59Z') })]);
    expect(notices.map((notice) => notice.resolution)).toEqual(['extended', null]);
  });

  it('raises one notice when two nodes pass at once', async () => {
    const shared = await dispatchCase(test.platform.db, BEFORE_NATIONAL_DAY, 'suggestion');
    const other: Database =
      dialect === 'mysql'
        ? await openDatabase({ dialect: 'mysql', ...MARIADB, database: test.platform.config.DB_NAME, createDatabase: false })
        : test.platform.db;
    const now = new Date('2026-11-02T02:00:00Z');
    const cutoff = escalationCutoff(await loadWorkingCalendar(test.platform.db), now, 2);

    try {
      const results = await Promise.all([runDeadlinePass(test.platform.db, now, cutoff), runDeadlinePass(other, now, cutoff)]);
      const raised = results.flatMap((result) => result.notices.filter((notice) => notice.caseId === shared.caseId && notice.status === 'raised'));
      const stored = await test.platform.db.models.SupervisionNotice.findAll({ where: { caseId: shared.caseId } });
      const timeline = await test.platform.db.models.CaseEvent.findAll({ where: { caseId: shared.caseId, type: 'supervision-raised' } });

      expect(raised).toHaveLength(3);
      expect(stored).toHaveLength(3);
      expect(timeline).toHaveLength(3);
    } finally {
      if (other !== test.platform.db) await other.close();
    }
  });

  it('lists notices to supervisors and the unit only', async () => {
    const [supervisor, unit, agent] = await Promise.all(['monitor1', 'unit1', 'agent1'].map((name) => test.login(name)));

    const all = await test.request('GET', '/api/supervision-notices?limit=100', { token: supervisor });
    const open = await test.request('GET', '/api/supervision-notices?open=true&limit=100', { token: supervisor });
    const own = await test.request('GET', '/api/supervision-notices?limit=100', { token: unit });
    const refused = await test.request('GET', '/api/supervision-notices', { token: agent });
    const invalid = await test.request('GET', '/api/supervision-notices?limit=0', { token: supervisor });

    expect(all.status).toBe(200);
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.items).toContainEqual(expect.objectContaining({ caseNo: dispatched.caseNo, stage: 'sign', resolution: 'met', orgUnitName: expect.any(String) }));
    expect(open.body.items.every((notice: { resolvedAt: string | null }) => notice.resolvedAt === null)).toBe(true);
    expect(open.body.total).toBeLessThan(all.body.total);
    expect(own.body.items.every((notice: { orgUnitId: number }) => notice.orgUnitId === dispatched.orgUnitId)).toBe(true);
    expect(own.body.total).toBeGreaterThan(0);
    expect(refused.status).toBe(403);
    expect(invalid.status).toBe(400);
  });

  it('keeps unit handlers out of the supervisors room', async () => {
    const supervisors = await test.platform.io.in(roleRoom('supervisor')).fetchSockets();
    const unit = await test.platform.io.in(unitRoom(dispatched.orgUnitId)).fetchSockets();

    expect(supervisors.map((socket) => socket.data.role)).toEqual(['supervisor']);
    expect(unit.map((socket) => socket.data.role)).toEqual(['unit-handler']);
  });
});
