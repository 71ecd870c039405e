import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  await queryInterface.createTable(
    'enterprises',
    {
      id: id(),
      name: { type: DataTypes.STRING(200), allowNull: false },
      credit_code: { type: DataTypes.STRING(18), allowNull: false, unique: true },
      address: { type: DataTypes.STRING(255), allowNull: true },
      township_id: reference('org_units', true),
      contact_name: { type: DataTypes.STRING(64), allowNull: true },
      created_at: dateTime(),
      updated_at: dateTime(),
    },
    options,
  );
  await queryInterface.addIndex('enterprises', ['name'], { name: 'enterprises_name' });
  await queryInterface.addIndex('enterprises', ['township_id'], { name: 'enterprises_township_id' });

  await queryInterface.createTable(
    'enterprise_contacts',
    {
      id: id(),
      enterprise_id: { ...reference('enterprises', false), onDelete: 'CASCADE' },
      phone: { type: DataTypes.STRING(32), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: true },
    },
    options,
  );
  await queryInterface.addIndex('enterprise_contacts', ['enterprise_id', 'phone'], {
    name: 'enterprise_contacts_enterprise_phone',
    unique: true,
  });
  // The screen pop looks enterprises up by the caller's number.
  await queryInterface.addIndex('enterprise_contacts', ['phone'], { name: 'enterprise_contacts_phone' });
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('enterprise_contacts');
  await queryInterface.dropTable('enterprises');
};
