import { DataTypes } from 'sequelize';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  await queryInterface.createTable(
    'calls',
    {
      id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      channel_id: { type: DataTypes.STRING(64), allowNull: false },
      caller_number: { type: DataTypes.STRING(32), allowNull: false },
      caller_name: { type: DataTypes.STRING(100), allowNull: false },
      called_number: { type: DataTypes.STRING(32), allowNull: false },
      ivr_choice: { type: DataTypes.STRING(16), allowNull: true },
      skill: { type: DataTypes.STRING(16), allowNull: true },
      started_at: dateTime(),
      queued_at: dateTime(true),
      offered_at: dateTime(true),
      answered_at: dateTime(true),
      ended_at: dateTime(true),
      ended_by: { type: DataTypes.STRING(16), allowNull: true },
      end_phase: { type: DataTypes.STRING(16), allowNull: true },
      agent_user_id: reference('users', true),
      recording_name: { type: DataTypes.STRING(255), allowNull: true },
      bridge_id: { type: DataTypes.STRING(64), allowNull: true },
    },
    options,
  );
  // The repeat-caller flag counts a number's calls since a date.
  await queryInterface.addIndex('calls', ['caller_number', 'started_at'], { name: 'calls_caller_number_started_at' });
  await queryInterface.addIndex('calls', ['started_at'], { name: 'calls_started_at' });

  await queryInterface.createTable(
    'call_offers',
    {
      id: id(),
      call_id: { ...reference('calls', false, DataTypes.STRING(64)), onDelete: 'CASCADE' },
      agent_user_id: reference('users', false),
      offered_at: dateTime(),
      ended_at: dateTime(true),
      outcome: { type: DataTypes.STRING(16), allowNull: true },
    },
    options,
  );
  await queryInterface.addIndex('call_offers', ['call_id'], { name: 'call_offers_call_id' });
  await queryInterface.addIndex('call_offers', ['agent_user_id', 'offered_at'], { name: 'call_offers_agent_offered_at' });
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('call_offers');
  await queryInterface.dropTable('calls');
};
