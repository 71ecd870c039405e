import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  await queryInterface.createTable(
    'categories',
    {
      id: id(),
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      parent_id: reference('categories', true),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    },
    options,
  );
  await queryInterface.addIndex('categories', ['parent_id'], { name: 'categories_parent_id' });

  await queryInterface.createTable(
    'cases',
    {
      id: id(),
      case_no: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      channel: { type: DataTypes.STRING(16), allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      category_id: reference('categories', true),
      enterprise_id: reference('enterprises', true),
      caller_name: { type: DataTypes.STRING(64), allowNull: true },
      caller_number: { type: DataTypes.STRING(32), allowNull: true },
      anonymous: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      confidential: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      title: { type: DataTypes.STRING(200), allowNull: false },
      content: { type: DataTypes.TEXT, allowNull: false },
      state: { type: DataTypes.STRING(24), allowNull: false, defaultValue: 'registered' },
      // Unique but nullable: both dialects allow many NULLs in a unique column.
      call_id: { ...reference('calls', true, DataTypes.STRING(64)), unique: true },
      created_by_id: reference('users', false),
      handling_unit_id: reference('org_units', true),
      created_at: dateTime(),
      updated_at: dateTime(),
    },
    options,
  );
  // What the screen pop and the case lists filter and sort on.
  await queryInterface.addIndex('cases', ['caller_number', 'created_at'], { name: 'cases_caller_number_created_at' });
  await queryInterface.addIndex('cases', ['enterprise_id', 'created_at'], { name: 'cases_enterprise_id_created_at' });
  await queryInterface.addIndex('cases', ['state', 'created_at'], { name: 'cases_state_created_at' });
  await queryInterface.addIndex('cases', ['created_by_id', 'created_at'], { name: 'cases_created_by_id_created_at' });
  await queryInterface.addIndex('cases', ['created_at'], { name: 'cases_created_at' });
  await queryInterface.addIndex('cases', ['handling_unit_id', 'state'], { name: 'cases_handling_unit_id_state' });

  await queryInterface.createTable(
    'case_events',
    {
      id: id(),
      case_id: reference('cases', false),
      type: { type: DataTypes.STRING(32), allowNull: false },
      from_state: { type: DataTypes.STRING(24), allowNull: true },
      to_state: { type: DataTypes.STRING(24), allowNull: true },
      actor_user_id: reference('users', true),
      note: { type: DataTypes.TEXT, allowNull: true },
      data: { type: DataTypes.TEXT, allowNull: true },
      created_at: dateTime(),
    },
    options,
  );
  await queryInterface.addIndex('case_events', ['case_id', 'id'], { name: 'case_events_case_id_id' });

  await queryInterface.createTable(
    'case_sequences',
    {
      day: { type: DataTypes.STRING(8), primaryKey: true, allowNull: false },
      last_value: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    options,
  );
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('case_sequences');
  await queryInterface.dropTable('case_events');
  await queryInterface.dropTable('cases');
  await queryInterface.dropTable('categories');
};
