/**
 * Opening and closing the database, and running work in a transaction on either dialect.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { pino, type Logger } from 'pino';
import { Sequelize, Transaction } from 'sequelize';
import { defineModels, type Models } from './models';
import type { DbOptions, MysqlOptions, SqliteOptions } from './options';

export interface Database {
  sequelize: Sequelize;
  models: Models;
  dialect: DbOptions['dialect'];
  logger: Logger;
  /**
   * Runs `work` in one transaction: commits when it resolves, rolls back when it throws.
   * On SQLite, transactions of this Database run one after another, because SQLite has one
   * writer at a time. So `work` must not call `transaction` (or a repository that writes),
   * which would wait for itself. On MySQL, the whole of `work` is retried (up to 3 attempts)
   * when the server aborts it as a deadlock victim, so `work` must only touch the database.
   */
  transaction<T>(work: (transaction: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const MAX_DEADLOCK_ATTEMPTS = 3;

/**
 * Connects to the database described by `options` and defines the models. It does not create
 * the schema: call `migrate` for that. For MySQL, the database itself is created (utf8mb4)
 * when it is missing, unless `createDatabase` is false.
 */
export async function openDatabase(options: DbOptions): Promise<Database> {
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'db' });
  const logging = logger.isLevelEnabled('trace') ? (sql: string) => logger.trace({ sql }, 'sql') : false;

  const sequelize = options.dialect === 'sqlite' ? await openSqlite(options, logging) : await openMysql(options, logging, logger);
  const models = defineModels(sequelize);
  const transaction = options.dialect === 'sqlite' ? serialized(sequelize) : retriedOnDeadlock(sequelize, logger);

  logger.info({ dialect: options.dialect }, 'database opened');
  return {
    sequelize,
    models,
    dialect: options.dialect,
    logger,
    transaction,
    async close() {
      await sequelize.close();
      logger.info('database closed');
    },
  };
}

type Logging = false | ((sql: string) => void);

async function openSqlite(options: SqliteOptions, logging: Logging): Promise<Sequelize> {
  const inMemory = options.storage === ':memory:';
  const storage = inMemory ? ':memory:' : resolve(options.storage);
  if (!inMemory) {
    mkdirSync(dirname(storage), { recursive: true });
  }

  // IMMEDIATE takes the write lock at BEGIN, so a transaction that reads first cannot be refused
  // the lock later, when it starts to write. While another process holds the lock, BEGIN waits up to
  // the 1000 ms busy timeout that node-sqlite3 5 sets on every connection it opens.
  const sequelize = new Sequelize({ dialect: 'sqlite', storage, logging, transactionType: Transaction.TYPES.IMMEDIATE });
  await sequelize.authenticate();
  if (!inMemory) {
    // With write-ahead logging, readers and the one writer do not block each other.
    await sequelize.query('PRAGMA journal_mode = WAL');
  }
  return sequelize;
}

async function openMysql(options: MysqlOptions, logging: Logging, logger: Logger): Promise<Sequelize> {
  if (!/^[A-Za-z0-9_$]{1,64}$/.test(options.database)) {
    throw new Error(`invalid database name '${options.database}': use letters, digits, _ and $ only`);
  }
  if (options.createDatabase !== false) {
    await createDatabaseIfMissing(options, logger);
  }

  const sequelize = new Sequelize(options.database, options.user, options.password, {
    dialect: 'mysql',
    host: options.host,
    port: options.port,
    logging,
    // Dates are stored in UTC, whatever the time zone of the server.
    timezone: '+00:00',
    dialectOptions: { charset: 'utf8mb4_unicode_ci' },
    define: { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' },
    pool: { max: options.poolMax ?? 10, min: 0, acquire: 30_000, idle: 10_000 },
  });
  await sequelize.authenticate();
  return sequelize;
}

async function createDatabaseIfMissing(options: MysqlOptions, logger: Logger): Promise<void> {
  const connection = await mysql.createConnection({
    host: options.host,
    port: options.port,
    user: options.user,
    password: options.password,
  });
  try {
    const [result] = await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${options.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    if ((result as { warningStatus?: number }).warningStatus === 0) {
      logger.info({ database: options.database }, 'database created');
    }
  } finally {
    await connection.end();
  }
}

function serialized(sequelize: Sequelize): Database['transaction'] {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: (transaction: Transaction) => Promise<T>): Promise<T> => {
    const result = queue.then(() => sequelize.transaction((transaction) => work(transaction)));
    queue = result.catch(() => undefined);
    return result;
  };
}

function retriedOnDeadlock(sequelize: Sequelize, logger: Logger): Database['transaction'] {
  return async <T>(work: (transaction: Transaction) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await sequelize.transaction((transaction) => work(transaction));
      } catch (error) {
        if (attempt >= MAX_DEADLOCK_ATTEMPTS || !isDeadlock(error)) {
          throw error;
        }
        logger.warn({ attempt, err: error }, 'transaction chosen as deadlock victim, retrying');
      }
    }
  };
}

function isDeadlock(error: unknown): boolean {
  const parent = (error as { parent?: { code?: string } } | null)?.parent;
  return parent?.code === 'ER_LOCK_DEADLOCK';
}
