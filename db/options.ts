/**
 * How to reach the database: SQLite (the embedded default) or MySQL 8 / MariaDB through mysql2.
 */
import type { Logger } from 'pino';
import type { DbConfig } from '../server/config';

interface CommonOptions {
  /** Receives migration progress, retries and, at `trace` level, every SQL statement. Silent by default. */
  logger?: Logger;
}

export interface SqliteOptions extends CommonOptions {
  dialect: 'sqlite';
  /** File of the database, relative to the working directory, whose folder is created. `:memory:` keeps it in memory. */
  storage: string;
}

export interface MysqlOptions extends CommonOptions {
  dialect: 'mysql';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  /** Create the database (utf8mb4) when it does not exist. True by default. */
  createDatabase?: boolean;
  /** Maximum connections in the pool, 10 by default. */
  poolMax?: number;
}

export type DbOptions = SqliteOptions | MysqlOptions;

/** Builds the options for `openDatabase` from the `DB_*` settings of the configuration. */
export function dbOptionsFromConfig(config: DbConfig, logger?: Logger): DbOptions {
  if (config.DB_DIALECT === 'sqlite') {
    return { dialect: 'sqlite', storage: config.DB_STORAGE, logger };
  }
  return {
    dialect: 'mysql',
    host: config.DB_HOST,
    port: config.DB_PORT,
    database: config.DB_NAME,
    user: config.DB_USER,
    password: config.DB_PASSWORD,
    logger,
  };
}
