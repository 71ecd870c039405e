import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCall, markMenuChoice, markQueued, startCall } from '../../db';
import { CallLogWriter } from '../../server/calls/call-log-writer';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../db/test-database';

const T0 = new Date('2026-07-01T01:00:00.000Z');

describe.each(DIALECTS)('call-log writer on %s', (dialect) => {
  let test: TestDatabase;
  let writer: CallLogWriter;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
    writer = new CallLogWriter(test.db, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await test.drop();
  });

  const start = (callId: string) =>
    writer.write((transaction) =>
      startCall(test.db, { callId, channelId: `${callId}-chan`, callerNumber: '13900000001', callerName: '', calledNumber: '12345', startedAt: T0 }, { transaction }),
    );

  it('writes queued events in order', async () => {
    const writes = [
      start('order-1'),
      writer.write((transaction) => markMenuChoice(test.db, { callId: 'order-1', choice: 'general' }, { transaction })),
      writer.write((transaction) => markQueued(test.db, { callId: 'order-1', skill: 'general', queuedAt: T0 }, { transaction })),
    ];

    const results = await Promise.all(writes);

    expect(results).toEqual([undefined, true, true]);
    const call = await getCall(test.db, 'order-1');
    expect(call?.ivrChoice).toBe('general');
    expect(call?.skill).toBe('general');
  });

  it('rolls back a failed write alone', async () => {
    const before = start('kept-1');
    const failing = writer.write(async (transaction) => {
      await startCall(test.db, { callId: 'lost-1', channelId: 'lost-1-chan', callerNumber: '13900000002', callerName: '', calledNumber: '12345', startedAt: T0 }, { transaction });
      throw new Error('write failed on purpose');
    });
    const after = start('kept-2');

    await expect(failing).rejects.toThrow('write failed on purpose');
    await expect(before).resolves.toBeUndefined();
    await expect(after).resolves.toBeUndefined();
    expect(await getCall(test.db, 'lost-1')).toBeNull();
    expect(await getCall(test.db, 'kept-1')).not.toBeNull();
    expect(await getCall(test.db, 'kept-2')).not.toBeNull();
  });

  it('reports a write for an unknown call', async () => {
    const stored = await writer.write((transaction) => markMenuChoice(test.db, { callId: 'no-such-call', choice: 'general' }, { transaction }));

    expect(stored).toBe(false);
  });
});
