import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endCall, endOffer, getCall, markAnswered, markMenuChoice, markOffered, markQueued, seed, startCall } from '../../db';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

const T0 = new Date('2026-07-01T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(DIALECTS)('call log on %s', (dialect) => {
  let test: TestDatabase;
  let agent1: number;
  let agent2: number;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    await seed(test.db, { password: 'Test-Password-1' });
    const idOf = async (username: string) => (await test.db.models.User.findOne({ where: { username } }))!.id;
    agent1 = await idOf('agent1');
    agent2 = await idOf('agent2');
  });
  afterAll(async () => {
    await test.drop();
  });

  const start = (callId: string) =>
    startCall(test.db, {
      callId,
      channelId: `${callId}-chan`,
      callerNumber: '+86 139 0000 0001',
      callerName: '张先生',
      calledNumber: '0370-12345',
      startedAt: T0,
    });

  it('records a ring-out then an answer', async () => {
    await start('call-1');
    await start('call-1');
    expect(await markMenuChoice(test.db, { callId: 'call-1', choice: 'enterprise' })).toBe(true);
    await markQueued(test.db, { callId: 'call-1', skill: 'enterprise', queuedAt: at(10) });
    await markQueued(test.db, { callId: 'call-1', skill: 'enterprise', queuedAt: at(40) });
    await markOffered(test.db, { callId: 'call-1', agentUserId: agent2, offeredAt: at(12) });
    await endOffer(test.db, { callId: 'call-1', agentUserId: agent2, outcome: 'no-answer', endedAt: at(27) });
    await markOffered(test.db, { callId: 'call-1', agentUserId: agent1, offeredAt: at(28) });
    await markAnswered(test.db, { callId: 'call-1', agentUserId: agent1, bridgeId: 'bridge-1', recordingName: 'rec-call-1', answeredAt: at(31) });
    await endCall(test.db, { callId: 'call-1', endedBy: 'caller', phase: 'talking', agentUserId: agent1, recordingName: null, endedAt: at(200) });

    expect(await getCall(test.db, 'call-1')).toEqual({
      callId: 'call-1',
      channelId: 'call-1-chan',
      callerNumber: '13900000001',
      callerName: '张先生',
      calledNumber: '037012345',
      ivrChoice: 'enterprise',
      skill: 'enterprise',
      startedAt: T0.toISOString(),
      queuedAt: at(10).toISOString(),
      offeredAt: at(12).toISOString(),
      answeredAt: at(31).toISOString(),
      endedAt: at(200).toISOString(),
      endedBy: 'caller',
      endPhase: 'talking',
      agentUserId: agent1,
      recordingName: 'rec-call-1',
      bridgeId: 'bridge-1',
    });
    const offers = await test.db.models.CallOffer.findAll({ where: { callId: 'call-1' }, order: [['offeredAt', 'ASC']] });
    expect(offers.map(({ agentUserId, outcome, endedAt }) => ({ agentUserId, outcome, endedAt: endedAt?.toISOString() }))).toEqual([
      { agentUserId: agent2, outcome: 'no-answer', endedAt: at(27).toISOString() },
      { agentUserId: agent1, outcome: 'answered', endedAt: at(31).toISOString() },
    ]);
  });

  it('stores a repeated offer event once', async () => {
    await start('call-2');

    await markOffered(test.db, { callId: 'call-2', agentUserId: agent1, offeredAt: at(5) });
    await markOffered(test.db, { callId: 'call-2', agentUserId: agent1, offeredAt: at(5) });

    expect(await test.db.models.CallOffer.count({ where: { callId: 'call-2' } })).toBe(1);
  });

  it('closes the ringing offer when the caller hangs up', async () => {
    await start('call-3');
    await markOffered(test.db, { callId: 'call-3', agentUserId: agent2, offeredAt: at(5) });

    await endCall(test.db, { callId: 'call-3', endedBy: 'caller', phase: 'offered', agentUserId: null, recordingName: null, endedAt: at(9) });
    await endCall(test.db, { callId: 'call-3', endedBy: 'system', phase: 'ended', agentUserId: null, recordingName: null, endedAt: at(60) });

    const offer = await test.db.models.CallOffer.findOne({ where: { callId: 'call-3' } });
    expect(offer).toMatchObject({ outcome: 'caller-gone', endedAt: at(9) });
    expect(await getCall(test.db, 'call-3')).toMatchObject({ endedBy: 'caller', endPhase: 'offered', endedAt: at(9).toISOString(), answeredAt: null });
  });

  it('reports events of an unknown call', async () => {
    expect(await markMenuChoice(test.db, { callId: 'no-such-call', choice: 'general' })).toBe(false);
    expect(await markQueued(test.db, { callId: 'no-such-call', skill: 'general', queuedAt: T0 })).toBe(false);
    expect(await markOffered(test.db, { callId: 'no-such-call', agentUserId: agent1, offeredAt: T0 })).toBe(false);
    expect(await endCall(test.db, { callId: 'no-such-call', endedBy: 'caller', phase: 'ivr', agentUserId: null, recordingName: null, endedAt: T0 })).toBe(false);
    expect(await getCall(test.db, 'no-such-call')).toBeNull();
    expect(await test.db.models.CallOffer.count({ where: { callId: 'no-such-call' } })).toBe(0);
  });
});
