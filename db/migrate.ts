/**
 * Schema migrations with umzug. Each migration receives Sequelize's QueryInterface, so one
 * migration works on SQLite and on MySQL/MariaDB. Applied migrations are recorded in the
 * `SequelizeMeta` table.
 */
import { DataTypes, type QueryInterface } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Database } from './database';
import { MIGRATIONS } from './migrations';

/**
 * Defines the table of applied migrations. umzug's own definition forces the utf8 (utf8mb3)
 * character set on MySQL, so this one leaves it to the utf8mb4 defaults of every other table.
 */
function migrationMetaModel(db: Database) {
  return (
    db.sequelize.models.SequelizeMeta ??
    db.sequelize.define(
      'SequelizeMeta',
      { name: { type: DataTypes.STRING, allowNull: false, unique: true, primaryKey: true, autoIncrement: false } },
      { tableName: 'SequelizeMeta', timestamps: false },
    )
  );
}

function createMigrator(db: Database): Umzug<QueryInterface> {
  const logger = db.logger;
  return new Umzug({
    migrations: MIGRATIONS,
    context: db.sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ model: migrationMetaModel(db) }),
    logger: {
      info: (message) => logger.info(message, 'migration'),
      warn: (message) => logger.warn(message, 'migration'),
      error: (message) => logger.error(message, 'migration'),
      debug: (message) => logger.debug(message, 'migration'),
    },
  });
}

/** Applies every pending migration and returns the names of those it applied. */
export async function migrate(db: Database): Promise<string[]> {
  const applied = await createMigrator(db).up();
  return applied.map((migration) => migration.name);
}

/**
 * Reverts migrations, newest first: all of them when `to` is 0, otherwise down to and
 * including the named one. Returns the names of those it reverted.
 */
export async function migrateDown(db: Database, options: { to: 0 | string }): Promise<string[]> {
  const reverted = await createMigrator(db).down({ to: options.to });
  return reverted.map((migration) => migration.name);
}

/** Names of the migrations not yet applied, oldest first. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const pending = await createMigrator(db).pending();
  return pending.map((migration) => migration.name);
}
