import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  await queryInterface.createTable(
    'org_units',
    {
      id: id(),
      code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(100), allowNull: false },
      type: { type: DataTypes.STRING(16), allowNull: false },
      parent_id: reference('org_units', true),
      duty_phone: { type: DataTypes.STRING(32), allowNull: true },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    },
    options,
  );
  await queryInterface.addIndex('org_units', ['parent_id'], { name: 'org_units_parent_id' });

  await queryInterface.createTable(
    'users',
    {
      id: id(),
      username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
      password_hash: { type: DataTypes.STRING(100), allowNull: false },
      display_name: { type: DataTypes.STRING(64), allowNull: false },
      role: { type: DataTypes.STRING(16), allowNull: false },
      org_unit_id: reference('org_units', false),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: dateTime(),
      updated_at: dateTime(),
    },
    options,
  );
  await queryInterface.addIndex('users', ['org_unit_id'], { name: 'users_org_unit_id' });

  await queryInterface.createTable(
    'agent_profiles',
    {
      user_id: { ...reference('users', false), primaryKey: true, onDelete: 'CASCADE' },
      extension: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      skills: { type: DataTypes.TEXT, allowNull: false },
    },
    options,
  );
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('agent_profiles');
  await queryInterface.dropTable('users');
  await queryInterface.dropTable('org_units');
};
