/**
 * A fresh database per test file, on SQLite (a file in a temporary folder) or on the local
 * MariaDB (a database named `mq_t_<random>`, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { migrate, openDatabase, type Database } from '../../db';

export const DIALECTS = ['sqlite', 'mariadb'] as const;
export type TestDialect = (typeof DIALECTS)[number];

export const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' };

export interface TestDatabase {
  db: Database;
  /** Name of the MariaDB database, or path of the SQLite file. */
  name: string;
  /** Closes the database and removes it. */
  drop(): Promise<void>;
}

/** Opens an empty database, and with `migrated` creates the schema too. */
export async function openTestDatabase(dialect: TestDialect, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const test = dialect === 'sqlite' ? await openSqlite() : await openMariadb();
  if (options.migrated) {
    await migrate(test.db);
  }
  return test;
}

async function openSqlite(): Promise<TestDatabase> {
  const folder = mkdtempSync(join(tmpdir(), 'mq-db-'));
  const storage = join(folder, 'hotline.sqlite');
  const db = await openDatabase({ dialect: 'sqlite', storage });
  return {
    db,
    name: storage,
    async drop() {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

async function openMariadb(): Promise<TestDatabase> {
  const database = `mq_t_${randomBytes(6).toString('hex')}`;
  const db = await openDatabase({ dialect: 'mysql', ...MARIADB, database });
  return {
    db,
    name: database,
    async drop() {
      await db.close();
      const connection = await mysql.createConnection(MARIADB);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
