import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, migrateDown, pendingMigrations } from '../../db';
import { MIGRATIONS } from '../../db/migrations';
import { DIALECTS, openTestDatabase, type TestDatabase } from './test-database';

const TABLES = [
  'agent_profiles',
  'attachments',
  'calendar_days',
  'call_offers',
  'calls',
  'case_deadlines',
  'case_events',
  'case_query_codes',
  'case_sequences',
  'case_units',
  'cases',
  'categories',
  'deliveries',
  'delivery_attempts',
  'enterprise_contacts',
  'enterprises',
  'idempotency_keys',
  'identity_views',
  'intake_api_keys',
  'org_units',
  'supervision_notices',
  'time_limit_settings',
  'unit_endpoints',
  'users',
];

async function tableNames(test: TestDatabase): Promise<string[]> {
  const tables = (await test.db.sequelize.getQueryInterface().showAllTables()) as (string | { tableName: string })[];
  return tables
    .map((table) => (typeof table === 'string' ? table : table.tableName))
    .filter((name) => name !== 'SequelizeMeta')
    .sort();
}

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase(dialect);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('create every table on an empty database', async () => {
    expect(await tableNames(test)).toEqual([]);

    const applied = await migrate(test.db);

    expect(applied).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await tableNames(test)).toEqual(TABLES);
    expect(await pendingMigrations(test.db)).toEqual([]);
  });

  it('apply nothing when run again', async () => {
    expect(await migrate(test.db)).toEqual([]);
  });

  it('index the columns the screen pop and lists query', async () => {
    const indexes = (await test.db.sequelize.getQueryInterface().showIndex('cases')) as { name: string }[];
    const names = indexes.map((index) => index.name);

    for (const name of ['cases_caller_number_created_at', 'cases_enterprise_id_created_at', 'cases_state_created_at', 'cases_created_at']) {
      expect(names).toContain(name);
    }
  });

  it('drop every table when reverted to the start', async () => {
    const reverted = await migrateDown(test.db, { to: 0 });

    expect(reverted).toEqual(MIGRATIONS.map((migration) => migration.name).reverse());
    expect(await tableNames(test)).toEqual([]);
    expect(await pendingMigrations(test.db)).toHaveLength(MIGRATIONS.length);
  });

  it('migrate up again after a full revert', async () => {
    await migrate(test.db);

    expect(await tableNames(test)).toEqual(TABLES);
  });
});

describe('migrations on mariadb', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await openTestDatabase('mariadb', { migrated: true });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('create the database and every table in utf8mb4', async () => {
    const [schemas] = await test.db.sequelize.query(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      { replacements: [test.name] },
    );
    const [tables] = await test.db.sequelize.query(
      'SELECT TABLE_NAME AS name, TABLE_COLLATION AS collation, ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      { replacements: [test.name] },
    );

    expect(schemas).toEqual([{ charset: 'utf8mb4' }]);
    for (const table of tables as { name: string; collation: string; engine: string }[]) {
      expect(table.collation, table.name).toBe('utf8mb4_unicode_ci');
      expect(table.engine, table.name).toBe('InnoDB');
    }
  });

  it('store times with milliseconds', async () => {
    const [columns] = await test.db.sequelize.query(
      "SELECT DATETIME_PRECISION AS precision_ FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'calls' AND COLUMN_NAME = 'started_at'",
      { replacements: [test.name] },
    );

    expect(columns).toEqual([{ precision_: 3 }]);
  });
});
