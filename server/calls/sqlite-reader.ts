/**
 * A SQLite connection of its own for the screen pop's reads, outside Sequelize. Sequelize runs
 * the statements of one connection strictly one after another, and each waits for an event-loop
 * turn before the next starts. Under CPU contention those turns slow down, and a burst of
 * calls queued its lookups for seconds. This connection stays in node-sqlite3's default
 * parallel mode, so the statements issued meanwhile all run and complete in the same turn.
 */
import sqlite3 from 'sqlite3';
import type { Database } from '../../db/database';

/** One reader per open database file; the connection lives as long as the process. */
const readers = new WeakMap<Database, Promise<sqlite3.Database>>();

/**
 * Runs `sql` with `:name` replacements (escaped as Sequelize escapes them, arrays as lists) on
 * the reader of `db` and returns its rows. Returns null when `db` is not a SQLite file (MySQL or
 * `:memory:`, whose data a second connection would not see), so the caller uses Sequelize.
 */
export async function selectOnSqliteReader<Row>(db: Database, sql: string, replacements: Record<string, unknown>): Promise<Row[] | null> {
  // `options` is public in Sequelize 6 but missing from its type declarations.
  const options = (db.sequelize as unknown as { options: { storage?: string } }).options;
  const storage = db.dialect === 'sqlite' ? (options.storage ?? ':memory:') : ':memory:';
  if (storage === ':memory:') return null;

  let reader = readers.get(db);
  if (!reader) {
    reader = openReader(storage);
    readers.set(db, reader);
    reader.catch(() => readers.delete(db));
  }
  const connection = await reader;
  const text = sql.replace(/:(\w+)/g, (token, name: string) => {
    if (!(name in replacements)) throw new Error(`missing replacement :${name} in the screen-pop query`);
    const value = replacements[name];
    return Array.isArray(value) ? value.map((item) => db.sequelize.escape(item)).join(', ') : db.sequelize.escape(value as string);
  });
  return new Promise((resolve, reject) => {
    connection.all(text, (error: Error | null, rows: Row[]) => (error ? reject(error) : resolve(rows)));
  });
}

function openReader(storage: string): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const connection = new sqlite3.Database(storage, sqlite3.OPEN_READWRITE, (error) => (error ? reject(error) : resolve(connection)));
  });
}
