import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

/**
 * Department platforms (二次推送): the webhook endpoint of each unit with a system of its own,
 * the deliveries of dispatched cases to those endpoints, and every attempt of each delivery.
 */
export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  await queryInterface.createTable(
    'unit_endpoints',
    {
      id: id(),
      org_unit_id: { ...reference('org_units', false), unique: true },
      url: { type: DataTypes.STRING(500), allowNull: false },
      // HMAC-SHA256 key shared with the unit; stored as it is, because signing needs it.
      secret: { type: DataTypes.STRING(128), allowNull: false },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      created_at: dateTime(),
      updated_at: dateTime(),
    },
    options,
  );

  await queryInterface.createTable(
    'deliveries',
    {
      id: id(),
      case_id: reference('cases', false),
      org_unit_id: reference('org_units', false),
      event: { type: DataTypes.STRING(32), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'pending' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      next_attempt_at: dateTime(true),
      // A worker owns the delivery until then, so two workers never send it at once.
      locked_until: dateTime(true),
      response_code: { type: DataTypes.INTEGER, allowNull: true },
      last_error: { type: DataTypes.STRING(500), allowNull: true },
      delivered_at: dateTime(true),
      created_at: dateTime(),
      updated_at: dateTime(),
    },
    options,
  );
  await queryInterface.addIndex('deliveries', ['status', 'next_attempt_at'], { name: 'deliveries_status_next_attempt_at' });
  await queryInterface.addIndex('deliveries', ['case_id', 'org_unit_id'], { name: 'deliveries_case_id_org_unit_id' });

  await queryInterface.createTable(
    'delivery_attempts',
    {
      id: id(),
      delivery_id: reference('deliveries', false),
      attempt: { type: DataTypes.INTEGER, allowNull: false },
      started_at: dateTime(),
      response_code: { type: DataTypes.INTEGER, allowNull: true },
      succeeded: { type: DataTypes.BOOLEAN, allowNull: false },
      error: { type: DataTypes.STRING(500), allowNull: true },
    },
    options,
  );
  await queryInterface.addIndex('delivery_attempts', ['delivery_id', 'attempt'], { name: 'delivery_attempts_delivery_id_attempt', unique: true });
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('delivery_attempts');
  await queryInterface.dropTable('deliveries');
  await queryInterface.dropTable('unit_endpoints');
};
