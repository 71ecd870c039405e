import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentProfiles, DEMO_PASSWORD, findUserByUsername, listOrgUnits, seed, SeedPasswordMissingError } from '../../db';
import { checkCreditCode } from '../../server/domain/credit-code';
import { ROLES } from '../../server/domain/terms';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

async function countRows(test: TestDatabase) {
  const { OrgUnit, Category, User, AgentProfile, Enterprise, EnterpriseContact, Call, CallOffer, Case, CaseEvent } = test.db.models;
  return {
    orgUnits: await OrgUnit.count(),
    categories: await Category.count(),
    users: await User.count(),
    agentProfiles: await AgentProfile.count(),
    enterprises: await Enterprise.count(),
    contacts: await EnterpriseContact.count(),
    calls: await Call.count(),
    offers: await CallOffer.count(),
    cases: await Case.count(),
    events: await CaseEvent.count(),
  };
}

describe.each(DIALECTS)('seed on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('refuses to create users without a password and writes nothing', async () => {
    await expect(seed(test.db)).rejects.toThrow(SeedPasswordMissingError);

    expect(await test.db.models.OrgUnit.count()).toBe(0);
    expect(await test.db.models.User.count()).toBe(0);
  });

  it('creates the organisation, categories and users with the given password', async () => {
    const report = await seed(test.db, { password: 'Prod-Only-Secret-1' });

    expect(report.orgUnits).toBeGreaterThan(25);
    expect(report.categories).toBeGreaterThan(15);
    expect(report.users).toBe(7);
    expect(report.enterprises).toBe(0);
    expect(report.cases).toBe(0);

    const admin = await findUserByUsername(test.db, 'admin');
    expect(await bcrypt.compare('Prod-Only-Secret-1', admin!.passwordHash)).toBe(true);
    expect(await bcrypt.compare(DEMO_PASSWORD, admin!.passwordHash)).toBe(false);
  });

  it('creates one user per role', async () => {
    const roles = (await test.db.models.User.findAll()).map((user) => user.role);

    for (const role of ROLES) {
      expect(roles).toContain(role);
    }
  });

  it('builds the Minquan organisation tree', async () => {
    const units = await listOrgUnits(test.db);
    const byName = new Map(units.map((unit) => [unit.name, unit]));
    const platform = byName.get('民权县12345平台')!;

    expect(platform.type).toBe('platform');
    expect(platform.parentId).toBeNull();
    expect(byName.get('县纪委监委')).toMatchObject({ type: 'discipline', parentId: platform.id });
    for (const name of ['县市场监督管理局', '县发展和改革委员会', '县税务局', '县营商环境服务中心']) {
      expect(byName.get(name), name).toMatchObject({ type: 'department', parentId: platform.id });
      expect(byName.get(name)!.dutyPhone, name).toMatch(/^\d+$/);
    }
    for (const name of ['城关镇', '胡集回族乡', '南华街道', '绿洲街道']) {
      expect(byName.get(name), name).toMatchObject({ type: 'township', parentId: platform.id });
    }
    expect(byName.get('花南村')).toMatchObject({ type: 'village', parentId: byName.get('花园乡')!.id });
  });

  it('puts unit1 in the market regulation bureau', async () => {
    const unit1 = await findUserByUsername(test.db, 'unit1');
    const bureau = await test.db.models.OrgUnit.findOne({ where: { name: '县市场监督管理局' } });

    expect(unit1).toMatchObject({ role: 'unit-handler', orgUnitId: bureau!.id });
  });

  it('gives the agents their extensions and skills', async () => {
    const profiles = await agentProfiles(test.db);

    expect(profiles.map(({ username, extension, skills }) => ({ username, extension, skills }))).toEqual([
      { username: 'agent1', extension: '8001', skills: ['enterprise', 'general'] },
      { username: 'agent2', extension: '8002', skills: ['general'] },
      { username: 'agent3', extension: '8003', skills: ['enterprise'] },
    ]);
  });

  it('adds the demo data with valid credit codes', async () => {
    const report = await seed(test.db, { demo: true });

    expect(report).toMatchObject({ orgUnits: 0, categories: 0, users: 0, enterprises: 3 });
    expect(report.cases).toBeGreaterThan(2);
    for (const enterprise of await test.db.models.Enterprise.findAll()) {
      expect(checkCreditCode(enterprise.creditCode), enterprise.name).toEqual({ ok: true });
    }
  });

  it('changes nothing when run again', async () => {
    const before = await countRows(test);

    const report = await seed(test.db, { demo: true });

    expect(report).toEqual({ orgUnits: 0, categories: 0, users: 0, enterprises: 0, cases: 0 });
    expect(await countRows(test)).toEqual(before);
  });

  it('keeps a password an admin changed', async () => {
    const hash = await bcrypt.hash('Changed-By-Admin-9', 4);
    await test.db.models.User.update({ passwordHash: hash }, { where: { username: 'agent1' } });

    await seed(test.db, { password: 'Another-Password-2' });

    expect((await findUserByUsername(test.db, 'agent1'))!.passwordHash).toBe(hash);
  });
});

describe.each(DIALECTS)('demo seed on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(dialect, { migrated: true });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('gives the demo users the demo password', async () => {
    await seed(test.db, { demo: true });

    const agent1 = await findUserByUsername(test.db, 'agent1');
    expect(await bcrypt.compare(DEMO_PASSWORD, agent1!.passwordHash)).toBe(true);
  });

  it('stops the sign-for clock of signed cases', async () => {
    await seed(test.db, { demo: true });
    const signed = await test.db.models.Case.findAll({ where: { state: 'signed' }, attributes: ['id'] });
    const dispatched = await test.db.models.Case.findAll({ where: { state: 'dispatched' }, attributes: ['id'] });

    expect(signed.length).toBeGreaterThan(0);
    expect(dispatched.length).toBeGreaterThan(0);
    for (const record of signed) {
      const sign = await test.db.models.CaseDeadline.findOne({ where: { caseId: record.id, stage: 'sign', cancelledAt: null } });
      expect(sign?.metAt, `case ${record.id}`).toBeInstanceOf(Date);
    }
    for (const record of dispatched) {
      const sign = await test.db.models.CaseDeadline.findOne({ where: { caseId: record.id, stage: 'sign', cancelledAt: null } });
      expect(sign?.metAt, `case ${record.id}`).toBeNull();
    }
  });
});
