/**
 * What the case workflow stores besides the state: the units a case is dispatched to, the
 * facts that decide the next actions (pending extension, pending escalation, supervision),
 * the version for optimistic concurrency, the order of the units' inboxes and the log of every
 * view of a protected reporter's identity.
 */
import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

const flag = () => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
const counter = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });

const CASE_COLUMNS = {
  version: counter(),
  priority: counter(),
  supervised: flag(),
  extension_pending: flag(),
  extension_requested_days: { type: DataTypes.INTEGER, allowNull: true },
  extension_days: counter(),
  escalation_pending: flag(),
  escalation_major: flag(),
  escalated_to_user_id: reference('users', true),
  reopen_count: counter(),
  merged_into_case_id: reference('cases', true),
  identity_released: flag(),
  satisfaction: { type: DataTypes.STRING(24), allowNull: true },
  dispatched_at: dateTime(true),
  due_at: dateTime(true),
} as const;

export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  for (const [column, definition] of Object.entries(CASE_COLUMNS)) {
    await queryInterface.addColumn('cases', column, definition);
  }
  // Real-name matters come first in the units' inboxes.
  await queryInterface.sequelize.query('UPDATE cases SET priority = 1 WHERE anonymous = false');
  await queryInterface.addIndex('cases', ['escalated_to_user_id', 'escalation_pending'], { name: 'cases_escalated_to_user_id_pending' });
  await queryInterface.addIndex('cases', ['merged_into_case_id'], { name: 'cases_merged_into_case_id' });

  await queryInterface.createTable(
    'case_units',
    {
      id: id(),
      case_id: reference('cases', false),
      org_unit_id: reference('org_units', false),
      role: { type: DataTypes.STRING(8), allowNull: false },
      state: { type: DataTypes.STRING(16), allowNull: false },
      created_at: dateTime(),
      updated_at: dateTime(),
    },
    options,
  );
  await queryInterface.addIndex('case_units', ['case_id', 'org_unit_id'], { name: 'case_units_case_id_org_unit_id', unique: true });
  await queryInterface.addIndex('case_units', ['org_unit_id', 'state'], { name: 'case_units_org_unit_id_state' });

  await queryInterface.createTable(
    'identity_views',
    {
      id: id(),
      case_id: reference('cases', false),
      user_id: reference('users', false),
      kind: { type: DataTypes.STRING(16), allowNull: false },
      reason: { type: DataTypes.STRING(500), allowNull: true },
      created_at: dateTime(),
    },
    options,
  );
  await queryInterface.addIndex('identity_views', ['case_id', 'id'], { name: 'identity_views_case_id_id' });
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('identity_views');
  await queryInterface.dropTable('case_units');
  if (queryInterface.sequelize.getDialect() !== 'sqlite') {
    // MySQL drops the foreign keys with their columns (Sequelize does that first) and an index
    // once all of its columns are gone.
    for (const column of Object.keys(CASE_COLUMNS).reverse()) {
      await queryInterface.removeColumn('cases', column);
    }
    return;
  }

  // SQLite removes a column by copying the table, which loses its indexes, so the indexes of
  // the earlier migrations are created again afterwards.
  await queryInterface.removeIndex('cases', 'cases_merged_into_case_id');
  await queryInterface.removeIndex('cases', 'cases_escalated_to_user_id_pending');
  const indexes = (await queryInterface.showIndex('cases')) as { name: string; unique: boolean; fields: { attribute: string }[] }[];
  for (const column of Object.keys(CASE_COLUMNS).reverse()) {
    await queryInterface.removeColumn('cases', column);
  }
  const remaining = new Set(((await queryInterface.showIndex('cases')) as { name: string }[]).map((index) => index.name));
  for (const index of indexes) {
    if (remaining.has(index.name) || index.name.startsWith('sqlite_autoindex')) continue;
    await queryInterface.addIndex('cases', index.fields.map((field) => field.attribute), { name: index.name, unique: index.unique });
  }
};
