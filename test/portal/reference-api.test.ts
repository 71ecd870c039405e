/** The lists the case screens choose from: organisation units and leaders, on SQLite and MariaDB. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, startTestPlatform, type TestPlatform } from '../server/support/test-platform';

describe.each(DIALECTS)('org units and leaders API on %s', (dialect) => {
  let test: TestPlatform;
  let supervisor: string;
  let unitHandler: string;

  beforeAll(async () => {
    test = await startTestPlatform(dialect);
    [supervisor, unitHandler] = await Promise.all([test.login('monitor1'), test.login('unit1')]);
  });
  afterAll(async () => {
    await test?.stop();
  });

  it('lists the org units ordered by code', async () => {
    const response = await test.request('GET', '/api/org-units', { token: unitHandler });

    expect(response.status).toBe(200);
    const codes = response.body.map((unit: { code: string }) => unit.code);
    expect(codes).toEqual([...codes].sort());
    expect(response.body).toContainEqual({ id: expect.any(Number), code: '0101', name: '县市场监督管理局', type: 'department', parentId: expect.any(Number) });
    expect(response.body[0]).toMatchObject({ code: '00', type: 'platform', parentId: null });
  });

  it('lists the active leaders for supervisors', async () => {
    const response = await test.request('GET', '/api/leaders', { token: supervisor });

    expect(response.status).toBe(200);
    expect(response.body).toEqual([{ id: expect.any(Number), displayName: '赵敏' }]);
  });

  it('leaves out a deactivated leader', async () => {
    const { User } = test.platform.db.models;
    await User.update({ active: false }, { where: { username: 'leader1' } });

    const response = await test.request('GET', '/api/leaders', { token: supervisor });

    expect(response.body).toEqual([]);
    await User.update({ active: true }, { where: { username: 'leader1' } });
  });

  it('forbids the leader list to unit handlers', async () => {
    const response = await test.request('GET', '/api/leaders', { token: unitHandler });

    expect(response.status).toBe(403);
    expect(response.body.error).toMatchObject({ code: 'FORBIDDEN', message: '您的角色无权查看领导名单' });
  });

  it('requires a login for both lists', async () => {
    expect((await test.request('GET', '/api/org-units')).status).toBe(401);
    expect((await test.request('GET', '/api/leaders')).status).toBe(401);
  });
});
