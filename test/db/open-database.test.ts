import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCase, dbOptionsFromConfig, listCases, migrate, openDatabase, seed, type Database } from '../../db';
import { loadDbConfig } from '../../server/config';
import { MARIADB, openTestDatabase } from './test-database';

const opened: Database[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
});

const caseInput = { channel: 'web', kind: 'suggestion', title: '建议增加夜间办事窗口', content: '建议政务服务中心周末开放。' } as const;

describe('openDatabase', () => {
  it('keeps an SQLite database in memory and serialises concurrent saves', async () => {
    const db = await openDatabase({ dialect: 'sqlite', storage: ':memory:' });
    opened.push(db);
    await migrate(db);
    await seed(db, { password: 'Test-Password-1' });
    const agent = (await db.models.User.findOne({ where: { username: 'agent1' } }))!;

    const saved = await Promise.all(Array.from({ length: 10 }, () => createCase(db, caseInput, { userId: agent.id })));

    expect(new Set(saved.map((summary) => summary.caseNo)).size).toBe(10);
    expect((await listCases(db, { limit: 50 })).total).toBe(10);
  });

  it('creates the folder of the SQLite file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mq-open-'));
    const storage = join(folder, 'nested', 'data', 'hotline.sqlite');
    try {
      const db = await openDatabase({ dialect: 'sqlite', storage });
      await db.close();

      expect(existsSync(storage)).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('waits for a writer on another connection to the same SQLite file', async () => {
    const first = await openTestDatabase('sqlite', { migrated: true });
    const second = await openDatabase({ dialect: 'sqlite', storage: first.name });
    try {
      await seed(first.db, { password: 'Test-Password-1' });
      const agent = (await second.models.User.findOne({ where: { username: 'agent1' } }))!;
      let locked!: () => void;
      let release!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));

      const holding = first.db.transaction(async (transaction) => {
        await first.db.models.CaseSequence.create({ day: '20990101', lastValue: 0 }, { transaction });
        locked();
        await released;
      });
      await lockTaken;
      const saving = createCase(second, caseInput, { userId: agent.id });
      setTimeout(release, 200);

      await holding;
      expect((await saving).caseNo).toMatch(/^MQ\d{12}$/);
    } finally {
      await second.close();
      await first.drop();
    }
  });

  it('rejects a MySQL database name that would need quoting', async () => {
    await expect(openDatabase({ dialect: 'mysql', ...MARIADB, database: 'hotline`; DROP DATABASE mysql; --' })).rejects.toThrow(/invalid database name/);
  });

  it('keeps two open databases apart', async () => {
    const sqlite = await openTestDatabase('sqlite', { migrated: true });
    const mariadb = await openTestDatabase('mariadb', { migrated: true });
    try {
      await seed(sqlite.db, { password: 'Test-Password-1' });
      await seed(mariadb.db, { password: 'Test-Password-1' });
      const agentId = async (db: Database) => (await db.models.User.findOne({ where: { username: 'agent1' } }))!.id;

      await createCase(sqlite.db, caseInput, { userId: await agentId(sqlite.db) });
      await createCase(sqlite.db, caseInput, { userId: await agentId(sqlite.db) });
      await createCase(mariadb.db, caseInput, { userId: await agentId(mariadb.db) });

      expect((await listCases(sqlite.db, { limit: 10 })).total).toBe(2);
      expect((await listCases(mariadb.db, { limit: 10 })).total).toBe(1);
    } finally {
      await sqlite.drop();
      await mariadb.drop();
    }
  });
});

describe('dbOptionsFromConfig', () => {
  it('uses the SQLite file under data/ by default', () => {
    expect(dbOptionsFromConfig(loadDbConfig({}))).toMatchObject({ dialect: 'sqlite', storage: 'data/hotline.sqlite' });
  });

  it('maps the MySQL settings', () => {
    const config = loadDbConfig({ DB_DIALECT: 'mysql', DB_HOST: 'db.internal', DB_PORT: '3307', DB_NAME: 'hotline', DB_USER: 'app', DB_PASSWORD: 'pw' });

    expect(dbOptionsFromConfig(config)).toEqual({
      dialect: 'mysql',
      host: 'db.internal',
      port: 3307,
      database: 'hotline',
      user: 'app',
      password: 'pw',
      logger: undefined,
    });
  });

  it('reports an unknown dialect', () => {
    expect(() => loadDbConfig({ DB_DIALECT: 'oracle' })).toThrow(/DB_DIALECT/);
  });
});
