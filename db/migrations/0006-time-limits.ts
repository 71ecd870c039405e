/**
 * Time limits of dispatched cases: the working-day calendar, the site's limit settings, the
 * running deadlines of each case and the supervision notices (督办单) raised when one is missed.
 */
import { DataTypes } from 'sequelize';
import { CN_CALENDAR_OVERRIDES } from '../../server/workflow/holidays-cn';
import { dateTime, id, reference, tableOptions, type Migration } from './schema-helpers';

export const up: Migration = async ({ context: queryInterface }) => {
  const options = tableOptions(queryInterface);

  // Days that differ from the plain Monday-to-Friday week: public holidays and make-up working days.
  await queryInterface.createTable(
    'calendar_days',
    {
      day: { type: DataTypes.STRING(10), primaryKey: true, allowNull: false },
      kind: { type: DataTypes.STRING(8), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      updated_by_id: reference('users', true),
      updated_at: dateTime(),
    },
    options,
  );
  // The published arrangements at the time of writing; admins add later years through the API.
  const seededAt = new Date();
  if (CN_CALENDAR_OVERRIDES.length > 0) {
    await queryInterface.bulkInsert(
      'calendar_days',
      CN_CALENDAR_OVERRIDES.map((override) => ({ day: override.date, kind: override.kind, name: override.name, updated_by_id: null, updated_at: seededAt })),
    );
  }

  // One row (id 1) once an admin saved settings; without it the built-in defaults apply.
  await queryInterface.createTable(
    'time_limit_settings',
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
      settings: { type: DataTypes.TEXT, allowNull: false },
      updated_by_id: reference('users', true),
      updated_at: dateTime(),
    },
    options,
  );

  await queryInterface.createTable(
    'case_deadlines',
    {
      id: id(),
      case_id: reference('cases', false),
      // The unit whose clock it is: the lead unit when the clock started.
      org_unit_id: reference('org_units', true),
      stage: { type: DataTypes.STRING(16), allowNull: false },
      limit_amount: { type: DataTypes.INTEGER, allowNull: false },
      limit_unit: { type: DataTypes.STRING(16), allowNull: false },
      started_at: dateTime(),
      due_at: dateTime(),
      // When the yellow warning starts, computed on the working-day calendar when the clock starts.
      warn_at: dateTime(),
      level: { type: DataTypes.STRING(8), allowNull: false, defaultValue: 'normal' },
      level_changed_at: dateTime(true),
      // Next moment the scheduler must look at the row (warn_at, then due_at); null once red, met or cancelled.
      next_check_at: dateTime(true),
      met_at: dateTime(true),
      cancelled_at: dateTime(true),
      // The scheduler pass that last changed the row, so that pass can find the rows it claimed.
      pass_id: { type: DataTypes.STRING(36), allowNull: true },
    },
    options,
  );
  await queryInterface.addIndex('case_deadlines', ['case_id', 'stage'], { name: 'case_deadlines_case_id_stage' });
  await queryInterface.addIndex('case_deadlines', ['next_check_at'], { name: 'case_deadlines_next_check_at' });
  await queryInterface.addIndex('case_deadlines', ['pass_id'], { name: 'case_deadlines_pass_id' });

  await queryInterface.createTable(
    'supervision_notices',
    {
      id: id(),
      case_id: reference('cases', false),
      deadline_id: reference('case_deadlines', false),
      org_unit_id: reference('org_units', true),
      stage: { type: DataTypes.STRING(16), allowNull: false },
      // The due date that was missed; an extension gives the deadline a new one.
      due_at: dateTime(),
      created_at: dateTime(),
      escalated_at: dateTime(true),
      resolved_at: dateTime(true),
      // `met`, `extended` or `cancelled`, once resolved.
      resolution: { type: DataTypes.STRING(16), allowNull: true },
      pass_id: { type: DataTypes.STRING(36), allowNull: true },
    },
    options,
  );
  // At most one notice per missed due date, whichever scheduler node sees it first.
  await queryInterface.addIndex('supervision_notices', ['deadline_id', 'due_at'], { name: 'supervision_notices_deadline_id_due_at', unique: true });
  await queryInterface.addIndex('supervision_notices', ['resolved_at', 'escalated_at', 'due_at'], { name: 'supervision_notices_open' });
  await queryInterface.addIndex('supervision_notices', ['case_id'], { name: 'supervision_notices_case_id' });
  await queryInterface.addIndex('supervision_notices', ['pass_id'], { name: 'supervision_notices_pass_id' });
};

export const down: Migration = async ({ context: queryInterface }) => {
  await queryInterface.dropTable('supervision_notices');
  await queryInterface.dropTable('case_deadlines');
  await queryInterface.dropTable('time_limit_settings');
  await queryInterface.dropTable('calendar_days');
};
