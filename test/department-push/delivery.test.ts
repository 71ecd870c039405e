/**
 * Department platforms: dispatched cases pushed to a unit's own system as signed webhooks,
 * retried until accepted, every attempt visible, and status reports signed the same way.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MARKET_REGULATION_CODE } from '../../db/seed/organisation';
import { DeliveryWorker, enqueueDeliveries, signBody, signatureHeaders, verifySignature } from '../../server/department-push';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';

const SECRET = 'unit-secret-for-tests-0123456789abcdef';

interface ReceivedWebhook {
  headers: IncomingMessage['headers'];
  body: string;
  signatureValid: boolean;
}

/** A unit's system on 127.0.0.1: responds to each webhook with the next status of `statuses`, then with 200. */
async function startReceiver(statuses: number[]): Promise<{ url: string; received: ReceivedWebhook[]; server: Server }> {
  const received: ReceivedWebhook[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifySignature(
        SECRET,
        { timestamp: request.headers['x-mq-timestamp'] as string, signature: request.headers['x-mq-signature'] as string },
        body,
      );
      received.push({ headers: request.headers, body, signatureValid: check.ok });
      response.statusCode = statuses[received.length - 1] ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/12345`, received, server };
}

describe.each(DIALECTS)('department push on %s', (dialect) => {
  let test: TestPlatform;
  let admin: string;
  let agent: string;
  let unitId: number;
  let categoryId: number;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | null = null;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    [admin, agent] = await Promise.all([test.login('admin'), test.login('agent1')]);
    unitId = (await test.platform.db.models.OrgUnit.findOne({ where: { code: MARKET_REGULATION_CODE } }))!.id;
    categoryId = (await test.request('GET', '/api/categories', { token: agent })).body[0].id;
  });
  afterEach(async () => {
    const running = receiver;
    receiver = null;
    if (running) await new Promise((resolve) => running.server.close(resolve));
  });
  afterAll(async () => {
    await test?.stop();
  });

  /** A worker with millisecond backoff, so retries are due at once. */
  const fastWorker = (maxAttempts = 10) =>
    new DeliveryWorker({ db: test.platform.db, logger: pino({ level: 'silent' }), intervalMs: 10, backoff: { initialMs: 1, factor: 2, maxMs: 4, maxAttempts } });

  async function registerCase(overrides: Record<string, unknown> = {}) {
    const response = await test.request('POST', '/api/cases', {
      token: agent,
      body: {
        channel: 'phone',
        kind: 'complaint',
        categoryId,
        callerName: '马女士',
        callerNumber: '13600000021',
        title: '超市销售过期食品',
        content: '在城关镇某超市购买的牛奶已过保质期。',
        ...overrides,
      },
    });
    expect(response.status).toBe(201);
    return response.body as { id: number; caseNo: string };
  }

  async function setEndpoint(url: string, active = true) {
    const response = await test.request('PUT', `/api/admin/unit-endpoints/${unitId}`, { token: admin, body: { url, secret: SECRET, active } });
    expect(response.status).toBe(200);
  }

  async function dispatch(caseId: number) {
    const { db } = test.platform;
    await db.models.Case.update({ handlingUnitId: unitId }, { where: { id: caseId } });
    return db.transaction((transaction) => enqueueDeliveries(db, caseId, [unitId], transaction));
  }

  /** Runs passes until the case has no pending delivery; a bounded loop, not a timing check. */
  async function deliverAll(worker: DeliveryWorker, caseId: number) {
    for (let pass = 0; pass < 200; pass++) {
      await worker.runOnce();
      if ((await test.platform.db.models.Delivery.count({ where: { caseId, status: 'pending' } })) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`deliveries of case ${caseId} still pending`);
  }

  it('retries until the unit accepts and records every attempt', async () => {
    receiver = await startReceiver([500, 503]);
    await setEndpoint(receiver.url);
    const created = await registerCase();
    expect(await dispatch(created.id)).toHaveLength(1);

    await deliverAll(fastWorker(), created.id);

    const deliveries = await test.request('GET', `/api/cases/${created.id}/deliveries`, { token: agent });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body).toHaveLength(1);
    expect(deliveries.body[0]).toMatchObject({ orgUnitId: unitId, status: 'delivered', attempts: 3, responseCode: 200, deliveredAt: expect.any(String) });
    expect(deliveries.body[0].attemptLog.map((attempt: { responseCode: number }) => attempt.responseCode)).toEqual([500, 503, 200]);
    expect(deliveries.body[0].attemptLog.map((attempt: { succeeded: boolean }) => attempt.succeeded)).toEqual([false, false, true]);

    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((webhook) => webhook.signatureValid)).toBe(true);
    const payload = JSON.parse(receiver.received[2].body);
    expect(payload).toMatchObject({ event: 'case.dispatched', case: { caseNo: created.caseNo, role: 'lead', reporter: { name: '马女士', masked: false } } });
    expect(receiver.received[2].headers['x-mq-delivery']).toBe(String(deliveries.body[0].id));

    const detail = await test.request('GET', `/api/cases/${created.id}`, { token: agent });
    expect(detail.body.timeline.map((event: { type: string }) => event.type)).toContain('pushed-to-unit-system');
  });

  it('pushes a case dispatched through the workflow', async () => {
    receiver = await startReceiver([]);
    await setEndpoint(receiver.url);
    const supervisor = await test.login('monitor1');
    const created = await registerCase();
    const coUnitId = (await test.platform.db.models.OrgUnit.findOne({ where: { code: '0102' } }))!.id;

    const dispatched = await test.request('POST', `/api/cases/${created.id}/actions`, {
      token: supervisor,
      body: { action: 'dispatch', leadUnitId: unitId, coUnitIds: [coUnitId] },
    });
    await deliverAll(fastWorker(), created.id);

    expect(dispatched.status).toBe(200);
    const deliveries = await test.request('GET', `/api/cases/${created.id}/deliveries`, { token: agent });
    expect(deliveries.body.map((delivery: { orgUnitId: number; status: string }) => [delivery.orgUnitId, delivery.status])).toEqual([[unitId, 'delivered']]);
    expect(JSON.parse(receiver.received[0].body).case).toMatchObject({ caseNo: created.caseNo, role: 'lead' });
  });

  it('masks a confidential reporter in the webhook', async () => {
    receiver = await startReceiver([]);
    await setEndpoint(receiver.url);
    const created = await registerCase({ confidential: true });
    await dispatch(created.id);

    await deliverAll(fastWorker(), created.id);

    const payload = JSON.parse(receiver.received[0].body);
    expect(payload.case.reporter).toEqual({ name: '马**', phone: '136****0021', masked: true });
  });

  it('gives up after the last attempt and says so on the timeline', async () => {
    receiver = await startReceiver([500, 500, 500]);
    await setEndpoint(receiver.url);
    const created = await registerCase();
    await dispatch(created.id);

    await deliverAll(fastWorker(2), created.id);

    const deliveries = await test.request('GET', `/api/cases/${created.id}/deliveries`, { token: agent });
    expect(deliveries.body[0]).toMatchObject({ status: 'failed', attempts: 2, lastError: 'HTTP 500' });
    const detail = await test.request('GET', `/api/cases/${created.id}`, { token: agent });
    expect(detail.body.timeline.map((event: { type: string }) => event.type)).toContain('push-to-unit-system-failed');
  });

  it('stores a refused connection as a failed attempt', async () => {
    receiver = await startReceiver([]);
    const closedUrl = receiver.url;
    await new Promise((resolve) => receiver!.server.close(resolve));
    receiver = null;
    await setEndpoint(closedUrl);
    const created = await registerCase();
    await dispatch(created.id);

    await deliverAll(fastWorker(1), created.id);

    const deliveries = await test.request('GET', `/api/cases/${created.id}/deliveries`, { token: agent });
    expect(deliveries.body[0].attemptLog[0]).toMatchObject({ responseCode: null, succeeded: false, error: 'ECONNREFUSED' });
  });

  it('queues nothing for a unit without an active endpoint', async () => {
    await setEndpoint('http://127.0.0.1:9/unused', false);
    const created = await registerCase();

    expect(await dispatch(created.id)).toEqual([]);
  });

  describe('status reports', () => {
    let pushed: { id: number; caseNo: string };

    beforeAll(async () => {
      await setEndpoint('http://127.0.0.1:9/unused');
      pushed = await registerCase();
      const supervisor = await test.login('monitor1');
      const dispatched = await test.request('POST', `/api/cases/${pushed.id}/actions`, { token: supervisor, body: { action: 'dispatch', leadUnitId: unitId } });
      expect(dispatched.status).toBe(200);
    });

    async function report(caseNo: string, body: unknown, options: { secret?: string; unit?: string; at?: Date } = {}) {
      const raw = JSON.stringify(body);
      const response = await fetch(`${test.url}/api/department/cases/${caseNo}/status`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-mq-unit': options.unit ?? MARKET_REGULATION_CODE,
          ...signatureHeaders(options.secret ?? SECRET, raw, options.at),
        },
        body: raw,
      });
      return { status: response.status, body: await response.json() };
    }

    const eventCount = () => test.platform.db.models.CaseEvent.count({ where: { caseId: pushed.id } });
    const readCase = async () => (await test.request('GET', `/api/cases/${pushed.id}`, { token: agent })).body;

    it('writes a received report to the timeline', async () => {
      const response = await report(pushed.caseNo, { status: 'received', handler: '陈磊', externalId: 'SC-2026-0042' });

      expect(response.status).toBe(201);
      expect(response.body.action).toBeNull();
      const entry = (await readCase()).timeline.find((event: { type: string }) => event.type === 'unit-system-status');
      expect(entry).toMatchObject({ note: '部门系统已接收', data: { status: 'received', orgUnitId: unitId, externalId: 'SC-2026-0042' } });
    });

    it('signs the case for the unit', async () => {
      const response = await report(pushed.caseNo, { status: 'signed' });

      expect(response.status).toBe(201);
      expect(response.body.action).toBe('sign');
      const detail = await readCase();
      expect(detail.state).toBe('signed');
      expect(detail.timeline.at(-1)).toMatchObject({ toState: 'signed', actorName: '部门业务系统' });
    });

    it('rejects an action the state forbids', async () => {
      const before = await eventCount();

      const response = await report(pushed.caseNo, { status: 'signed' });

      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('INVALID_STATE');
      expect(await eventCount()).toBe(before);
    });

    it('requires a note for a reply', async () => {
      const response = await report(pushed.caseNo, { status: 'replied' });

      expect(response.status).toBe(400);
      expect(response.body.error.fields[0]).toEqual({ field: 'note', message: '联系情况、答复内容或退单原因须写在说明中' });
    });

    it('rejects a bad signature', async () => {
      const before = await eventCount();

      const response = await report(pushed.caseNo, { status: 'received' }, { secret: 'another-secret-of-enough-length-000000' });

      expect(response.status).toBe(401);
      expect(response.body.error).toEqual({ code: 'AUTH_INVALID', message: '签名校验失败：请检查单位编码、时间戳和签名', fields: [] });
      expect(await eventCount()).toBe(before);
    });

    it('rejects a body changed after signing', async () => {
      const raw = JSON.stringify({ status: 'received' });
      const response = await fetch(`${test.url}/api/department/cases/${pushed.caseNo}/status`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mq-unit': MARKET_REGULATION_CODE, ...signatureHeaders(SECRET, raw) },
        body: JSON.stringify({ status: 'in-progress' }),
      });

      expect(response.status).toBe(401);
    });

    it('rejects a stale timestamp', async () => {
      const response = await report(pushed.caseNo, { status: 'received' }, { at: new Date(Date.now() - 10 * 60 * 1000) });

      expect(response.status).toBe(401);
    });

    it('rejects an unknown unit like a bad signature', async () => {
      const response = await report(pushed.caseNo, { status: 'received' }, { unit: '9999' });

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('AUTH_INVALID');
    });

    it('hides cases never pushed to the unit', async () => {
      const other = await registerCase();

      const response = await report(other.caseNo, { status: 'received' });

      expect(response.status).toBe(404);
    });

    it('checks the report fields in Chinese', async () => {
      const response = await report(pushed.caseNo, { status: 'done' });

      expect(response.status).toBe(400);
      expect(response.body.error.fields[0]).toEqual({ field: 'status', message: '状态无效' });
    });
  });

  it('lists deliveries only for users who may read the case', async () => {
    const unitHandler = await test.login('unit1');
    const created = await registerCase();

    const refused = await test.request('GET', `/api/cases/${created.id}/deliveries`, { token: unitHandler });
    const missing = await test.request('GET', '/api/cases/999999/deliveries', { token: agent });

    expect(refused.status).toBe(403);
    expect(missing.status).toBe(404);
  });

  it('signs the timestamp and body together', () => {
    expect(signBody('k', 1, 'a')).not.toBe(signBody('k', 2, 'a'));
    expect(signBody('k', 1, 'a')).toMatch(/^v1=[0-9a-f]{64}$/);
  });
});
